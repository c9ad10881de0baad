/**
 * Default assessment rubric (考核细则) for outsourced property management
 * (物业服务) of government office campuses, version 2026.1.
 *
 * The items follow published practice for office-campus property services:
 * - 党政机关办公区物业管理服务规范 (municipal standards such as DB4103/T 152-2023,
 *   DB2103/T 002-2022: cleaning, security, facilities, confidentiality, supervision
 *   and assessment of the contractor);
 * - GB/T 20647.9-2006 社区服务指南 第9部分：物业服务;
 * - 《物业管理条例》 and the usual property assessment sheets (物业服务考核细则):
 *   facilities intact rate ≥ 98 %, repair timeliness ≥ 92 %, repair pass rate ≥ 98 %,
 *   urgent repairs on site within 30 minutes;
 * - TSG T5002-2017 电梯维护保养规则, GB 25201-2010 建筑消防设施的维护管理
 *   (lift and fire-system checks), GB/T 19095-2019 生活垃圾分类标志.
 *
 * Deductions are on each dimension's own scale, per finding, by severity
 * (一般 minor / 较重 major / 严重 critical). A published version is never edited:
 * a change is a new version.
 */
import type { Rubric } from "../types";

export const propertyRubric = {
  id: "property",
  version: "2026.1",
  serviceType: "property",
  dimensions: [
    {
      id: "quality",
      label: { "zh-CN": "服务质量", en: "Service quality" },
      max: 40,
      source: "findings",
      items: [
        {
          id: "property.quality.cleaning-common-areas",
          label: {
            "zh-CN": "楼道、卫生间、卫生死角保洁不到位",
            en: "Stairwells, toilets or hidden corners not properly cleaned",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "property.quality.cleaning-outdoor",
          label: {
            "zh-CN": "室外道路、广场、停车场有垃圾杂物未及时清扫",
            en: "Litter on roads, squares or car parks not swept up promptly",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "property.quality.waste-sorting",
          label: {
            "zh-CN": "生活垃圾未分类收集或未日产日清",
            en: "Waste not sorted at collection or not cleared the same day",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 2 },
        },
        {
          id: "property.quality.facilities-intact-rate",
          label: {
            "zh-CN": "设施设备完好率低于98%",
            en: "Facilities intact rate below 98 %",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "property.quality.repair-timeliness",
          label: {
            "zh-CN": "维修及时率低于92%",
            en: "Repair timeliness below 92 %",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "property.quality.repair-pass-rate",
          label: {
            "zh-CN": "维修合格率低于98%（同一故障返修）",
            en: "Repair pass rate below 98 % (same fault repaired again)",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "property.quality.lift-plant-room",
          label: {
            "zh-CN": "电梯、配电房、水泵房等机房未按规定巡检保养或无巡检记录",
            en: "Lifts, switch rooms or pump rooms not inspected and serviced as scheduled, or no inspection record",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "property.quality.fire-patrol",
          label: {
            "zh-CN": "消防巡查不落实，消防通道堵塞或消防器材缺损",
            en: "Fire patrol not carried out, escape route blocked or fire equipment missing or damaged",
          },
          deduction: { minor: 1, major: 2, critical: 5 },
        },
        {
          id: "property.quality.security-patrol",
          label: {
            "zh-CN": "安保巡逻未按规定频次开展或巡更记录缺失",
            en: "Security rounds below the required frequency or patrol log missing",
          },
          deduction: { minor: 0.5, major: 1, critical: 3 },
        },
        {
          id: "property.quality.visitor-registration",
          label: {
            "zh-CN": "来访人员、车辆登记不落实",
            en: "Visitor or vehicle registration skipped",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "property.quality.parking-order",
          label: {
            "zh-CN": "车辆停放秩序混乱，未及时疏导",
            en: "Disorderly parking not dealt with",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "property.quality.green-space",
          label: {
            "zh-CN": "办公区绿地、盆栽养护不到位（杂草、枯枝、缺水）",
            en: "Office green spaces or pot plants poorly kept (weeds, dead branches, dry soil)",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
      ],
    },
    {
      id: "satisfaction",
      label: { "zh-CN": "满意度", en: "Satisfaction" },
      max: 30,
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
          id: "property.duty.staffing",
          label: {
            "zh-CN": "在岗人数少于合同约定",
            en: "Fewer staff on duty than the contract requires",
          },
          deduction: { minor: 0.5, major: 1, critical: 3 },
        },
        {
          id: "property.duty.guard-off-post",
          label: {
            "zh-CN": "安保人员脱岗、睡岗",
            en: "Security guard off post or asleep on duty",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "property.duty.repair-response",
          label: {
            "zh-CN": "报修响应超时（急修30分钟、一般报修1小时内未到场）",
            en: "Repair response late (urgent calls: on site within 30 min; routine: within 1 h)",
          },
          deduction: { minor: 0.3, major: 0.5, critical: 1.5 },
        },
        {
          id: "property.duty.ledgers",
          label: {
            "zh-CN": "巡检、维修、交接班等台账记录缺失或不规范",
            en: "Patrol, repair or shift-handover records missing or incomplete",
          },
          deduction: { minor: 0.3, major: 0.6, critical: 1.5 },
        },
        {
          id: "property.duty.emergency-drill",
          label: {
            "zh-CN": "未按规定开展消防、防汛等应急演练",
            en: "Fire or flood drills not held as required",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "property.duty.assigned-tasks",
          label: {
            "zh-CN": "交办事项未按时完成或未反馈",
            en: "Assigned tasks not completed on time or not reported back",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 2 },
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
          id: "property.personnel.certificates",
          label: {
            "zh-CN": "电工、电梯、消防控制室值班等特种作业人员未持证上岗",
            en: "Electricians, lift or fire-control-room staff working without a valid certificate",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "property.personnel.uniform-badge",
          label: {
            "zh-CN": "未按规定着装、佩戴工牌",
            en: "Uniform not worn or staff badge missing",
          },
          deduction: { minor: 0.1, major: 0.3, critical: 0.6 },
        },
        {
          id: "property.personnel.training",
          label: {
            "zh-CN": "未按计划开展岗位技能、安全及保密培训",
            en: "Job-skill, safety or confidentiality training not held as planned",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "property.personnel.turnover",
          label: {
            "zh-CN": "项目经理等关键岗位人员未经甲方同意更换，或人员流动频繁",
            en: "Project manager or other key staff replaced without the client's consent, or high staff turnover",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "property.personnel.conduct",
          label: {
            "zh-CN": "服务态度生硬、使用不文明用语或与服务对象争吵",
            en: "Curt manner, uncivil language or arguing with building users",
          },
          deduction: { minor: 0.3, major: 1, critical: 2 },
        },
        {
          id: "property.personnel.confidentiality-discipline",
          label: {
            "zh-CN": "工作人员翻阅、拍摄办公文件或擅入涉密场所",
            en: "Staff reading or photographing office documents, or entering restricted rooms",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "property.personnel.background-check",
          label: {
            "zh-CN": "新进人员未经背景审查、未签订保密承诺书即上岗",
            en: "New staff started without a background check or a signed confidentiality pledge",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
      ],
    },
  ],
  vetoItems: [
    {
      id: "property.veto.major-safety-accident",
      label: {
        "zh-CN": "因管理责任发生重大安全事故（火灾、人身伤害）",
        en: "Major safety accident (fire, injury) caused by the contractor's management",
      },
    },
    {
      id: "property.veto.theft-or-leak",
      label: {
        "zh-CN": "因安保失职发生重大失窃或泄密事件",
        en: "Major theft or leak of classified material through a security failure",
      },
    },
  ],
  bonusItems: [
    {
      id: "property.bonus.emergency-support",
      label: {
        "zh-CN": "抢险救灾、防汛等应急保障表现突出",
        en: "Outstanding emergency support (flood duty, disaster relief)",
      },
      points: 2,
    },
    {
      id: "property.bonus.commendation",
      label: {
        "zh-CN": "获得上级书面表扬或服务对象赠送锦旗",
        en: "Written commendation from above, or a silk banner (锦旗) from building users",
      },
      points: 1,
    },
    {
      id: "property.bonus.suggestion-adopted",
      label: {
        "zh-CN": "合理化建议被采纳并取得实效",
        en: "Improvement suggestion adopted with a measurable effect",
      },
      points: 1,
    },
    {
      id: "property.bonus.honesty",
      label: {
        "zh-CN": "拾金不昧，事迹经核实",
        en: "Lost valuables found and returned (verified)",
      },
      points: 0.5,
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
      id: "property.q.cleaning",
      label: { "zh-CN": "办公区公共区域保洁", en: "Cleanliness of shared areas" },
    },
    {
      id: "property.q.security",
      label: { "zh-CN": "安全保卫与秩序维护", en: "Security and order" },
    },
    {
      id: "property.q.repair-response",
      label: { "zh-CN": "报修响应速度", en: "Speed of response to repair requests" },
    },
    {
      id: "property.q.repair-quality",
      label: { "zh-CN": "维修质量", en: "Quality of repairs" },
    },
    {
      id: "property.q.facilities",
      label: {
        "zh-CN": "电梯、空调、水电等设施运行",
        en: "Lifts, air-conditioning, water and power running well",
      },
    },
    {
      id: "property.q.reception",
      label: { "zh-CN": "前台接待与来访引导", en: "Reception and visitor guidance" },
    },
    {
      id: "property.q.attitude",
      label: { "zh-CN": "服务人员态度", en: "Staff attitude" },
    },
    {
      id: "property.q.responsiveness",
      label: { "zh-CN": "意见建议的响应", en: "Response to comments and suggestions" },
    },
  ],
} satisfies Rubric;
