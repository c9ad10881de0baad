/**
 * Default assessment rubric (考核细则) for outsourced meeting services
 * (会务保障) of a government conference centre, version 2026.1.
 *
 * The items follow published meeting-service norms for government offices:
 * - DB44/T 2394-2022 机关事务管理 会议服务, DB3301/T 0298-2024 机关事务管理
 *   会议服务规范, DB64/T 1955-2023 党政机关会议服务规范 (pre-meeting set-up and
 *   checks, name cards and seating 座次, tea service and refills, in-meeting
 *   patrol, after-meeting check, etiquette, confidential meetings);
 * - 《中华人民共和国保守国家秘密法》 and the confidentiality annexes of those norms
 *   (background checks, confidentiality pledges, handling of meeting papers,
 *   signal shielding in confidential meetings);
 * - public-health rules for shared rooms (一场一清洁、一场一消毒).
 *
 * A published version is never edited: a change is a new version.
 */
import type { Rubric } from "../types";

export const meetingRubric = {
  id: "meeting",
  version: "2026.1",
  serviceType: "meeting",
  dimensions: [
    {
      id: "quality",
      label: { "zh-CN": "服务质量", en: "Service quality" },
      max: 35,
      source: "findings",
      items: [
        {
          id: "meeting.quality.pre-meeting-test",
          label: {
            "zh-CN": "会前30分钟未完成音视频、空调、灯光调试",
            en: "AV, air-conditioning and lighting not tested 30 min before the meeting",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "meeting.quality.room-setup",
          label: {
            "zh-CN": "会场布置与通知不符（桌签、座次、会标）",
            en: "Room not set up as ordered (name cards, seating, banner)",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "meeting.quality.tea-service",
          label: {
            "zh-CN": "会前15分钟未备好茶水，或续水间隔超过15分钟",
            en: "Tea not ready 15 min before the meeting, or refills more than 15 min apart",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 2 },
        },
        {
          id: "meeting.quality.disinfection",
          label: {
            "zh-CN": "未做到一场一清洁、一场一消毒",
            en: "Room not cleaned and disinfected between meetings",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "meeting.quality.equipment-failure",
          label: {
            "zh-CN": "会中设备故障影响会议进行",
            en: "Equipment failure during a meeting",
          },
          deduction: { minor: 1, major: 2.5, critical: 5 },
        },
        {
          id: "meeting.quality.confidential-meeting-checks",
          label: {
            "zh-CN": "涉密会议未按要求开展安全检查（手机信号屏蔽、无线设备检查）",
            en: "Confidential meeting held without the required checks (phone signal shielding, wireless-device sweep)",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "meeting.quality.materials",
          label: {
            "zh-CN": "会议材料分发错漏或未按要求清点回收",
            en: "Meeting papers handed out wrongly, or not counted and collected back as required",
          },
          deduction: { minor: 0.5, major: 1.5, critical: 3 },
        },
        {
          id: "meeting.quality.sign-in",
          label: {
            "zh-CN": "签到组织混乱或签到统计不准确",
            en: "Sign-in disorganised or attendance count wrong",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "meeting.quality.room-environment",
          label: {
            "zh-CN": "会场温度、照明、音量不适宜且未及时调整",
            en: "Room temperature, lighting or sound level uncomfortable and not adjusted",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "meeting.quality.cleanliness",
          label: {
            "zh-CN": "会场桌面、地面、休息室不洁，物品摆放不整齐",
            en: "Tables, floor or waiting room not clean; items laid out untidily",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "meeting.quality.supplies",
          label: {
            "zh-CN": "纸笔、茶具、饮用水等会议用品准备不足或有破损",
            en: "Paper, pens, tea sets or drinking water short or damaged",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "meeting.quality.post-meeting-check",
          label: {
            "zh-CN": "会后未及时检查会场、清理遗留物品并登记",
            en: "Room not checked after the meeting; items left behind not recorded",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
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
      max: 15,
      source: "findings",
      items: [
        {
          id: "meeting.duty.staff-late",
          label: {
            "zh-CN": "服务人员未在会前60分钟到岗",
            en: "Service staff not in place 60 min before the meeting",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "meeting.duty.staffing",
          label: {
            "zh-CN": "服务人员配置少于会议通知或合同要求",
            en: "Fewer service staff than the meeting order or contract requires",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "meeting.duty.request-response",
          label: {
            "zh-CN": "会中临时需求未及时响应",
            en: "Ad hoc requests during a meeting not answered promptly",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "meeting.duty.records",
          label: {
            "zh-CN": "会议预订、服务及设备检查台账记录缺失",
            en: "Booking, service or equipment-check records missing",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "meeting.duty.equipment-maintenance",
          label: {
            "zh-CN": "会议设备未按计划维护保养",
            en: "Meeting equipment not serviced as planned",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "meeting.duty.emergency-plan",
          label: {
            "zh-CN": "未制定会议应急预案或未开展演练",
            en: "No meeting emergency plan, or no drill held",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
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
          id: "meeting.personnel.appearance",
          label: {
            "zh-CN": "仪容仪表不规范（着装、发型、妆容、工牌）",
            en: "Appearance not to standard (uniform, hair, make-up, badge)",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "meeting.personnel.etiquette",
          label: {
            "zh-CN": "未使用规范服务用语，举止不得体",
            en: "Standard service phrases not used; improper manner",
          },
          deduction: { minor: 0.2, major: 0.5, critical: 1 },
        },
        {
          id: "meeting.personnel.off-post",
          label: {
            "zh-CN": "会中擅离岗位或使用手机",
            en: "Leaving post or using a mobile phone during a meeting",
          },
          deduction: { minor: 0.3, major: 0.8, critical: 1.5 },
        },
        {
          id: "meeting.personnel.confidentiality-discipline",
          label: {
            "zh-CN": "服务人员翻阅、拍摄会议材料或议论会议内容",
            en: "Staff reading or photographing meeting papers, or talking about meeting content",
          },
          deduction: { minor: 1, major: 2, critical: 4 },
        },
        {
          id: "meeting.personnel.background-check",
          label: {
            "zh-CN": "服务人员未经背景审查、未签订保密承诺书即上岗",
            en: "Staff working without a background check or a signed confidentiality pledge",
          },
          deduction: { minor: 1, major: 2, critical: 3 },
        },
        {
          id: "meeting.personnel.training",
          label: {
            "zh-CN": "未按计划开展礼仪、保密及设备操作培训",
            en: "Etiquette, confidentiality or equipment training not held as planned",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
        {
          id: "meeting.personnel.turnover",
          label: {
            "zh-CN": "骨干服务人员未经甲方同意更换，或人员流动频繁",
            en: "Key service staff replaced without the client's consent, or high staff turnover",
          },
          deduction: { minor: 0.5, major: 1, critical: 2 },
        },
      ],
    },
  ],
  vetoItems: [
    {
      id: "meeting.veto.confidentiality-breach",
      label: {
        "zh-CN": "泄露会议秘密或涉密材料",
        en: "Leak of meeting secrets or classified material",
      },
    },
    {
      id: "meeting.veto.major-meeting-disrupted",
      label: {
        "zh-CN": "重要会议因保障失误中断",
        en: "An important meeting interrupted by a service failure",
      },
    },
  ],
  bonusItems: [
    {
      id: "meeting.bonus.major-event",
      label: {
        "zh-CN": "重大会议、活动保障表现突出",
        en: "Outstanding service at a major meeting or event",
      },
      points: 2,
    },
    {
      id: "meeting.bonus.commendation",
      label: {
        "zh-CN": "获得上级书面表扬或参会单位赠送锦旗",
        en: "Written commendation from above, or a silk banner (锦旗) from an attending agency",
      },
      points: 1,
    },
    {
      id: "meeting.bonus.suggestion-adopted",
      label: {
        "zh-CN": "合理化建议被采纳并取得实效",
        en: "Improvement suggestion adopted with a measurable effect",
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
      id: "meeting.q.room-setup",
      label: { "zh-CN": "会场布置", en: "Room set-up" },
    },
    {
      id: "meeting.q.av",
      label: { "zh-CN": "音视频设备保障", en: "Sound, video and display working" },
    },
    {
      id: "meeting.q.tea-service",
      label: { "zh-CN": "茶水服务", en: "Tea service" },
    },
    {
      id: "meeting.q.punctuality",
      label: { "zh-CN": "服务准时到位", en: "Staff ready on time" },
    },
    {
      id: "meeting.q.etiquette",
      label: { "zh-CN": "仪容仪表与服务礼仪", en: "Appearance and courtesy of staff" },
    },
    {
      id: "meeting.q.confidentiality",
      label: { "zh-CN": "保密意识", en: "Care with confidentiality" },
    },
    {
      id: "meeting.q.hygiene",
      label: { "zh-CN": "会场卫生与消毒", en: "Cleanliness and disinfection of rooms" },
    },
    {
      id: "meeting.q.responsiveness",
      label: { "zh-CN": "临时需求的响应", en: "Response to requests during meetings" },
    },
  ],
} satisfies Rubric;
