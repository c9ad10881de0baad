/**
 * Organisation settings (issue 12; later issues add columns): the renewal
 * policy's thresholds and the tender view's default horizon. No row = the
 * scoring module's DEFAULT_RENEWAL_POLICY and a six-month horizon; the admin
 * settings page writes the row on its first save.
 */
import { sql } from "drizzle-orm";
import { check, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { col } from "./columns";
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
    updatedAt: text("updated_at").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    check("org_settings_min_quarters", sql`${col(t.renewalMinQuarters)} >= 1`),
    check("org_settings_fail_streak", sql`${col(t.failStreakToReject)} >= 1`),
    check(
      "org_settings_thresholds",
      sql`${col(t.renewMinAverage)} BETWEEN 0 AND 100 AND ${col(t.renewMinQuarter)} BETWEEN 0 AND 100 AND ${col(t.conditionalMinAverage)} BETWEEN 0 AND 100`,
    ),
    check("org_settings_horizon", sql`${col(t.tenderHorizonMonths)} IN (3, 6, 12)`),
  ],
);
export type OrgSettingsRow = typeof orgSettings.$inferSelect;
