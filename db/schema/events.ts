/**
 * Bonus events (the rubric's bonus items: flood duty, a commendation — capped
 * extra points) and veto events (its veto items: food poisoning, a major
 * safety accident — 一票否决, the quarter fails). A bonus counts once recorded;
 * a veto counts only once a second person confirms it (domain/findings.ts
 * `mayConfirmVeto`). Either may be withdrawn with a reason; neither is deleted.
 */
import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { BONUS_STATES, VETO_STATES } from "../../domain/findings";
import { col, createdAtColumn, dayCheck, idColumn, periodCheck } from "./columns";
import { contracts } from "./contracts";
import { sites } from "./directory";
import { orgIdColumn, users } from "./orgs";

export { BONUS_STATES, VETO_STATES };
export type { BonusState, VetoState } from "../../domain/findings";

export const bonusEvents = sqliteTable(
  "bonus_events",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    siteId: text("site_id").references(() => sites.id, { onDelete: "restrict" }),
    /** The quarter of `occurredOn`. */
    period: text("period").notNull(),
    /** A bonus item id of the contract's rubric. */
    itemId: text("item_id").notNull(),
    note: text("note").notNull(),
    occurredOn: text("occurred_on").notNull(),
    status: text("status", { enum: BONUS_STATES }).notNull().default("counted"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    withdrawnReason: text("withdrawn_reason"),
    withdrawnBy: text("withdrawn_by").references(() => users.id, { onDelete: "restrict" }),
    withdrawnAt: text("withdrawn_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("bonus_events_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
    index("bonus_events_org_occurred_idx").on(t.orgId, t.occurredOn),
    periodCheck("bonus_events_period_format", t.period),
    dayCheck("bonus_events_occurred_on_day", t.occurredOn),
  ],
);
export type BonusEvent = typeof bonusEvents.$inferSelect;
export type NewBonusEvent = typeof bonusEvents.$inferInsert;

export const vetoEvents = sqliteTable(
  "veto_events",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    siteId: text("site_id").references(() => sites.id, { onDelete: "restrict" }),
    /** The quarter of `occurredOn`. */
    period: text("period").notNull(),
    /** A veto item id of the contract's rubric. */
    itemId: text("item_id").notNull(),
    note: text("note").notNull(),
    /** Required: scoring checks that a veto falls inside its period. */
    occurredOn: text("occurred_on").notNull(),
    status: text("status", { enum: VETO_STATES }).notNull().default("pending"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    confirmedBy: text("confirmed_by").references(() => users.id, { onDelete: "restrict" }),
    confirmedAt: text("confirmed_at"),
    withdrawnReason: text("withdrawn_reason"),
    withdrawnBy: text("withdrawn_by").references(() => users.id, { onDelete: "restrict" }),
    withdrawnAt: text("withdrawn_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("veto_events_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
    index("veto_events_org_status_idx").on(t.orgId, t.status),
    periodCheck("veto_events_period_format", t.period),
    dayCheck("veto_events_occurred_on_day", t.occurredOn),
    // The four-eyes rule, held by the database too: the recorder never confirms.
    check("veto_events_confirmed_by_other", sql`${col(t.confirmedBy)} IS NULL OR ${col(t.confirmedBy)} <> ${col(t.recordedBy)}`),
  ],
);
export type VetoEvent = typeof vetoEvents.$inferSelect;
export type NewVetoEvent = typeof vetoEvents.$inferInsert;
