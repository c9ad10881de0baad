/**
 * Contracts, the sites they cover, the per-quarter state machine
 * (open → draft → finalised → reopened → finalised as revision n+1) and the
 * stored score snapshots.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import type { PaymentRule, QuarterInput, QuarterScore, Rubric } from "../../scoring/types";
import { GRADES, SERVICE_TYPES } from "../../scoring/types";
import { col, createdAtColumn, dayCheck, idColumn, nonNegativeCheck, periodCheck } from "./columns";
import { contractors, sites } from "./directory";
import { orgIdColumn, users } from "./orgs";
import { rubricVersions } from "./rubrics";

export { GRADES };
export type { Grade } from "../../scoring/types";

export const CONTRACT_STATUSES = ["active", "ended", "terminated"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const contracts = sqliteTable(
  "contracts",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractorId: text("contractor_id")
      .notNull()
      .references(() => contractors.id, { onDelete: "restrict" }),
    serviceType: text("service_type", { enum: SERVICE_TYPES }).notNull(),
    title: text("title").notNull(),
    /** The centre's own contract number, if it has one; unique in the organisation. */
    code: text("code"),
    startOn: text("start_on").notNull(),
    endOn: text("end_on").notNull(),
    /** Money in whole fen (0.01 yuan): integers add up exactly. */
    annualValueFen: integer("annual_value_fen").notNull(),
    paymentRule: text("payment_rule", { mode: "json" }).$type<PaymentRule>().notNull(),
    /**
     * The contract's own fee per quarter in fen, when it sets one; null = the
     * annual value ÷ 4 with partial quarters by days (scoring/fee.ts).
     * (No CHECK: adding one would rebuild `contracts`; the form's schema refuses a negative fee.)
     */
    quarterlyFeeFen: integer("quarterly_fee_fen"),
    /** The organisation's rubric version in force; null = the built-in default for the service type. */
    rubricVersionId: text("rubric_version_id").references(() => rubricVersions.id, { onDelete: "restrict" }),
    /**
     * The first quarter ("2027-Q1") `rubricVersionId` applies to, set when a version is
     * published to the contract; null = since the contract's start. Earlier quarters keep
     * the rubric they fixed (the publish fixes them all, db/queries/rubrics/publish.ts).
     */
    rubricFromPeriod: text("rubric_from_period"),
    status: text("status", { enum: CONTRACT_STATUSES }).notNull().default("active"),
    archivedAt: text("archived_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("contracts_org_code_unique").on(t.orgId, t.code), // NULLs do not collide
    index("contracts_org_contractor_idx").on(t.orgId, t.contractorId),
    // Procurement's "contracts nearing their end".
    index("contracts_org_status_end_idx").on(t.orgId, t.status, t.endOn),
    index("contracts_org_type_idx").on(t.orgId, t.serviceType),
    dayCheck("contracts_start_on_day", t.startOn),
    dayCheck("contracts_end_on_day", t.endOn),
    check("contracts_term_order", sql`${col(t.endOn)} >= ${col(t.startOn)}`),
    nonNegativeCheck("contracts_annual_value_non_negative", t.annualValueFen),
  ],
);
export type Contract = typeof contracts.$inferSelect;
export type NewContract = typeof contracts.$inferInsert;

export const contractSites = sqliteTable(
  "contract_sites",
  {
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "restrict" }),
    orgId: orgIdColumn(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.siteId] }), index("contract_sites_org_site_idx").on(t.orgId, t.siteId)],
);
export type ContractSite = typeof contractSites.$inferSelect;
export type NewContractSite = typeof contractSites.$inferInsert;

export const QUARTER_STATUSES = ["open", "draft", "finalised", "reopened"] as const;
export type QuarterStatus = (typeof QUARTER_STATUSES)[number];

/**
 * A contract's quarter. The row is written when the quarter is first touched
 * (its campaign, a finding, a bonus or veto, a finalisation), which fixes the
 * rubric it is scored with: the contract's version then, or the built-in
 * default (rubric_version_id null). `draft` is never stored: an `open` quarter
 * is a draft from the day after it ends (domain/quarter-lock.ts quarterStateOn).
 */
export const contractQuarters = sqliteTable(
  "contract_quarters",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    status: text("status", { enum: QUARTER_STATUSES }).notNull().default("open"),
    /** 0 until first finalised; each re-finalisation after a reopen adds one. */
    revision: integer("revision").notNull().default(0),
    /** The organisation's rubric version the quarter is scored with; null = the built-in default `rubricId@rubricVersion`. */
    rubricVersionId: text("rubric_version_id").references(() => rubricVersions.id, { onDelete: "restrict" }),
    /** `Rubric.id` and `Rubric.version` fixed when the quarter opened (null only on rows older than migration 0009). */
    rubricId: text("rubric_id"),
    rubricVersion: text("rubric_version"),
    reopenReason: text("reopen_reason"),
    reopenedAt: text("reopened_at"),
    reopenedBy: text("reopened_by").references(() => users.id, { onDelete: "restrict" }),
    finalisedAt: text("finalised_at"),
    finalisedBy: text("finalised_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("contract_quarters_contract_period_unique").on(t.contractId, t.period),
    index("contract_quarters_org_period_status_idx").on(t.orgId, t.period, t.status),
    periodCheck("contract_quarters_period_format", t.period),
    nonNegativeCheck("contract_quarters_revision_non_negative", t.revision),
  ],
);
export type ContractQuarter = typeof contractQuarters.$inferSelect;
export type NewContractQuarter = typeof contractQuarters.$inferInsert;

/** The fee calculation stored with a snapshot (scoring/fee.ts and quarterPayment). */
export interface StoredQuarterFee {
  /** The quarter's fee before deduction, in fen. */
  quarterFeeFen: number;
  /** How it was arrived at: the contract's own quarterly fee, a quarter of the annual value, or a partial quarter's share by days. */
  basis: "quarterly_fee" | "annual_quarter" | "partial_days";
  /** Days of the quarter inside the contract's term, and days of the quarter. */
  termDays: number;
  quarterDays: number;
  rule: PaymentRule;
  percent: number;
  payableFen: number;
  deductedFen: number;
}

/**
 * Immutable snapshots: each finalisation stores the exact input, the output,
 * the whole rubric and the fee calculation, so a finalised quarter never
 * changes silently. A correction is a new row with revision n+1, computed
 * with the first revision's `asOf`.
 */
export const quarterScores = sqliteTable(
  "quarter_scores",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    revision: integer("revision").notNull(),
    /** Why the supervisor finalised despite a pending veto or a fix awaiting verification. */
    overrideReason: text("override_reason"),
    /** Why a provisional quarter (too few respondents) was finalised as it is. */
    provisionalJustification: text("provisional_justification"),
    /** Copied out of `output`, `rubric` and `fee` so lists and charts need not parse JSON (a big quarter's output is hundreds of kB). */
    total: real("total").notNull(),
    grade: text("grade", { enum: GRADES }).notNull(),
    satisfactionRate: real("satisfaction_rate"),
    respondents: integer("respondents").notNull(),
    targetRate: real("target_rate").notNull(),
    provisional: integer("provisional", { mode: "boolean" }).notNull(),
    vetoed: integer("vetoed", { mode: "boolean" }).notNull(),
    deductedFen: integer("deducted_fen").notNull(),
    rubricId: text("rubric_id").notNull(),
    rubricVersion: text("rubric_version").notNull(),
    /** Why this revision exists (the reopen reason); null for the first. */
    reason: text("reason"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
    /** The day the score was computed for (`input.asOf`): the first finalisation's day for every revision. */
    asOf: text("as_of").notNull(),
    // The JSON last: a big quarter's output runs to overflow pages, and a list reading the
    // columns above must not walk them (SQLite reads a row's columns in order).
    input: text("input", { mode: "json" }).$type<QuarterInput>().notNull(),
    output: text("output", { mode: "json" }).$type<QuarterScore>().notNull(),
    /** The whole rubric scored with, so the snapshot recomputes without anything else. */
    rubric: text("rubric", { mode: "json" }).$type<Rubric>().notNull(),
    fee: text("fee", { mode: "json" }).$type<StoredQuarterFee>().notNull(),
  },
  (t) => [
    unique("quarter_scores_contract_period_revision_unique").on(t.contractId, t.period, t.revision),
    index("quarter_scores_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
    index("quarter_scores_org_period_idx").on(t.orgId, t.period),
    periodCheck("quarter_scores_period_format", t.period),
    nonNegativeCheck("quarter_scores_revision_non_negative", t.revision),
    check("quarter_scores_total_range", sql`${col(t.total)} BETWEEN 0 AND 100`),
    dayCheck("quarter_scores_as_of_day", t.asOf),
  ],
);
export type QuarterScoreRow = typeof quarterScores.$inferSelect;
export type NewQuarterScoreRow = typeof quarterScores.$inferInsert;
