/**
 * Reading findings and inspections: the findings list with its filters, the
 * recent inspections, and one inspection with its findings.
 *
 * Pages are read as LIMIT n+1 (is there a next page?) rather than with a
 * total: a count over every finding of the organisation would read the whole
 * index on each page view, and the list must not slow down as years of
 * findings pile up (bench/findings.ts measures it). Each status filter is
 * ordered by the deadline so it reads `findings_org_status_due_idx` in order;
 * the default list reads `findings_org_found_idx` newest first.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { findingListStatus, isLate, type FindingListStatus } from "../../../domain/findings";
import { isIsoDate, isPeriod, periodEnd, periodStart } from "../../../scoring/dates";
import type { Severity } from "../../../scoring/types";
import type { Db } from "../../client";
import { contractors, contracts, evidenceFiles, findings, gridCells, inspections, sites, users, type FindingState, type InspectionKind } from "../../schema";
import { pageBounds } from "../context";

export interface FindingListRow {
  id: string;
  inspectionId: string;
  contractId: string;
  contractTitle: string;
  contractorName: string;
  siteId: string;
  siteName: string;
  gridCellId: string | null;
  cellCode: string | null;
  itemId: string;
  severity: Severity;
  note: string;
  foundOn: string;
  dueOn: string;
  period: string;
  state: FindingState;
  /** The stored state with "overdue" derived on `today`. */
  status: FindingListStatus;
  rectifiedOn: string | null;
  /** Rectified after its deadline. */
  late: boolean;
  /** A repeat of an earlier finding (and the mark not cleared). */
  repeat: boolean;
  repeatOfId: string | null;
  /** The first photo's evidence id (its thumbnail is /files/:id/thumb), or null. */
  thumbnailId: string | null;
}

export interface FindingPage {
  rows: FindingListRow[];
  page: number;
  pageSize: number;
  /** Another page follows. */
  hasMore: boolean;
}

export interface FindingListQuery {
  orgId: string;
  /** Today in the organisation's zone: "overdue" is open with `dueOn` before it. */
  today: string;
  contractId?: string;
  siteId?: string;
  gridCellId?: string;
  status?: FindingListStatus;
  severity?: Severity;
  /** A quarter, "2026-Q3". */
  period?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Ties are broken by rowid, which every index ends with: ordering by the
 * indexed day and then rowid reads the index in order with nothing to sort.
 */
const rowid = sql`${findings}.rowid`;

/** The stored-state condition and the index-friendly order of a list status. */
function statusFilter(status: FindingListStatus | undefined, today: string): { where?: SQL; orderBy: SQL[] } {
  switch (status) {
    case "overdue":
      return { where: and(eq(findings.status, "open"), lt(findings.dueOn, today)), orderBy: [asc(findings.dueOn), asc(rowid)] };
    case "open":
      return { where: and(eq(findings.status, "open"), gte(findings.dueOn, today)), orderBy: [asc(findings.dueOn), asc(rowid)] };
    case "awaiting_verification":
      return { where: eq(findings.status, "rectified"), orderBy: [asc(findings.dueOn), asc(rowid)] };
    case "closed":
      return { where: eq(findings.status, "verified"), orderBy: [desc(findings.dueOn), desc(rowid)] };
    case "withdrawn":
      return { where: eq(findings.status, "withdrawn"), orderBy: [desc(findings.dueOn), desc(rowid)] };
    case undefined:
      return { orderBy: [desc(findings.foundOn), desc(rowid)] };
  }
}

/** The finding columns a list row shows; the names around them are looked up per page (`decorate`). */
const findingColumns = {
  id: findings.id,
  inspectionId: findings.inspectionId,
  contractId: findings.contractId,
  siteId: findings.siteId,
  gridCellId: findings.gridCellId,
  itemId: findings.itemId,
  severity: findings.severity,
  note: findings.note,
  foundOn: findings.foundOn,
  dueOn: findings.dueOn,
  period: findings.period,
  state: findings.status,
  rectifiedOn: findings.rectifiedOn,
  repeatOfId: findings.repeatOfId,
  repeatClearedReason: findings.repeatClearedReason,
};
type PageRow = Awaited<ReturnType<typeof findingListSql>>[number];

/**
 * A page of findings with their contract, contractor, site, cell and first
 * photo. The page is read from findings alone and the names are then looked
 * up by id: joined in one statement, SQLite's planner (seeing 5 contracts)
 * would start from contracts and sort every finding of the organisation.
 */
async function decorate(db: Db, orgId: string, rows: PageRow[], today: string): Promise<FindingListRow[]> {
  if (rows.length === 0) return [];
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  const [contractRows, siteRows, cellRows, photoRows] = await Promise.all([
    db
      .select({ id: contracts.id, title: contracts.title, contractorName: contractors.name })
      .from(contracts)
      .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, orgId)))
      .where(and(eq(contracts.orgId, orgId), inArray(contracts.id, unique(rows.map((r) => r.contractId))))),
    db.select({ id: sites.id, name: sites.name }).from(sites).where(and(eq(sites.orgId, orgId), inArray(sites.id, unique(rows.map((r) => r.siteId))))),
    db
      .select({ id: gridCells.id, code: gridCells.code })
      .from(gridCells)
      .where(and(eq(gridCells.orgId, orgId), inArray(gridCells.id, unique(rows.map((r) => r.gridCellId))))),
    // evidence_files_org_finding_idx; the first stored photo (lowest rowid) is the thumbnail.
    db
      .select({ id: evidenceFiles.id, findingId: evidenceFiles.findingId })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.orgId, orgId), inArray(evidenceFiles.findingId, rows.map((r) => r.id))))
      .orderBy(sql`${evidenceFiles}.rowid`),
  ]);
  const contractOf = new Map(contractRows.map((c) => [c.id, c]));
  const siteOf = new Map(siteRows.map((x) => [x.id, x.name]));
  const cellOf = new Map(cellRows.map((c) => [c.id, c.code]));
  const thumbOf = new Map<string, string>();
  for (const p of photoRows) if (p.findingId && !thumbOf.has(p.findingId)) thumbOf.set(p.findingId, p.id);
  return rows.map(({ repeatClearedReason, ...r }) => ({
    ...r,
    contractTitle: contractOf.get(r.contractId)?.title ?? "",
    contractorName: contractOf.get(r.contractId)?.contractorName ?? "",
    siteName: siteOf.get(r.siteId) ?? "",
    cellCode: r.gridCellId ? (cellOf.get(r.gridCellId) ?? null) : null,
    thumbnailId: thumbOf.get(r.id) ?? null,
    status: findingListStatus({ status: r.state, dueOn: r.dueOn }, today),
    late: isLate(r),
    repeat: r.repeatOfId !== null && !repeatClearedReason,
  }));
}

/** The SQL of a findings list page, findings alone (the bench and a test EXPLAIN it). */
export function findingListSql(db: Db, q: FindingListQuery) {
  const { limit, offset } = pageBounds(q, 20);
  const status = statusFilter(q.status, q.today);
  const period = q.period && isPeriod(q.period) ? q.period : undefined;
  return db
    .select(findingColumns)
    .from(findings)
    .where(
      and(
        eq(findings.orgId, q.orgId),
        status.where,
        q.contractId ? eq(findings.contractId, q.contractId) : undefined,
        q.siteId ? eq(findings.siteId, q.siteId) : undefined,
        q.gridCellId ? eq(findings.gridCellId, q.gridCellId) : undefined,
        q.severity ? eq(findings.severity, q.severity) : undefined,
        // A quarter as a range of foundOn, so findings_org_found_idx serves it in order.
        period ? and(gte(findings.foundOn, periodStart(period)), lte(findings.foundOn, periodEnd(period))) : undefined,
      ),
    )
    .orderBy(...status.orderBy)
    .limit(limit + 1)
    .offset(offset);
}

/** One page of the organisation's findings, filtered; see the module comment for the order. */
export async function listFindings(db: Db, q: FindingListQuery): Promise<FindingPage> {
  const { limit, page } = pageBounds(q, 20);
  if (!isIsoDate(q.today)) return { rows: [], page, pageSize: limit, hasMore: false };
  const rows = await findingListSql(db, q);
  return { rows: await decorate(db, q.orgId, rows.slice(0, limit), q.today), page, pageSize: limit, hasMore: rows.length > limit };
}

export interface InspectionListRow {
  id: string;
  kind: InspectionKind;
  inspectedOn: string;
  contractId: string | null;
  contractTitle: string | null;
  siteId: string;
  siteName: string;
  gridCellId: string | null;
  cellCode: string | null;
  inspectorUserId: string;
  inspectorName: string;
  findingCount: number;
}

function inspectionRows(db: Db, orgId: string) {
  return db
    .select({
      id: inspections.id,
      kind: inspections.kind,
      inspectedOn: inspections.inspectedOn,
      contractId: inspections.contractId,
      contractTitle: contracts.title,
      siteId: inspections.siteId,
      siteName: sites.name,
      gridCellId: inspections.gridCellId,
      cellCode: gridCells.code,
      inspectorUserId: inspections.inspectorUserId,
      inspectorName: users.name,
      note: inspections.note,
      findingCount: sql<number>`(SELECT count(*) FROM ${findings} WHERE ${findings.orgId} = ${orgId} AND ${findings.inspectionId} = ${inspections.id})`,
    })
    .from(inspections)
    .innerJoin(sites, and(eq(sites.id, inspections.siteId), eq(sites.orgId, orgId)))
    .innerJoin(users, eq(users.id, inspections.inspectorUserId))
    .leftJoin(contracts, and(eq(contracts.id, inspections.contractId), eq(contracts.orgId, orgId)))
    .leftJoin(gridCells, and(eq(gridCells.id, inspections.gridCellId), eq(gridCells.orgId, orgId)));
}

/** Recent inspections, newest first; only `inspectorUserId`'s when given (the page shows "mine" first). */
export async function listInspections(
  db: Db,
  q: { orgId: string; inspectorUserId?: string; page?: number; pageSize?: number },
): Promise<{ rows: InspectionListRow[]; page: number; pageSize: number; hasMore: boolean }> {
  const { limit, offset, page } = pageBounds(q, 20);
  const rows = await inspectionRows(db, q.orgId)
    .where(and(eq(inspections.orgId, q.orgId), q.inspectorUserId ? eq(inspections.inspectorUserId, q.inspectorUserId) : undefined))
    .orderBy(desc(inspections.inspectedOn), desc(inspections.createdAt))
    .limit(limit + 1)
    .offset(offset);
  return {
    rows: rows.slice(0, limit).map(({ note: _n, ...r }) => ({ ...r, findingCount: Number(r.findingCount) })),
    page,
    pageSize: limit,
    hasMore: rows.length > limit,
  };
}

/** One inspection of the organisation with its findings (as the list shows them on `today`), or null. */
export async function getInspection(db: Db, q: { orgId: string; id: string; today: string }) {
  const [row] = await inspectionRows(db, q.orgId).where(and(eq(inspections.orgId, q.orgId), eq(inspections.id, q.id)));
  if (!row) return null;
  const rows = await db
    .select(findingColumns)
    .from(findings)
    .where(and(eq(findings.orgId, q.orgId), eq(findings.inspectionId, q.id)))
    .orderBy(asc(findings.createdAt), asc(findings.id));
  return { ...row, findingCount: Number(row.findingCount), findings: await decorate(db, q.orgId, rows, q.today) };
}
export type InspectionDetail = NonNullable<Awaited<ReturnType<typeof getInspection>>>;
