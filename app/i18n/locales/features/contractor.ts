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
