/**
 * Contracts, the sites they cover, the per-quarter state machine
 * (open → draft → finalised → reopened → finalised as revision n+1) and the
 * stored score snapshots.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import type { PaymentRule, QuarterInput, QuarterScore } from "../../scoring/types";
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
    /** The organisation's rubric version in force; null = the built-in default for the service type. */
    rubricVersionId: text("rubric_version_id").references(() => rubricVersions.id, { onDelete: "restrict" }),
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
    reopenReason: text("reopen_reason"),
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

/**
 * Immutable snapshots: each finalisation stores the exact input, the output
 * and the rubric version, so a finalised quarter never changes silently.
 * A correction is a new row with revision n+1.
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
    input: text("input", { mode: "json" }).$type<QuarterInput>().notNull(),
    output: text("output", { mode: "json" }).$type<QuarterScore>().notNull(),
    rubricId: text("rubric_id").notNull(),
    rubricVersion: text("rubric_version").notNull(),
    /** Copied out of `output` so lists and charts need not parse JSON. */
    total: real("total").notNull(),
    grade: text("grade", { enum: GRADES }).notNull(),
    /** Why this revision exists (the reopen reason); null for the first. */
    reason: text("reason"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("quarter_scores_contract_period_revision_unique").on(t.contractId, t.period, t.revision),
    index("quarter_scores_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
    index("quarter_scores_org_period_idx").on(t.orgId, t.period),
    periodCheck("quarter_scores_period_format", t.period),
    nonNegativeCheck("quarter_scores_revision_non_negative", t.revision),
    check("quarter_scores_total_range", sql`${col(t.total)} BETWEEN 0 AND 100`),
  ],
);
export type QuarterScoreRow = typeof quarterScores.$inferSelect;
export type NewQuarterScoreRow = typeof quarterScores.$inferInsert;
