/**
 * Default assessment rubric (考核细则) for an outsourced agency canteen
 * (餐饮服务 / 机关食堂), version 2026.1.
 *
 * The items follow the published food-safety rules for canteens:
 * - 《中华人民共和国食品安全法》 (purchase inspection and records 进货查验, staff
 *   health certificates 健康证明, 禁止生产经营的食品);
 * - 《餐饮服务食品安全操作规范》 (SAMR announcement 2018 No. 12): food samples of
 *   every dish of every meal, at least 125 g, refrigerated for at least 48 hours;
 *   morning health check 晨检; raw/cooked separation; additive control (专柜、专人、
 *   记录); tableware cleaning and disinfection with records; pest control;
 *   kitchen waste;
 * - GB 31654-2021 食品安全国家标准 餐饮服务通用卫生规范, GB 14934-2016 消毒餐（饮）具,
 *   GB 2760-2014 食品添加剂使用标准;
 * - 明厨亮灶 (open kitchen) requirements of the market regulator and municipal
 *   机关食堂服务规范 (agency canteen service norms: weekly menus, price and cost
 *   disclosure, diner feedback).
 *
 * Heavy items (sample retention, tableware disinfection) cost about a fifth of
 * the food-safety and quality points at "critical". A published version is never
 * edited: a change is a new version.
 */
import type { Rubric } from "../types";

export const cateringRubric = {
  id: "catering",
  version: "2026.1",
  serviceType: "catering",
  dimensions: [
    {
      id: "quality",
      label: { "zh-CN": "食品安全与服务质量", en: "Food safety and service quality" },
      max: 45,
      source: "findings",
      items: [
        {
          id: "catering.quality.sample-retention",
          label: {
            "zh-CN": "未按规定留样（每餐次每品种不少于125克，冷藏48小时以上）",
            en: "Food samples not retained (every dish of every meal, ≥ 125 g, refrigerated ≥ 48 h)",
          },
          deduction: { minor: 4, major: 6, critical: 9 },
        },
        {
          id: "catering.quality.tableware-disinfection",
          label: {
            "zh-CN": "餐用具未按规定清洗消毒或无消毒记录",
            en: "Tableware not cleaned and disinfected as required, or no disinfection record",
          },
          deduction: { minor: 4, major: 6, critical: 9 },
        },
        {
          id: "catering.quality.expired-ingredients",
          label: {
            "zh-CN": "库存原料过期、变质或标签不全",
            en: "Expired, spoiled or unlabelled ingredients in store",
          },
          deduction: { minor: 2, major: 4, critical: 8 },
        },
        {
          id: "catering.quality.pests",
          label: {
            "zh-CN": "有苍蝇、蟑螂、鼠迹，防蝇防鼠设施缺失",
            en: "Flies, cockroaches or rodent traces; fly screens or rodent guards missing",
          },
          deduction: { minor: 1, major: 3, critical: 6 },
        },
        {
          id: "catering.quality.cross-contamination",
          label: {
            "zh-CN": "生熟不分、荤素混放，刀具砧板等工用具未分开使用",
            en: "Raw and cooked food not kept apart; knives, boards and utensils shared",
          },
          deduction: { minor: 1.5, major: 3, critical: 6 },
        },
        {
          id: "catering.quality.open-kitchen",
          label: {
            "zh-CN": "明厨亮灶未保持（视频不运行、镜头或窗口遮挡）",
            en: "Open kitchen not kept (video off, cameras or windows obstructed)",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "catering.quality.additives",
          label: {
            "zh-CN": "超范围、超限量使用食品添加剂，或未专柜存放、专人管理、记录使用",
            en: "Additives used beyond permitted uses or limits, or not locked away, assigned to a keeper and logged",
          },
          deduction: { minor: 1, major: 3, critical: 6 },
        },
        {
          id: "catering.quality.pesticide-testing",
          label: {
            "zh-CN": "未按规定开展蔬菜农药残留快速检测或无检测记录",
            en: "Pesticide-residue rapid tests on vegetables not done, or no test record",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "catering.quality.kitchen-hygiene",
          label: {
            "zh-CN": "加工区操作台、地面、排水沟有油污积水，环境卫生不达标",
            en: "Worktops, floors or drains in the kitchen greasy or wet",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.quality.dining-hall-hygiene",
          label: {
            "zh-CN": "餐厅桌椅、地面、取餐台不洁",
            en: "Dining tables, floors or serving counters not clean",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 2 },
        },
        {
          id: "catering.quality.menu",
          label: {
            "zh-CN": "每周菜谱未公示或品种单一、重复率高",
            en: "Weekly menu not published, or dishes few and repetitive",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.quality.taste-portion",
          label: {
            "zh-CN": "饭菜口味差、夹生或分量不足",
            en: "Meals poorly cooked, undercooked or short in portion",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "catering.quality.meal-times",
          label: {
            "zh-CN": "未按规定时间开餐或供餐数量不足",
            en: "Meals not served on time, or food running out",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.quality.kitchen-waste",
          label: {
            "zh-CN": "餐厨垃圾未分类、未加盖或未日产日清，无收运记录",
            en: "Kitchen waste not sorted, uncovered or not cleared daily; no collection record",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.quality.gas-safety",
          label: {
            "zh-CN": "燃气、电器使用不规范，燃气报警或切断装置失效",
            en: "Gas or electrical appliances used unsafely; gas alarm or shut-off valve not working",
          },
          deduction: { minor: 1.5, major: 3, critical: 6 },
        },
      ],
    },
    {
      id: "satisfaction",
      label: { "zh-CN": "满意度", en: "Satisfaction" },
      max: 35,
      source: "survey",
      items: [],
    },
    {
      id: "duty",
      label: { "zh-CN": "履职情况", en: "Duty performance" },
      max: 10,
      source: "findings",
      items: [
        {
          id: "catering.duty.purchase-ledger",
          label: {
            "zh-CN": "未落实索证索票，进货查验台账缺失或不全",
            en: "Supplier licences and invoices not obtained; purchase inspection ledger missing or incomplete",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "catering.duty.cost-pricing",
          label: {
            "zh-CN": "成本核算不清或菜品价格未公示",
            en: "Cost accounting unclear, or dish prices not displayed",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.duty.staffing",
          label: {
            "zh-CN": "在岗人数少于合同约定",
            en: "Fewer staff on duty than the contract requires",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.duty.self-inspection",
          label: {
            "zh-CN": "食品安全自查及整改记录缺失",
            en: "Food-safety self-inspection and correction records missing",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.duty.equipment-maintenance",
          label: {
            "zh-CN": "厨房设备未定期维护保养，油烟管道未按期清洗",
            en: "Kitchen equipment not serviced regularly; extractor ducts not cleaned on schedule",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.duty.feedback-response",
          label: {
            "zh-CN": "就餐人员意见、投诉未在规定时限内回复处理",
            en: "Diners' comments or complaints not answered within the set time",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
      ],
    },
    {
      id: "personnel",
      label: { "zh-CN": "人员管理", en: "Personnel management" },
      max: 10,
      source: "findings",
      items: [
        {
          id: "catering.personnel.health-certificate",
          label: {
            "zh-CN": "从业人员健康证缺失或过期",
            en: "Food handler's health certificate missing or expired",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "catering.personnel.morning-check",
          label: {
            "zh-CN": "未落实晨检，或有发热、腹泻、手部伤口化脓等症状者未调离岗位",
            en: "Morning health check not done, or staff with fever, diarrhoea or infected hand wounds not taken off food work",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "catering.personnel.personal-hygiene",
          label: {
            "zh-CN": "未按规定穿戴工作衣帽、口罩，留长指甲、佩戴饰物",
            en: "Work clothes, cap or mask not worn; long nails or jewellery",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "catering.personnel.food-safety-officer",
          label: {
            "zh-CN": "未配备食品安全管理员或管理员不在岗",
            en: "No food-safety manager appointed, or the manager not on site",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.personnel.training",
          label: {
            "zh-CN": "食品安全培训未按计划开展或考核不合格",
            en: "Food-safety training not held as planned, or staff failing its test",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "catering.personnel.conduct",
          label: {
            "zh-CN": "服务态度差、使用不文明用语，未佩戴工牌",
            en: "Rude service or uncivil language; staff badge not worn",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "catering.personnel.turnover",
          label: {
            "zh-CN": "厨师长等关键岗位人员未经甲方同意更换，或人员流动频繁",
            en: "Head chef or other key staff replaced without the client's consent, or high staff turnover",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
      ],
    },
  ],
  vetoItems: [
    {
      id: "catering.veto.food-poisoning",
      label: {
        "zh-CN": "发生食物中毒或食源性疾病事件",
        en: "Food poisoning or foodborne disease incident",
      },
    },
    {
      id: "catering.veto.banned-ingredients-served",
      label: {
        "zh-CN": "使用禁用、过期变质原料并供餐",
        en: "Banned, expired or spoiled ingredients used in meals served",
      },
    },
    {
      id: "catering.veto.major-safety-accident",
      label: {
        "zh-CN": "因管理责任发生火灾、燃气爆炸等重大安全事故",
        en: "Major safety accident (fire, gas explosion) caused by the contractor's management",
      },
    },
  ],
  bonusItems: [
    {
      id: "catering.bonus.emergency-support",
      label: {
        "zh-CN": "重大活动、应急值守供餐保障表现突出",
        en: "Outstanding catering for a major event or emergency duty",
      },
      points: 2,
    },
    {
      id: "catering.bonus.commendation",
      label: {
        "zh-CN": "获得上级书面表扬或就餐单位赠送锦旗",
        en: "Written commendation from above, or a silk banner (锦旗) from diners",
      },
      points: 1,
    },
    {
      id: "catering.bonus.food-safety-rating",
      label: {
        "zh-CN": "获评食品安全量化分级A级或示范食堂",
        en: "Food-safety rating A or model-canteen award",
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
      id: "catering.q.taste",
      label: { "zh-CN": "饭菜口味与质量", en: "Taste and quality of meals" },
    },
    {
      id: "catering.q.food-safety",
      label: { "zh-CN": "食品安全与卫生", en: "Food safety and hygiene" },
    },
    {
      id: "catering.q.variety",
      label: { "zh-CN": "菜品种类与更新", en: "Variety and change of dishes" },
    },
    {
      id: "catering.q.price",
      label: { "zh-CN": "价格合理", en: "Fair prices" },
    },
    {
      id: "catering.q.environment",
      label: { "zh-CN": "就餐环境", en: "Dining environment" },
    },
    {
      id: "catering.q.attitude",
      label: { "zh-CN": "服务态度", en: "Staff attitude" },
    },
    {
      id: "catering.q.punctuality",
      label: { "zh-CN": "供餐准时与秩序", en: "Meals on time and orderly" },
    },
    {
      id: "catering.q.responsiveness",
      label: { "zh-CN": "意见建议的响应", en: "Response to comments and suggestions" },
    },
  ],
} satisfies Rubric;
