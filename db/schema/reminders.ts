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
import { ROBOT_KINDS } from "../../domain/robots";
import { REMINDER_RULES } from "../../domain/reminders";
import { col, createdAtColumn, dayCheck, idColumn, nonNegativeCheck } from "./columns";
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

/**
 * A group robot of the organisation (WeCom, DingTalk, Feishu) and the rules it
 * receives as daily digests. Its webhook address carries the robot's key and
 * its signing secret is one, so both are stored sealed (server/secrets.ts,
 * a key of their own from the environment) and shown back only as a hint.
 */
export const notificationChannels = sqliteTable(
  "notification_channels",
  {
    id: idColumn(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ROBOT_KINDS }).notNull(),
    name: text("name").notNull(),
    /** The webhook address, sealed. */
    urlSealed: text("url_sealed").notNull(),
    /** What the admin sees of it: the host and the key's last characters. */
    urlHint: text("url_hint").notNull(),
    /** DingTalk's / Feishu's signing secret, sealed; NULL when the robot has none. */
    secretSealed: text("secret_sealed"),
    /** The rules it receives (REMINDER_RULES ids). */
    rules: text("rules", { mode: "json" }).$type<string[]>().notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Deliveries that failed in a row; reset by a success. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Set when it keeps failing (the delivery log flags it); cleared by a success. */
    failingSince: text("failing_since"),
    createdAt: createdAtColumn(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "restrict" }),
    archivedAt: text("archived_at"),
  },
  (t) => [index("notification_channels_org_idx").on(t.orgId, t.archivedAt), nonNegativeCheck("notification_channels_failures", t.consecutiveFailures)],
);
export type NotificationChannel = typeof notificationChannels.$inferSelect;

export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message to send and what became of it: the delivery log. A digest is
 * one per (channel, rule, day) under `dedupe_key`, so a second scheduler
 * pass or process enqueues nothing twice; `pending` ones are retried with
 * backoff at `next_attempt_at` (held there through quiet hours too) until
 * sent or given up as `failed`. The robot's status and errcode/errmsg are
 * kept — never its whole response body.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: idColumn(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    channelId: text("channel_id").references(() => notificationChannels.id, { onDelete: "restrict" }),
    /** "digest" (a rule's daily digest) or "test" (the admin's test message). */
    purpose: text("purpose").notNull(),
    rule: text("rule", { enum: REMINDER_RULES }),
    day: text("day").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    /** What is sent (the robot's JSON body before signing), as JSON. */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastAttemptAt: text("last_attempt_at"),
    lastHttpStatus: integer("last_http_status"),
    lastErrcode: text("last_errcode"),
    lastErrmsg: text("last_errmsg"),
    sentAt: text("sent_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("deliveries_once").on(t.orgId, t.dedupeKey),
    // The sender's "what is due now?" across organisations.
    index("deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("deliveries_log_idx").on(t.orgId, t.createdAt),
    dayCheck("deliveries_day", t.day),
    nonNegativeCheck("deliveries_attempts", t.attempts),
  ],
);
export type Delivery = typeof deliveries.$inferSelect;
