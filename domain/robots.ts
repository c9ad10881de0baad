/**
 * The group robots an organisation can send reminders to (issue 15). Pure and
 * browser-safe: the admin's form and the server share the list.
 */
export const ROBOT_KINDS = ["wecom", "dingtalk", "feishu"] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];
