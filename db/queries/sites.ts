/**
 * Sites (office buildings, canteens, the campus) and their grid cells (网格),
 * each cell with an optional patrol leader. A site or cell that contracts or
 * inspections point at is never deleted: sites are archived instead, and a
 * cell in use keeps its history.
 */
import { and, asc, count, eq, getTableColumns, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { recordAudit } from "../audit";
import { archivedCondition, auditFields, isForeignKeyViolation, likeSql, uniqueViolation, type ArchivedFilter } from "../query-helpers";
import { newId } from "../ids";
import { contractSites, gridCells, inspections, memberships, sites, users, type GridCell, type Site, type SiteKind } from "../schema";
import { nowIso } from "../time";
import { pageBounds, type PageQuery, type Paged, type WriteContext } from "./context";

export interface SiteInput {
  name: string;
  kind: SiteKind;
  address?: string | null;
}

export type SiteRow = Site & { gridCellCount: number; contractCount: number };

const gridCellCount = sql<number>`(select count(*) from ${gridCells} where ${gridCells.siteId} = ${sites.id})`.mapWith(Number);
const contractCount = sql<number>`(select count(*) from ${contractSites} where ${contractSites.siteId} = ${sites.id})`.mapWith(Number);

/**
 * One page of sites by name; `q` searches name and address.
 * @example await listSites(db, { orgId, q: "办公楼" })
 */
export async function listSites(
  db: Db,
  query: { orgId: string; q?: string; archived?: ArchivedFilter } & PageQuery,
): Promise<Paged<SiteRow>> {
  const { limit, offset, page } = pageBounds(query);
  const q = query.q?.trim();
  const where = and(
    eq(sites.orgId, query.orgId),
    archivedCondition(sites.archivedAt, query.archived),
    q ? or(likeSql(sites.name, q), likeSql(sites.address, q)) : undefined,
  );
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({ ...getTableColumns(sites), gridCellCount, contractCount })
      .from(sites)
      .where(where)
      .orderBy(asc(sites.name), asc(sites.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(sites).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0, page, pageSize: limit };
}

/** Sites for the checkboxes of the contract form, by name; archived ones flagged. */
export async function listSiteOptions(db: Db, query: { orgId: string }) {
  return db
    .select({ id: sites.id, name: sites.name, kind: sites.kind, archivedAt: sites.archivedAt })
    .from(sites)
    .where(eq(sites.orgId, query.orgId))
    .orderBy(asc(sites.name))
    .limit(2000);
}

/** One site of the organisation with its counts, or null. */
export async function getSite(db: Db, query: { orgId: string; id: string }): Promise<SiteRow | null> {
  const [row] = await db
    .select({ ...getTableColumns(sites), gridCellCount, contractCount })
    .from(sites)
    .where(and(eq(sites.orgId, query.orgId), eq(sites.id, query.id)))
    .limit(1);
  return row ?? null;
}

export async function createSite(db: Db, ctx: WriteContext, input: SiteInput): Promise<{ ok: true; id: string }> {
  const at = nowIso();
  const row = { id: newId(), orgId: ctx.orgId, ...cleanSite(input), archivedAt: null, createdAt: at };
  await db.batch([
    db.insert(sites).values(row),
    recordAudit(db, { ...auditFields(ctx, at), action: "site.create", entity: "site", entityId: row.id, before: null, after: row }),
  ]);
  return { ok: true, id: row.id };
}

export async function updateSite(
  db: Db,
  ctx: WriteContext,
  input: SiteInput & { id: string },
): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  const before = await siteRow(db, ctx.orgId, input.id);
  if (!before) return { ok: false, error: "not_found" };
  const at = nowIso();
  await db.batch([
    db
      .update(sites)
      .set(cleanSite(input))
      .where(and(eq(sites.orgId, ctx.orgId), eq(sites.id, input.id))),
    recordAudit(db, { ...auditFields(ctx, at), action: "site.update", entity: "site", entityId: input.id, before, after: { ...before, ...cleanSite(input) } }),
  ]);
  return { ok: true };
}

/** Hides a site from new contracts; its cells, contracts and inspections stay. */
export async function archiveSite(db: Db, ctx: WriteContext, input: { id: string }) {
  return setSiteArchived(db, ctx, input.id, true);
}

/** Undoes `archiveSite`. */
export async function restoreSite(db: Db, ctx: WriteContext, input: { id: string }) {
  return setSiteArchived(db, ctx, input.id, false);
}

export type SiteUsage = { contracts: number; gridCells: number; inspections: number };
export type DeleteSiteResult = { ok: true } | { ok: false; error: "not_found" } | { ok: false; error: "in_use"; usedBy: SiteUsage };

/** Deletes a site nothing points at; otherwise refuses with the counts (archive it instead). */
export async function deleteSite(db: Db, ctx: WriteContext, input: { id: string }): Promise<DeleteSiteResult> {
  const before = await siteRow(db, ctx.orgId, input.id);
  if (!before) return { ok: false, error: "not_found" };
  const usedBy = await siteUsage(db, ctx.orgId, input.id);
  if (usedBy.contracts + usedBy.gridCells + usedBy.inspections > 0) return { ok: false, error: "in_use", usedBy };
  const at = nowIso();
  try {
    await db.batch([
      db.delete(sites).where(and(eq(sites.orgId, ctx.orgId), eq(sites.id, input.id))),
      recordAudit(db, { ...auditFields(ctx, at), action: "site.delete", entity: "site", entityId: input.id, before, after: null }),
    ]);
  } catch (error) {
    if (isForeignKeyViolation(error)) return { ok: false, error: "in_use", usedBy: await siteUsage(db, ctx.orgId, input.id) };
    throw error;
  }
  return { ok: true };
}

// ---------------------------------------------------------------- grid cells

export interface GridCellInput {
  siteId: string;
  /** Short label on the patrol sheet, e.g. "A-01"; unique in the organisation. */
  code: string;
  name: string;
  patrolLeaderUserId?: string | null;
}

export type GridCellRow = GridCell & { siteName: string; patrolLeaderName: string | null; inspectionCount: number };

const inspectionCount = sql<number>`(select count(*) from ${inspections} where ${inspections.gridCellId} = ${gridCells.id})`.mapWith(Number);

const gridCellColumns = {
  ...getTableColumns(gridCells),
  siteName: sites.name,
  patrolLeaderName: users.name,
  inspectionCount,
};

/**
 * One page of grid cells by code, of one site or of all; `q` searches code and name.
 * @example await listGridCells(db, { orgId, siteId, q: "A-" })
 */
export async function listGridCells(
  db: Db,
  query: { orgId: string; siteId?: string; q?: string } & PageQuery,
): Promise<Paged<GridCellRow>> {
  const { limit, offset, page } = pageBounds(query);
  const q = query.q?.trim();
  const where = and(
    eq(gridCells.orgId, query.orgId),
    query.siteId ? eq(gridCells.siteId, query.siteId) : undefined,
    q ? or(likeSql(gridCells.code, q), likeSql(gridCells.name, q)) : undefined,
  );
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(gridCellColumns)
      .from(gridCells)
      .innerJoin(sites, eq(sites.id, gridCells.siteId))
      .leftJoin(users, eq(users.id, gridCells.patrolLeaderUserId))
      .where(where)
      .orderBy(asc(gridCells.code))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(gridCells).where(where),
  ]);
  return { rows: rows as GridCellRow[], total: totalRow?.n ?? 0, page, pageSize: limit };
}

export async function getGridCell(db: Db, query: { orgId: string; id: string }): Promise<GridCellRow | null> {
  const [row] = await db
    .select(gridCellColumns)
    .from(gridCells)
    .innerJoin(sites, eq(sites.id, gridCells.siteId))
    .leftJoin(users, eq(users.id, gridCells.patrolLeaderUserId))
    .where(and(eq(gridCells.orgId, query.orgId), eq(gridCells.id, query.id)))
    .limit(1);
  return (row as GridCellRow | undefined) ?? null;
}

export type GridCellWriteError =
  | { ok: false; error: "not_found"; field?: "siteId" | "patrolLeaderUserId" }
  | { ok: false; error: "duplicate_code" };

/** Creates a cell on a site of the organisation; the patrol leader, if any, must be a member. */
export async function createGridCell(
  db: Db,
  ctx: WriteContext,
  input: GridCellInput,
): Promise<{ ok: true; id: string } | GridCellWriteError> {
  const refused = await checkGridCellInput(db, ctx.orgId, input, null);
  if (refused) return refused;
  const at = nowIso();
  const row = { id: newId(), orgId: ctx.orgId, ...cleanCell(input), archivedAt: null, createdAt: at };
  try {
    await db.batch([
      db.insert(gridCells).values(row),
      recordAudit(db, { ...auditFields(ctx, at), action: "grid_cell.create", entity: "grid_cell", entityId: row.id, before: null, after: row }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("grid_cells.code")) return { ok: false, error: "duplicate_code" };
    throw error;
  }
  return { ok: true, id: row.id };
}

export async function updateGridCell(
  db: Db,
  ctx: WriteContext,
  input: GridCellInput & { id: string },
): Promise<{ ok: true } | GridCellWriteError> {
  const before = await cellRow(db, ctx.orgId, input.id);
  if (!before) return { ok: false, error: "not_found" };
  const refused = await checkGridCellInput(db, ctx.orgId, input, input.id);
  if (refused) return refused;
  const at = nowIso();
  try {
    await db.batch([
      db
        .update(gridCells)
        .set(cleanCell(input))
        .where(and(eq(gridCells.orgId, ctx.orgId), eq(gridCells.id, input.id))),
      recordAudit(db, {
        ...auditFields(ctx, at),
        action: "grid_cell.update",
        entity: "grid_cell",
        entityId: input.id,
        before,
        after: { ...before, ...cleanCell(input) },
      }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("grid_cells.code")) return { ok: false, error: "duplicate_code" };
    throw error;
  }
  return { ok: true };
}

export type DeleteGridCellResult =
  | { ok: true }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "in_use"; usedBy: { inspections: number } };

/** Deletes a cell no inspection was recorded in; otherwise refuses with the count. */
export async function deleteGridCell(db: Db, ctx: WriteContext, input: { id: string }): Promise<DeleteGridCellResult> {
  const before = await cellRow(db, ctx.orgId, input.id);
  if (!before) return { ok: false, error: "not_found" };
  const usedBy = await cellUsage(db, ctx.orgId, input.id);
  if (usedBy.inspections > 0) return { ok: false, error: "in_use", usedBy };
  const at = nowIso();
  try {
    await db.batch([
      db.delete(gridCells).where(and(eq(gridCells.orgId, ctx.orgId), eq(gridCells.id, input.id))),
      recordAudit(db, { ...auditFields(ctx, at), action: "grid_cell.delete", entity: "grid_cell", entityId: input.id, before, after: null }),
    ]);
  } catch (error) {
    if (isForeignKeyViolation(error)) return { ok: false, error: "in_use", usedBy: await cellUsage(db, ctx.orgId, input.id) };
    throw error;
  }
  return { ok: true };
}

// ---------------------------------------------------------------- helpers

function cleanSite(input: SiteInput) {
  return { name: input.name.trim(), kind: input.kind, address: input.address?.trim() || null };
}

function cleanCell(input: GridCellInput) {
  return { siteId: input.siteId, code: input.code.trim(), name: input.name.trim(), patrolLeaderUserId: input.patrolLeaderUserId || null };
}

async function siteRow(db: Db, orgId: string, id: string): Promise<Site | null> {
  const [row] = await db
    .select()
    .from(sites)
    .where(and(eq(sites.orgId, orgId), eq(sites.id, id)))
    .limit(1);
  return row ?? null;
}

async function cellRow(db: Db, orgId: string, id: string): Promise<GridCell | null> {
  const [row] = await db
    .select()
    .from(gridCells)
    .where(and(eq(gridCells.orgId, orgId), eq(gridCells.id, id)))
    .limit(1);
  return row ?? null;
}

async function siteUsage(db: Db, orgId: string, id: string): Promise<SiteUsage> {
  const one = async (condition: SQL, table: typeof contractSites | typeof gridCells | typeof inspections) => {
    const [row] = await db.select({ n: count() }).from(table).where(condition);
    return row?.n ?? 0;
  };
  const [contracts, cells, inspected] = await Promise.all([
    one(and(eq(contractSites.orgId, orgId), eq(contractSites.siteId, id))!, contractSites),
    one(and(eq(gridCells.orgId, orgId), eq(gridCells.siteId, id))!, gridCells),
    one(and(eq(inspections.orgId, orgId), eq(inspections.siteId, id))!, inspections),
  ]);
  return { contracts, gridCells: cells, inspections: inspected };
}

async function cellUsage(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ n: count() })
    .from(inspections)
    .where(and(eq(inspections.orgId, orgId), eq(inspections.gridCellId, id)));
  return { inspections: row?.n ?? 0 };
}

/** The site and the patrol leader must belong to the organisation; the code must be new in it. */
async function checkGridCellInput(db: Db, orgId: string, input: GridCellInput, exceptId: string | null): Promise<GridCellWriteError | null> {
  const [site] = await db
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.orgId, orgId), eq(sites.id, input.siteId)))
    .limit(1);
  if (!site) return { ok: false, error: "not_found", field: "siteId" };
  if (input.patrolLeaderUserId) {
    const [member] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, input.patrolLeaderUserId)))
      .limit(1);
    if (!member) return { ok: false, error: "not_found", field: "patrolLeaderUserId" };
  }
  const [clash] = await db
    .select({ id: gridCells.id })
    .from(gridCells)
    .where(and(eq(gridCells.orgId, orgId), eq(gridCells.code, input.code.trim()), exceptId ? ne(gridCells.id, exceptId) : undefined))
    .limit(1);
  return clash ? { ok: false, error: "duplicate_code" } : null;
}

async function setSiteArchived(db: Db, ctx: WriteContext, id: string, archived: boolean): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  const before = await siteRow(db, ctx.orgId, id);
  if (!before) return { ok: false, error: "not_found" };
  if (Boolean(before.archivedAt) === archived) return { ok: true };
  const at = nowIso();
  const archivedAt = archived ? at : null;
  await db.batch([
    db
      .update(sites)
      .set({ archivedAt })
      .where(and(eq(sites.orgId, ctx.orgId), eq(sites.id, id))),
    recordAudit(db, {
      ...auditFields(ctx, at),
      action: archived ? "site.archive" : "site.restore",
      entity: "site",
      entityId: id,
      before,
      after: { ...before, archivedAt },
    }),
  ]);
  return { ok: true };
}
