/**
 * Organisation settings (issue 12; later issues add columns): the renewal
 * policy's thresholds and the tender view's default horizon. No row = the
 * scoring module's DEFAULT_RENEWAL_POLICY and a six-month horizon; the admin
 * settings page writes the row on its first save.
 */
import { sql } from "drizzle-orm";
import { check, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CALENDAR_DAY_KINDS } from "../../domain/working-days";
import { col, dayCheck } from "./columns";
import { organisations, users } from "./orgs";

export const orgSettings = sqliteTable(
  "org_settings",
  {
    orgId: text("org_id")
      .primaryKey()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** RenewalPolicy (scoring/types.ts), field by field so each is checked here too. */
    renewalMinQuarters: integer("renewal_min_quarters").notNull(),
    renewMinAverage: real("renew_min_average").notNull(),
    renewMinQuarter: real("renew_min_quarter").notNull(),
    conditionalMinAverage: real("conditional_min_average").notNull(),
    failStreakToReject: integer("fail_streak_to_reject").notNull(),
    /** Months the tender view looks ahead by default: 3, 6 or 12 (domain/procurement.ts). */
    tenderHorizonMonths: integer("tender_horizon_months").notNull(),
    /** Working days a contractor may appeal after the quarter ends (issue 14; domain/appeals.ts bounds). */
    appealWindowDays: integer("appeal_window_days").notNull().default(5),
    /** Quiet hours for group messages, "HH:MM" in the organisation's zone (issue 15; domain/reminders.ts). */
    quietFrom: text("quiet_from").notNull().default("21:00"),
    quietTo: text("quiet_to").notNull().default("08:00"),
    updatedAt: text("updated_at").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    check("org_settings_quiet_hours", sql`${col(t.quietFrom)} GLOB '[0-2][0-9]:[0-5][0-9]' AND ${col(t.quietTo)} GLOB '[0-2][0-9]:[0-5][0-9]'`),
    check("org_settings_min_quarters", sql`${col(t.renewalMinQuarters)} >= 1`),
    check("org_settings_fail_streak", sql`${col(t.failStreakToReject)} >= 1`),
    check(
      "org_settings_thresholds",
      sql`${col(t.renewMinAverage)} BETWEEN 0 AND 100 AND ${col(t.renewMinQuarter)} BETWEEN 0 AND 100 AND ${col(t.conditionalMinAverage)} BETWEEN 0 AND 100`,
    ),
    check("org_settings_horizon", sql`${col(t.tenderHorizonMonths)} IN (3, 6, 12)`),
    check("org_settings_appeal_window", sql`${col(t.appealWindowDays)} BETWEEN 1 AND 20`),
  ],
);
export type OrgSettingsRow = typeof orgSettings.$inferSelect;

export { CALENDAR_DAY_KINDS };
export type { CalendarDayKind } from "../../domain/working-days";

/**
 * The organisation's own entries in its working-day calendar (issue 14): a
 * day listed here is what its kind says, whatever the built-in official
 * schedule (domain/holidays-cn.ts) or the weekend rule would make it. The
 * admin's calendar page writes them; the appeal window counts with them.
 */
export const orgCalendarDays = sqliteTable(
  "org_calendar_days",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    day: text("day").notNull(),
    kind: text("kind", { enum: CALENDAR_DAY_KINDS }).notNull(),
    /** What the day is (e.g. "单位运动会", "调休上班"). */
    note: text("note"),
    updatedAt: text("updated_at").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day] }), dayCheck("org_calendar_days_day", t.day)],
);
export type OrgCalendarDay = typeof orgCalendarDays.$inferSelect;
