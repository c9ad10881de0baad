/**
 * Inspections (patrols, spot checks), their findings and each finding's
 * history of events, plus evidence files (photos) stored outside the database.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { SEVERITIES } from "../../scoring/types";
import { col, createdAtColumn, dayCheck, idColumn, nonNegativeCheck, periodCheck } from "./columns";
import { contracts } from "./contracts";
import { gridCells, sites } from "./directory";
import { orgIdColumn, users } from "./orgs";
import { nowIso } from "../time";

export { SEVERITIES };
export type { Severity } from "../../scoring/types";

export const INSPECTION_KINDS = ["patrol", "spot", "joint"] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const inspections = sqliteTable(
  "inspections",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    siteId: text("site_id").references(() => sites.id, { onDelete: "restrict" }),
    gridCellId: text("grid_cell_id").references(() => gridCells.id, { onDelete: "restrict" }),
    inspectorUserId: text("inspector_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    inspectedOn: text("inspected_on").notNull(),
    kind: text("kind", { enum: INSPECTION_KINDS }).notNull(),
    note: text("note"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("inspections_org_contract_on_idx").on(t.orgId, t.contractId, t.inspectedOn),
    index("inspections_org_on_idx").on(t.orgId, t.inspectedOn),
    index("inspections_org_grid_cell_idx").on(t.orgId, t.gridCellId),
    dayCheck("inspections_inspected_on_day", t.inspectedOn),
  ],
);
export type Inspection = typeof inspections.$inferSelect;
export type NewInspection = typeof inspections.$inferInsert;

export const FINDING_STATUSES = ["open", "rectified", "verified", "overdue", "withdrawn"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const findings = sqliteTable(
  "findings",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id, { onDelete: "restrict" }),
    /** Copied from the inspection so per-quarter scoring reads one index. */
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    /** A rubric item id, e.g. "catering.hygiene.sample-retention". */
    itemId: text("item_id").notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    description: text("description").notNull(),
    foundOn: text("found_on").notNull(),
    dueOn: text("due_on").notNull(),
    rectifiedOn: text("rectified_on"),
    verifiedOn: text("verified_on"),
    verifiedBy: text("verified_by").references(() => users.id, { onDelete: "restrict" }),
    status: text("status", { enum: FINDING_STATUSES }).notNull().default("open"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
    updatedAt: text("updated_at").notNull().$defaultFn(() => nowIso()),
  },
  (t) => [
    index("findings_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
    // "What is open or overdue, soonest deadline first?"
    index("findings_org_status_due_idx").on(t.orgId, t.status, t.dueOn),
    index("findings_org_inspection_idx").on(t.orgId, t.inspectionId),
    periodCheck("findings_period_format", t.period),
    dayCheck("findings_found_on_day", t.foundOn),
    dayCheck("findings_due_on_day", t.dueOn),
    dayCheck("findings_rectified_on_day", t.rectifiedOn),
    dayCheck("findings_verified_on_day", t.verifiedOn),
    check("findings_due_after_found", sql`${col(t.dueOn)} >= ${col(t.foundOn)}`),
  ],
);
export type Finding = typeof findings.$inferSelect;
export type NewFinding = typeof findings.$inferInsert;

export const FINDING_EVENT_KINDS = [
  "created",
  "rectified",
  "verified",
  "rejected",
  "reopened",
  "withdrawn",
  "edited",
  "appealed",
] as const;
export type FindingEventKind = (typeof FINDING_EVENT_KINDS)[number];

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
    byUserId: text("by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    at: text("at").notNull().$defaultFn(() => nowIso()),
  },
  (t) => [index("finding_events_org_finding_at_idx").on(t.orgId, t.findingId, t.at)],
);
export type FindingEvent = typeof findingEvents.$inferSelect;
export type NewFindingEvent = typeof findingEvents.$inferInsert;

/** Metadata of an uploaded file; the bytes live in storage under `storageKey`. */
export const evidenceFiles = sqliteTable(
  "evidence_files",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    findingId: text("finding_id").references(() => findings.id, { onDelete: "restrict" }),
    eventId: text("event_id").references(() => findingEvents.id, { onDelete: "restrict" }),
    storageKey: text("storage_key").notNull().unique(),
    mimeType: text("mime_type").notNull(),
    bytes: integer("bytes").notNull(),
    /** Hex SHA-256 of the content: proves the photo was not swapped afterwards. */
    sha256: text("sha256").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    uploadedAt: text("uploaded_at").notNull().$defaultFn(() => nowIso()),
  },
  (t) => [
    index("evidence_files_org_finding_idx").on(t.orgId, t.findingId),
    index("evidence_files_org_event_idx").on(t.orgId, t.eventId),
    nonNegativeCheck("evidence_files_bytes_non_negative", t.bytes),
    check("evidence_files_sha256_length", sql`length(${col(t.sha256)}) = 64`),
  ],
);
export type EvidenceFile = typeof evidenceFiles.$inferSelect;
export type NewEvidenceFile = typeof evidenceFiles.$inferInsert;
