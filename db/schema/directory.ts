/** Contractors (服务企业) and the places they serve: sites and grid cells (网格). */
import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { col, createdAtColumn, idColumn } from "./columns";
import { orgIdColumn, users } from "./orgs";

export const contractors = sqliteTable(
  "contractors",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    /** 统一社会信用代码, validated by `isValidUscc` in the app; the CHECK only guards the length. */
    creditCode: text("credit_code").notNull(),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    archivedAt: text("archived_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("contractors_org_credit_code_unique").on(t.orgId, t.creditCode),
    index("contractors_org_name_idx").on(t.orgId, t.name),
    check("contractors_credit_code_length", sql`length(${col(t.creditCode)}) = 18`),
  ],
);
export type Contractor = typeof contractors.$inferSelect;
export type NewContractor = typeof contractors.$inferInsert;

export const SITE_KINDS = ["building", "canteen", "campus", "conference", "other"] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const sites = sqliteTable(
  "sites",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    kind: text("kind", { enum: SITE_KINDS }).notNull(),
    address: text("address"),
    archivedAt: text("archived_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("sites_org_name_idx").on(t.orgId, t.name)],
);
export type Site = typeof sites.$inferSelect;
export type NewSite = typeof sites.$inferInsert;

export const gridCells = sqliteTable(
  "grid_cells",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    siteId: text("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "restrict" }),
    /** Short label painted on the patrol sheet, e.g. "A-01"; unique in the organisation. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    patrolLeaderUserId: text("patrol_leader_user_id").references(() => users.id, { onDelete: "restrict" }),
    archivedAt: text("archived_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("grid_cells_org_code_unique").on(t.orgId, t.code),
    index("grid_cells_org_site_idx").on(t.orgId, t.siteId),
    index("grid_cells_org_leader_idx").on(t.orgId, t.patrolLeaderUserId),
  ],
);
export type GridCell = typeof gridCells.$inferSelect;
export type NewGridCell = typeof gridCells.$inferInsert;
