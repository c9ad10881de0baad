/**
 * Reminders and the in-app inbox (issue 15). A notification is one reminder
 * for one person: created once per (organisation, person, rule, object, day)
 * under a unique index, so a second scheduler run, a restart or a second
 * server process creates nothing twice. The rules an organisation switched
 * off or tuned are rows of org_reminder_rules; no row = the rule's default
 * (domain/reminders.ts).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { REMINDER_RULES } from "../../domain/reminders";
import { col, createdAtColumn, dayCheck, idColumn } from "./columns";
import { organisations, users } from "./orgs";

export const notifications = sqliteTable(
  "notifications",
  {
    id: idColumn(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    rule: text("rule", { enum: REMINDER_RULES }).notNull(),
    /** What it is about ("finding", "veto", "campaign", "quarter", "contract") and its id (a quarter: "contractId|period"). */
    objectKind: text("object_kind").notNull(),
    objectId: text("object_id").notNull(),
    /** The organisation's day the reminder is for. */
    day: text("day").notNull(),
    /** The page it opens, a path of this site ("/supervisor/findings/…"). */
    link: text("link").notNull(),
    /** What the text needs besides the rule (a title, a due day, a count), rendered in the reader's language. */
    params: text("params", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
    createdAt: createdAtColumn(),
    readAt: text("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_once").on(t.orgId, t.userId, t.rule, t.objectId, t.day),
    index("notifications_inbox_idx").on(t.orgId, t.userId, t.readAt, t.createdAt),
    // "Was this object ever reminded under this rule?" (the overdue rule's once-ever check).
    index("notifications_object_idx").on(t.orgId, t.rule, t.objectId),
    dayCheck("notifications_day", t.day),
    check("notifications_link_path", sql`substr(${col(t.link)}, 1, 1) = '/' AND substr(${col(t.link)}, 2, 1) <> '/'`),
  ],
);
export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

export const orgReminderRules = sqliteTable(
  "org_reminder_rules",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    rule: text("rule", { enum: REMINDER_RULES }).notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    /** The rule's days where it has them (bounds in domain/reminders.ts RULE_SPECS). */
    days: integer("days"),
    updatedAt: text("updated_at").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.rule] }), check("org_reminder_rules_days", sql`${col(t.days)} IS NULL OR ${col(t.days)} BETWEEN 0 AND 31`)],
);
export type OrgReminderRule = typeof orgReminderRules.$inferSelect;
