/**
 * Bonus events (commendations, emergency duty: capped extra points) and veto
 * events (一票否决: the quarter fails). Both are recorded by one person and
 * confirmed by another before they count.
 */
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAtColumn, dayCheck, idColumn, periodCheck } from "./columns";
import { contracts } from "./contracts";
import { orgIdColumn, users } from "./orgs";

export const EVENT_STATUSES = ["pending", "confirmed", "rejected"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const bonusEvents = sqliteTable(
  "bonus_events",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    /** A bonus item id of the contract's rubric. */
    itemId: text("item_id").notNull(),
    note: text("note"),
    occurredOn: text("occurred_on"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    confirmedBy: text("confirmed_by").references(() => users.id, { onDelete: "restrict" }),
    confirmedAt: text("confirmed_at"),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("pending"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("bonus_events_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
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
    period: text("period").notNull(),
    /** A veto item id of the contract's rubric. */
    itemId: text("item_id").notNull(),
    note: text("note"),
    /** Required: scoring checks that a veto falls inside its period. */
    occurredOn: text("occurred_on").notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    confirmedBy: text("confirmed_by").references(() => users.id, { onDelete: "restrict" }),
    confirmedAt: text("confirmed_at"),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("pending"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("veto_events_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
    periodCheck("veto_events_period_format", t.period),
    dayCheck("veto_events_occurred_on_day", t.occurredOn),
  ],
);
export type VetoEvent = typeof vetoEvents.$inferSelect;
export type NewVetoEvent = typeof vetoEvents.$inferInsert;
