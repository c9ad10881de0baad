/**
 * Default assessment rubric (考核细则) for outsourced greening maintenance
 * (绿化养护) of an office campus, version 2026.1.
 *
 * The items follow published landscape maintenance practice:
 * - CJJ/T 287-2018 园林绿化养护标准 (maintenance grades 养护等级: trees, shrubs,
 *   hedges, lawns, ground cover and seasonal flowers; watering, fertilising,
 *   pruning, pest control, winter protection, replanting, site cleanliness);
 * - municipal 园林绿化养护管理标准 and greening assessment sheets (plant survival
 *   ≥ 95 %, no bare soil 黄土不露天, clippings removed the same day, dead plants
 *   replanted in season);
 * - 《农药管理条例》 and the national list of banned and restricted pesticides
 *   (禁限用农药名录); 《城市古树名木保护管理办法》 for old and protected trees;
 * - 党政机关办公区物业管理服务规范 (greening section: spraying notice, work safety).
 *
 * "Dead plants not replaced" is two items: the first finding, and the costlier
 * one after a written notice (书面督办) is ignored. A published version is never
 * edited: a change is a new version.
 */
import type { Rubric } from "../types";

export const greeningRubric = {
  id: "greening",
  version: "2026.1",
  serviceType: "greening",
  dimensions: [
    {
      id: "quality",
      label: { "zh-CN": "养护质量", en: "Maintenance quality" },
      max: 45,
      source: "findings",
      items: [
        {
          id: "greening.quality.survival-rate",
          label: {
            "zh-CN": "苗木成活率低于95%",
            en: "Plant survival rate below 95 %",
          },
          deduction: { minor: 2, major: 4, critical: 8 },
        },
        {
          id: "greening.quality.dead-plants-not-replaced",
          label: {
            "zh-CN": "死株、缺株未及时清除补植",
            en: "Dead or missing plants not removed and replaced promptly",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "greening.quality.replanting-after-notice",
          label: {
            "zh-CN": "经书面督办后仍未补植",
            en: "Still not replanted after a written notice",
          },
          deduction: { minor: 2, major: 4, critical: 6 },
        },
        {
          id: "greening.quality.bare-soil",
          label: {
            "zh-CN": "地被缺失、黄土裸露",
            en: "Gaps in ground cover, bare soil showing",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 2 },
        },
        {
          id: "greening.quality.pruning",
          label: {
            "zh-CN": "修剪不规范（树形不整、截口不平、大伤口未涂保护剂）",
            en: "Improper pruning (ragged shape, torn cuts, large wounds not sealed)",
          },
          deduction: { minor: 0.3, major: 1, critical: 2 },
        },
        {
          id: "greening.quality.clippings",
          label: {
            "zh-CN": "修剪枝叶未当日清运",
            en: "Clippings not removed the same day",
          },
          deduction: { minor: 0.3, major: 0.5, critical: 1 },
        },
        {
          id: "greening.quality.pests",
          label: {
            "zh-CN": "病虫害防治不及时，出现明显危害",
            en: "Pests or diseases not controlled in time; visible damage",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "greening.quality.lawn",
          label: {
            "zh-CN": "草坪杂草多、未按时修剪",
            en: "Lawn weedy or not mown on schedule",
          },
          deduction: { minor: 0.3, major: 1, critical: 2 },
        },
        {
          id: "greening.quality.watering",
          label: {
            "zh-CN": "浇灌不及时，植株萎蔫、干旱缺水",
            en: "Watering late; plants wilting from drought",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "greening.quality.fertilising",
          label: {
            "zh-CN": "未按养护计划施肥，长势衰弱、叶色发黄",
            en: "Fertiliser not applied as planned; weak growth, yellowing leaves",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "greening.quality.hedges",
          label: {
            "zh-CN": "绿篱、色块轮廓不清，缺株断档",
            en: "Hedges and colour blocks shapeless or with gaps",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "greening.quality.seasonal-flowers",
          label: {
            "zh-CN": "时令花卉未按计划更换或残花未及时清除",
            en: "Seasonal flowers not changed as planned, or spent blooms left",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "greening.quality.winter-protection",
          label: {
            "zh-CN": "未按时做好防寒、防风等季节性防护（涂白、裹干、支撑加固）",
            en: "Winter and storm protection not done on time (trunk whitewash, wrapping, staking)",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "greening.quality.irrigation",
          label: {
            "zh-CN": "灌溉设施损坏、跑冒滴漏未及时维修",
            en: "Irrigation damaged or leaking and not repaired promptly",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "greening.quality.litter",
          label: {
            "zh-CN": "绿地内垃圾、枯枝落叶等杂物未清理",
            en: "Litter, dead branches or fallen leaves left in green spaces",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
      ],
    },
    {
      id: "satisfaction",
      label: { "zh-CN": "满意度", en: "Satisfaction" },
      max: 25,
      source: "survey",
      items: [],
    },
    {
      id: "duty",
      label: { "zh-CN": "履职情况", en: "Duty performance" },
      max: 15,
      source: "findings",
      items: [
        {
          id: "greening.duty.maintenance-plan",
          label: {
            "zh-CN": "未按月报送养护计划或计划未执行",
            en: "Monthly maintenance plan not submitted or not followed",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "greening.duty.work-log",
          label: {
            "zh-CN": "养护日志、用药记录等台账缺失或不全",
            en: "Work log or pesticide-use records missing or incomplete",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "greening.duty.staffing",
          label: {
            "zh-CN": "在岗养护人员少于合同约定",
            en: "Fewer gardeners on site than the contract requires",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "greening.duty.response",
          label: {
            "zh-CN": "交办事项或报修未在规定时限内响应处理",
            en: "Assigned tasks or requests not handled within the set time",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "greening.duty.spraying-notice",
          label: {
            "zh-CN": "喷药未提前告知、未设警示或未避开上下班时段",
            en: "Spraying without prior notice or warning signs, or at office arrival and leaving times",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "greening.duty.work-safety",
          label: {
            "zh-CN": "作业现场未设警示标志，高空修剪无安全防护",
            en: "No warning signs around works; tree work at height without fall protection",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
      ],
    },
    {
      id: "personnel",
      label: { "zh-CN": "人员管理", en: "Personnel management" },
      max: 15,
      source: "findings",
      items: [
        {
          id: "greening.personnel.technician",
          label: {
            "zh-CN": "未按合同配备园林专业技术人员",
            en: "No qualified horticultural technician as the contract requires",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "greening.personnel.certificates",
          label: {
            "zh-CN": "高空作业、植保等岗位人员未持证上岗",
            en: "Staff working at height or applying pesticides without a valid certificate",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "greening.personnel.uniform-badge",
          label: {
            "zh-CN": "未按规定着装、佩戴工牌",
            en: "Uniform not worn or staff badge missing",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "greening.personnel.training",
          label: {
            "zh-CN": "未按计划开展养护技术及安全培训",
            en: "Horticulture or safety training not held as planned",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "greening.personnel.conduct",
          label: {
            "zh-CN": "作业时大声喧哗、乱扔烟头等不文明行为",
            en: "Uncivil behaviour at work (shouting, dropping cigarette ends)",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "greening.personnel.turnover",
          label: {
            "zh-CN": "关键岗位人员未经甲方同意更换，或人员流动频繁",
            en: "Key staff replaced without the client's consent, or high staff turnover",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
      ],
    },
  ],
  vetoItems: [
    {
      id: "greening.veto.banned-pesticide",
      label: {
        "zh-CN": "使用国家禁用农药",
        en: "Use of a pesticide banned by the state",
      },
    },
    {
      id: "greening.veto.protected-trees",
      label: {
        "zh-CN": "损毁古树名木或保护树木",
        en: "Damage to an old, famous or protected tree",
      },
    },
    {
      id: "greening.veto.major-safety-accident",
      label: {
        "zh-CN": "因养护管理责任发生树木倒伏伤人等重大安全事故",
        en: "Major safety accident (e.g. a falling tree injuring someone) caused by poor maintenance",
      },
    },
  ],
  bonusItems: [
    {
      id: "greening.bonus.emergency-support",
      label: {
        "zh-CN": "防汛防台、倒伏树木抢险清障表现突出",
        en: "Outstanding storm or flood duty clearing fallen trees",
      },
      points: 2,
    },
    {
      id: "greening.bonus.commendation",
      label: {
        "zh-CN": "获得上级书面表扬或服务对象赠送锦旗",
        en: "Written commendation from above, or a silk banner (锦旗) from building users",
      },
      points: 1,
    },
    {
      id: "greening.bonus.suggestion-adopted",
      label: {
        "zh-CN": "节水灌溉、景观提升等合理化建议被采纳",
        en: "Improvement suggestion adopted (water-saving irrigation, landscape upgrade)",
      },
      points: 1,
    },
  ],
  bonusCap: 3,
  gradeBands: [
    { grade: "excellent", min: 90 },
    { grade: "good", min: 80 },
    { grade: "pass", min: 60 },
    { grade: "fail", min: 0 },
  ],
  lateFactor: 1.5,
  overdueFactor: 2,
  satisfaction: {
    satisfiedAtOrAbove: 4,
    targetRate: 0.98,
    floorRate: 0.6,
    minRespondents: 10,
  },
  questionnaire: [
    {
      id: "greening.q.landscape",
      label: { "zh-CN": "绿化景观整体效果", en: "Overall look of the grounds" },
    },
    {
      id: "greening.q.plant-health",
      label: { "zh-CN": "花草树木长势", en: "Health of trees, shrubs and flowers" },
    },
    {
      id: "greening.q.lawn",
      label: { "zh-CN": "草坪养护", en: "Lawn care" },
    },
    {
      id: "greening.q.pruning",
      label: { "zh-CN": "修剪造型", en: "Pruning and shaping" },
    },
    {
      id: "greening.q.tidiness",
      label: { "zh-CN": "作业后现场清洁", en: "Site left clean after work" },
    },
    {
      id: "greening.q.pest-control",
      label: {
        "zh-CN": "病虫害防治（不影响办公）",
        en: "Pest control without disturbing work",
      },
    },
    {
      id: "greening.q.seasonal-flowers",
      label: { "zh-CN": "时令花卉摆放", en: "Seasonal flower displays" },
    },
    {
      id: "greening.q.responsiveness",
      label: { "zh-CN": "需求与意见的响应", en: "Response to requests and comments" },
    },
  ],
} satisfies Rubric;
