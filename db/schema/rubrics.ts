/**
 * An organisation's rubric versions (考核细则). The built-in defaults live in
 * scoring/; a row here is an organisation's copy. A published version is never
 * edited — a change is a new version — so a finalised quarter can always be
 * re-read with the rubric it was scored with.
 */
import { index, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import type { Rubric } from "../../scoring/types";
import { SERVICE_TYPES } from "../../scoring/types";
import { createdAtColumn, idColumn } from "./columns";
import { orgIdColumn, users } from "./orgs";

export { SERVICE_TYPES };
export type { ServiceType } from "../../scoring/types";

export const RUBRIC_STATUSES = ["draft", "published", "retired"] as const;
export type RubricStatus = (typeof RUBRIC_STATUSES)[number];

export const rubricVersions = sqliteTable(
  "rubric_versions",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    serviceType: text("service_type", { enum: SERVICE_TYPES }).notNull(),
    /** `Rubric.id`: "catering" for a default, the organisation's own id for a copy. */
    rubricId: text("rubric_id").notNull(),
    /** `Rubric.version`, e.g. "2026.1". */
    version: text("version").notNull(),
    /** "rubricId@version" this one was copied from, if any. */
    basedOn: text("based_on"),
    rubric: text("rubric", { mode: "json" }).$type<Rubric>().notNull(),
    status: text("status", { enum: RUBRIC_STATUSES }).notNull().default("draft"),
    publishedAt: text("published_at"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("rubric_versions_org_rubric_version_unique").on(t.orgId, t.rubricId, t.version),
    // The admin's label is unique per organisation and service type (issue 13), whatever the rubric id.
    unique("rubric_versions_org_type_version_unique").on(t.orgId, t.serviceType, t.version),
    index("rubric_versions_org_type_status_idx").on(t.orgId, t.serviceType, t.status),
  ],
);
export type RubricVersion = typeof rubricVersions.$inferSelect;
export type NewRubricVersion = typeof rubricVersions.$inferInsert;
