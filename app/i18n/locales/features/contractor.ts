/**
 * Texts of the contractor portal (issue 14): the contractor person's home.
 * zh-CN first.
 */
import type { DeepStrings } from "./types";

export const zhCN = {
  back: "返回工作台",
  rectified: "已提交整改，等待监管人员复核。",
  awaitingCheck: "整改已提交，等待监管人员复核。",
  closed: "此问题已关闭，无需操作。",
  contractorLine: "服务企业：{{name}}",
  appeal: {
    title: "提出异议申诉",
    hint: "如对该问题的认定、严重程度或重复标记有异议，可在申诉期内说明理由并附照片，由监管人员处理。",
    window: "本季度申诉期至 {{day}}（含当日）。",
    target: "申诉内容",
    targetFinding: "问题本身（认定或严重程度）",
    targetRepeat: "重复整改标记",
    reason: "申诉理由",
    evidence: "证据照片（可选）",
    submit: "提交申诉",
    filed: "已提交申诉，等待监管人员处理。",
    closed: {
      window_closed: "本季度申诉期已于 {{day}} 结束，不能再提出申诉。",
      quarter_finalised: "本季度考核已定稿，不能再提出申诉。",
      not_appealable: "此记录已撤销，无需申诉。",
      not_recorded_yet: "记录尚未生效，暂不能申诉。",
      already: "已对该问题提出过申诉。",
    },
    errors: {
      target: "请选择申诉内容。",
      window_closed: "申诉期已结束，申诉未提交。",
      quarter_finalised: "本季度考核已定稿，申诉未提交。",
      already_appealed: "已对此内容提出过申诉，不能重复提交。",
      not_appealable: "此内容不能申诉（已撤销，或没有重复标记）。",
      too_many_photos: "照片过多，请减少后再提交。",
      invalid: "请填写申诉理由。",
    },
  },
  open: {
    title: "待整改问题",
    empty: "目前没有待整改的问题。",
    count: "共 {{count}} 项",
  },
  waiting: {
    title: "已整改，待监管人员复核",
    empty: "没有待复核的整改。",
  },
  finding: {
    contract: "合同：{{title}}",
    found: "发现日期 {{day}}",
    due: "整改期限 {{day}}",
    overdue: "已逾期 {{count}} 天",
    severity: "严重程度：{{label}}",
  },
};

export const en: DeepStrings<typeof zhCN> = {
  back: "Back to the desk",
  rectified: "Fix reported; the supervisor will check it.",
  awaitingCheck: "The fix is reported and awaits the supervisor's check.",
  closed: "This finding is closed: nothing to do.",
  contractorLine: "Contractor: {{name}}",
  appeal: {
    title: "Appeal",
    hint: "If you disagree with the finding, its severity or its repeat mark, give your reasons with photos within the appeal window; a supervisor decides.",
    window: "This quarter's appeal window closes on {{day}} (inclusive).",
    target: "What you appeal",
    targetFinding: "The finding itself (the finding or its severity)",
    targetRepeat: "The repeat mark",
    reason: "Reasons",
    evidence: "Evidence photos (optional)",
    submit: "Send the appeal",
    filed: "Appeal sent; a supervisor will decide.",
    closed: {
      window_closed: "This quarter's appeal window closed on {{day}}: no more appeals.",
      quarter_finalised: "This quarter's score is finalised: no more appeals.",
      not_appealable: "This record is withdrawn: nothing to appeal.",
      not_recorded_yet: "The record is not in force yet.",
      already: "You have already appealed this finding.",
    },
    errors: {
      target: "Choose what you appeal.",
      window_closed: "The appeal window has closed; the appeal was not sent.",
      quarter_finalised: "The quarter's score is finalised; the appeal was not sent.",
      already_appealed: "This has already been appealed.",
      not_appealable: "This cannot be appealed (withdrawn, or no repeat mark).",
      too_many_photos: "Too many photos: remove some and send again.",
      invalid: "Give your reasons.",
    },
  },
  open: {
    title: "Findings to rectify",
    empty: "Nothing to rectify at the moment.",
    count: "{{count}} in all",
  },
  waiting: {
    title: "Rectified, awaiting the supervisor's check",
    empty: "No rectification is awaiting a check.",
  },
  finding: {
    contract: "Contract: {{title}}",
    found: "Found on {{day}}",
    due: "Due {{day}}",
    overdue: "{{count}} days overdue",
    severity: "Severity: {{label}}",
  },
};
