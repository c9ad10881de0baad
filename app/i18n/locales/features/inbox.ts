/**
 * Texts of the in-app inbox (issue 15): the page and one line per reminder
 * rule, filled from the notification's params. zh-CN first.
 */
import type { DeepStrings } from "./types";

export const zhCN = {
  title: "消息",
  empty: "没有消息。",
  unread: "{{count}} 条未读",
  readAll: "全部标为已读",
  markedAll: "已全部标为已读。",
  open: "查看",
  isUnread: "未读",
  day: "{{day}}",
  rules: {
    finding_due_tomorrow: "整改期限明天到期：{{contract}} — {{note}}（期限 {{dueOn}}）",
    finding_overdue: "整改已逾期：{{contract}} — {{note}}（期限 {{dueOn}}）",
    verification_waiting: "整改待复核已超过 {{days}} 天：{{contract}} — {{note}}",
    veto_pending: "一票否决事项待确认：{{contract}}",
    campaign_closing_low: "问卷 {{days}} 天后截止，回收率 {{rate}} 低于目标 {{target}}：{{title}}",
    quarter_awaiting_signoff: "{{period}} 季度考核待定稿：{{contract}}",
    appeal_window_closing: "{{period}} 季度申诉期将于 {{closesOn}} 结束：{{contract}}",
    tender_horizon: "{{count}} 份合同进入招标提醒期",
  },
};

export const en: DeepStrings<typeof zhCN> = {
  title: "Inbox",
  empty: "No messages.",
  unread: "{{count}} unread",
  readAll: "Mark all read",
  markedAll: "All marked read.",
  open: "Open",
  isUnread: "Unread",
  day: "{{day}}",
  rules: {
    finding_due_tomorrow: "Rectification due tomorrow: {{contract}} — {{note}} (due {{dueOn}})",
    finding_overdue: "Rectification overdue: {{contract}} — {{note}} (due {{dueOn}})",
    verification_waiting: "A fix has waited over {{days}} days for verification: {{contract}} — {{note}}",
    veto_pending: "A veto awaits confirmation: {{contract}}",
    campaign_closing_low: "Survey closes in {{days}} days at {{rate}}, below its {{target}} target: {{title}}",
    quarter_awaiting_signoff: "{{period}} awaits sign-off: {{contract}}",
    appeal_window_closing: "The {{period}} appeal window closes on {{closesOn}}: {{contract}}",
    tender_horizon: "{{count}} contracts entered the tender horizon",
  },
};
