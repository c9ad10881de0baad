/**
 * Inspections (grid patrols, spot checks, quarterly assessments), their
 * findings, each finding's history of events, and the evidence files (photos)
 * whose bytes live in the uploads folder, not in the database.
 *
 * Overdue is never stored: it is computed from `dueOn`, the stored lifecycle
 * `status` and the day in the organisation's zone (domain/findings.ts).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, unique, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { SEVERITIES } from "../../scoring/types";
import { FINDING_STATES, INSPECTION_KINDS, FINDING_EVENT_KINDS } from "../../domain/findings";
import { APPEAL_OUTCOMES, APPEAL_STATES, APPEAL_TARGETS } from "../../domain/appeals";
import { col, createdAtColumn, dayCheck, idColumn, nonNegativeCheck, periodCheck } from "./columns";
import { contracts } from "./contracts";
import { contractors, gridCells, sites } from "./directory";
import { bonusEvents, vetoEvents } from "./events";
import { orgIdColumn, users } from "./orgs";
import { nowIso } from "../time";

export { SEVERITIES, FINDING_STATES, INSPECTION_KINDS, FINDING_EVENT_KINDS, APPEAL_TARGETS, APPEAL_STATES, APPEAL_OUTCOMES };
export type { AppealTarget, AppealState, AppealOutcome } from "../../domain/appeals";
export type { Severity } from "../../scoring/types";
export type { FindingState, InspectionKind, FindingEventKind } from "../../domain/findings";

export const inspections = sqliteTable(
  "inspections",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    kind: text("kind", { enum: INSPECTION_KINDS }).notNull(),
    /**
     * The contract inspected (spot check, quarterly assessment). Null for a grid
     * patrol: it covers a cell, and each of its findings names its contract.
     */
    contractId: text("contract_id").references(() => contracts.id, { onDelete: "restrict" }),
    /** Always set: the cell's site when a cell is given. */
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "restrict" }),
    /** Required for a grid patrol; optional otherwise. */
    gridCellId: text("grid_cell_id").references(() => gridCells.id, { onDelete: "restrict" }),
    inspectorUserId: text("inspector_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    inspectedOn: text("inspected_on").notNull(),
    note: text("note"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("inspections_org_on_idx").on(t.orgId, t.inspectedOn),
    index("inspections_org_contract_on_idx").on(t.orgId, t.contractId, t.inspectedOn),
    // The monthly patrol view: cells × days.
    index("inspections_org_cell_on_idx").on(t.orgId, t.gridCellId, t.inspectedOn),
    index("inspections_org_inspector_on_idx").on(t.orgId, t.inspectorUserId, t.inspectedOn),
    dayCheck("inspections_inspected_on_day", t.inspectedOn),
    check("inspections_patrol_has_cell", sql`${col(t.kind)} <> 'patrol' OR ${col(t.gridCellId)} IS NOT NULL`),
    check("inspections_check_has_contract", sql`${col(t.kind)} = 'patrol' OR ${col(t.contractId)} IS NOT NULL`),
  ],
);
export type Inspection = typeof inspections.$inferSelect;
export type NewInspection = typeof inspections.$inferInsert;

export const findings = sqliteTable(
  "findings",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id, { onDelete: "restrict" }),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    /** Copied from the inspection: lists and repeat detection read one table. */
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "restrict" }),
    gridCellId: text("grid_cell_id").references(() => gridCells.id, { onDelete: "restrict" }),
    /** The quarter of `foundOn`: the contract-quarter this finding is scored in (and locked with). */
    period: text("period").notNull(),
    /** A rubric item id of the contract's service type, e.g. "catering.hygiene.sample-retention". */
    itemId: text("item_id").notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    note: text("note").notNull(),
    foundOn: text("found_on").notNull(),
    /** The rectification deadline (a day, inclusive). */
    dueOn: text("due_on").notNull(),
    /** The stored lifecycle state; "overdue" is derived (domain/findings.ts). */
    status: text("status", { enum: FINDING_STATES }).notNull().default("open"),
    /** The day of the latest recorded fix (set on rectify; cleared when verification fails). */
    rectifiedOn: text("rectified_on"),
    verifiedOn: text("verified_on"),
    verifiedBy: text("verified_by").references(() => users.id, { onDelete: "restrict" }),
    /** The earlier finding this one repeats (same item, same cell or site, within 30 days). */
    repeatOfId: text("repeat_of_id").references((): AnySQLiteColumn => findings.id, { onDelete: "restrict" }),
    /** A supervisor cleared the repeat mark: why (the mark's history is in finding_events). */
    repeatClearedReason: text("repeat_cleared_reason"),
    withdrawnReason: text("withdrawn_reason"),
    /**
     * A key the recording form makes once per finding, so a retried upload on a
     * weak signal finds the finding it already wrote instead of writing it twice.
     */
    clientKey: text("client_key"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
    updatedAt: text("updated_at").notNull().$defaultFn(() => nowIso()),
  },
  (t) => [
    unique("findings_org_client_key_unique").on(t.orgId, t.clientKey), // NULLs do not collide
    // A contract-quarter's findings (scoring), and its open / overdue counts read from the index alone (the dashboard).
    index("findings_org_contract_period_status_due_idx").on(t.orgId, t.contractId, t.period, t.status, t.dueOn),
    // "What is open or overdue, soonest deadline first?" and the awaiting-verification queue.
    index("findings_org_status_due_idx").on(t.orgId, t.status, t.dueOn),
    index("findings_org_inspection_idx").on(t.orgId, t.inspectionId),
    index("findings_org_found_idx").on(t.orgId, t.foundOn),
    // Repeat detection: the same item in the same cell, or at the same site, in the last 30 days.
    index("findings_org_cell_item_found_idx").on(t.orgId, t.gridCellId, t.itemId, t.foundOn),
    index("findings_org_site_item_found_idx").on(t.orgId, t.siteId, t.itemId, t.foundOn),
    index("findings_org_repeat_of_idx").on(t.orgId, t.repeatOfId),
    periodCheck("findings_period_format", t.period),
    dayCheck("findings_found_on_day", t.foundOn),
    dayCheck("findings_due_on_day", t.dueOn),
    dayCheck("findings_rectified_on_day", t.rectifiedOn),
    dayCheck("findings_verified_on_day", t.verifiedOn),
    check("findings_due_after_found", sql`${col(t.dueOn)} >= ${col(t.foundOn)}`),
    check("findings_rectified_after_found", sql`${col(t.rectifiedOn)} IS NULL OR ${col(t.rectifiedOn)} >= ${col(t.foundOn)}`),
  ],
);
export type Finding = typeof findings.$inferSelect;
export type NewFinding = typeof findings.$inferInsert;

/** A finding's history, one row per step; nothing here is ever updated or deleted. */
export const findingEvents = sqliteTable(
  "finding_events",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    findingId: text("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: FINDING_EVENT_KINDS }).notNull(),
    note: text("note"),
    /** The day the step happened in the organisation's zone (for "rectified": the day of the fix). */
    onDay: text("on_day").notNull(),
    byUserId: text("by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    at: text("at").notNull().$defaultFn(() => nowIso()),
  },
  (t) => [
    index("finding_events_org_finding_at_idx").on(t.orgId, t.findingId, t.at),
    dayCheck("finding_events_on_day_day", t.onDay),
  ],
);
export type FindingEvent = typeof findingEvents.$inferSelect;
export type NewFindingEvent = typeof findingEvents.$inferInsert;

/**
 * Metadata of one stored photo; the processed bytes and a thumbnail live in
 * the uploads folder under `storageKey` / `thumbKey`. It belongs to exactly
 * one of: a finding, a finding's event (a rectification), a bonus, a veto,
 * an appeal (its evidence).
 */
export const evidenceFiles = sqliteTable(
  "evidence_files",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    findingId: text("finding_id").references(() => findings.id, { onDelete: "restrict" }),
    findingEventId: text("finding_event_id").references(() => findingEvents.id, { onDelete: "restrict" }),
    bonusEventId: text("bonus_event_id").references(() => bonusEvents.id, { onDelete: "restrict" }),
    vetoEventId: text("veto_event_id").references(() => vetoEvents.id, { onDelete: "restrict" }),
    appealId: text("appeal_id").references((): AnySQLiteColumn => appeals.id, { onDelete: "restrict" }),
    storageKey: text("storage_key").notNull().unique(),
    thumbKey: text("thumb_key").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** Hex SHA-256 of the stored bytes: proves the photo was not swapped afterwards. */
    sha256: text("sha256").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    uploadedAt: text("uploaded_at").notNull().$defaultFn(() => nowIso()),
  },
  (t) => [
    index("evidence_files_org_finding_idx").on(t.orgId, t.findingId),
    index("evidence_files_org_finding_event_idx").on(t.orgId, t.findingEventId),
    index("evidence_files_org_bonus_idx").on(t.orgId, t.bonusEventId),
    index("evidence_files_org_veto_idx").on(t.orgId, t.vetoEventId),
    index("evidence_files_org_appeal_idx").on(t.orgId, t.appealId),
    nonNegativeCheck("evidence_files_bytes_non_negative", t.bytes),
    check("evidence_files_sha256_length", sql`length(${col(t.sha256)}) = 64`),
    check(
      "evidence_files_one_owner",
      sql`(${col(t.findingId)} IS NOT NULL) + (${col(t.findingEventId)} IS NOT NULL) + (${col(t.bonusEventId)} IS NOT NULL) + (${col(t.vetoEventId)} IS NOT NULL) + (${col(t.appealId)} IS NOT NULL) = 1`,
    ),
  ],
);
export type EvidenceFile = typeof evidenceFiles.$inferSelect;
export type NewEvidenceFile = typeof evidenceFiles.$inferInsert;

/**
 * An appeal (异议申诉, issue 14): a contractor's person contests a finding
 * (`target` "finding": withdraw it or lower its severity), its repeat mark
 * ("repeat") or a veto ("veto"), with a reason and evidence (evidence_files
 * with `appeal_id`); a supervisor upholds or dismisses it with a reason.
 * At most one appeal per finding and target, and one per veto.
 */
export const appeals = sqliteTable(
  "appeals",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    /** The contract's contractor: the portal filters by it. */
    contractorId: text("contractor_id")
      .notNull()
      .references(() => contractors.id, { onDelete: "restrict" }),
    /** The contract-quarter of the finding or veto: its window, lock and score. */
    period: text("period").notNull(),
    target: text("target", { enum: APPEAL_TARGETS }).notNull(),
    findingId: text("finding_id").references(() => findings.id, { onDelete: "restrict" }),
    vetoEventId: text("veto_event_id").references(() => vetoEvents.id, { onDelete: "restrict" }),
    reason: text("reason").notNull(),
    status: text("status", { enum: APPEAL_STATES }).notNull().default("pending"),
    /** What an upheld appeal did; null while pending or when dismissed. */
    outcome: text("outcome", { enum: APPEAL_OUTCOMES }),
    /** For "severity_lowered": the severity before and after. */
    severityFrom: text("severity_from", { enum: SEVERITIES }),
    severityTo: text("severity_to", { enum: SEVERITIES }),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "restrict" }),
    decidedOn: text("decided_on"),
    decidedAt: text("decided_at"),
    filedBy: text("filed_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** The organisation's day of filing (checked against the window). */
    filedOn: text("filed_on").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("appeals_org_finding_target_unique").on(t.orgId, t.findingId, t.target), // NULLs do not collide
    unique("appeals_org_veto_unique").on(t.orgId, t.vetoEventId),
    // The supervisor's queue, a quarter's appeals (finalise block, score page), a contractor's list.
    index("appeals_org_status_filed_idx").on(t.orgId, t.status, t.filedOn),
    index("appeals_org_contract_period_idx").on(t.orgId, t.contractId, t.period, t.status),
    index("appeals_org_contractor_filed_idx").on(t.orgId, t.contractorId, t.filedOn),
    periodCheck("appeals_period_format", t.period),
    dayCheck("appeals_filed_on_day", t.filedOn),
    dayCheck("appeals_decided_on_day", t.decidedOn),
    check(
      "appeals_one_target",
      sql`(${col(t.target)} = 'veto') = (${col(t.vetoEventId)} IS NOT NULL) AND (${col(t.target)} = 'veto') = (${col(t.findingId)} IS NULL)`,
    ),
    check("appeals_decided_iff_not_pending", sql`(${col(t.status)} = 'pending') = (${col(t.decidedAt)} IS NULL)`),
  ],
);
export type Appeal = typeof appeals.$inferSelect;
export type NewAppeal = typeof appeals.$inferInsert;
