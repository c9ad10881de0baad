/**
 * Grid patrols (网格化巡查), read side: the monthly view (each cell's patrols
 * against the organisation's target, the cell × week grid of findings, the
 * cells nobody patrolled), a patrol leader's own sheet (网格长巡查情况积分表) and
 * the supervisor home's "needs attention now".
 *
 * Each reads one month (or one status) of one organisation through the
 * org-first indexes: inspections (org_id, grid_cell_id, inspected_on),
 * findings (org_id, status, due_on) and (org_id, found_on). Rules about
 * months, weeks and targets are domain/patrols.ts.
 */
import { and, asc, count, eq, gte, isNull, lt, lte, ne, sql } from "drizzle-orm";
import { patrolTargetMet, patrolsRequired, monthBounds, monthOfDay, weekIndexOf, weeksOfMonth, type MonthWeek } from "../../../domain/patrols";
import type { PatrolTarget } from "../../../domain/findings";
import type { Db } from "../../client";
import { contractors, contracts, findings, gridCells, inspections, organisations, sites, users, vetoEvents } from "../../schema";

export interface PatrolCellRow {
  cellId: string;
  code: string;
  name: string;
  siteName: string;
  leaderUserId: string | null;
  leaderName: string | null;
  patrols: number;
  lastPatrolOn: string | null;
  met: boolean;
  /** Findings found in the cell per week of the month, in the order of `weeks`. */
  findingsByWeek: number[];
  findings: number;
}

export interface PatrolMonth {
  month: string;
  target: PatrolTarget;
  required: number;
  weeks: MonthWeek[];
  rows: PatrolCellRow[];
  /** Cells with no patrol in the month (a subset of `rows`). */
  notPatrolled: PatrolCellRow[];
  /** The largest count in the grid, for its colour scale. */
  maxWeekFindings: number;
}

/** The organisation's patrol target (organisations.patrol_target); null for an unknown organisation. */
export async function getPatrolTarget(db: Db, q: { orgId: string }): Promise<PatrolTarget | null> {
  const [org] = await db.select({ target: organisations.patrolTarget }).from(organisations).where(eq(organisations.id, q.orgId));
  return org?.target ?? null;
}

/** The organisation's live cells with their site and patrol leader, by code. */
function cellsQuery(db: Db, orgId: string, leaderUserId?: string) {
  return db
    .select({
      cellId: gridCells.id,
      code: gridCells.code,
      name: gridCells.name,
      siteName: sites.name,
      leaderUserId: gridCells.patrolLeaderUserId,
      leaderName: users.name,
    })
    .from(gridCells)
    .innerJoin(sites, and(eq(sites.id, gridCells.siteId), eq(sites.orgId, orgId)))
    .leftJoin(users, eq(users.id, gridCells.patrolLeaderUserId))
    .where(
      and(
        eq(gridCells.orgId, orgId),
        isNull(gridCells.archivedAt),
        leaderUserId === undefined ? undefined : eq(gridCells.patrolLeaderUserId, leaderUserId),
      ),
    )
    .orderBy(asc(gridCells.code));
}

/** Patrols per cell in [first, last]. */
async function patrolCounts(db: Db, orgId: string, first: string, last: string) {
  const rows = await db
    .select({ cellId: inspections.gridCellId, n: count(), lastOn: sql<string>`max(${inspections.inspectedOn})` })
    .from(inspections)
    .where(and(eq(inspections.orgId, orgId), eq(inspections.kind, "patrol"), gte(inspections.inspectedOn, first), lte(inspections.inspectedOn, last)))
    .groupBy(inspections.gridCellId);
  return new Map(rows.map((r) => [r.cellId, { n: r.n, lastOn: r.lastOn }]));
}

/**
 * The patrol month: every live cell with its patrols in `month` against the
 * target, met or not, and its findings per week of the month (withdrawn
 * findings left out); `notPatrolled` lists the cells with none. `today` cuts
 * nothing: a month still under way shows what is there so far.
 */
export async function patrolMonth(db: Db, q: { orgId: string; month: string; today: string }): Promise<PatrolMonth | null> {
  const target = await getPatrolTarget(db, { orgId: q.orgId });
  if (!target) return null;
  const { first, last } = monthBounds(q.month);
  const weeks = weeksOfMonth(q.month);
  const [cells, patrols, found] = await Promise.all([
    cellsQuery(db, q.orgId),
    patrolCounts(db, q.orgId, first, last),
    db
      .select({ cellId: findings.gridCellId, foundOn: findings.foundOn, n: count() })
      .from(findings)
      .where(and(eq(findings.orgId, q.orgId), gte(findings.foundOn, first), lte(findings.foundOn, last), ne(findings.status, "withdrawn")))
      .groupBy(findings.gridCellId, findings.foundOn),
  ]);
  const grid = new Map<string, number[]>();
  for (const f of found) {
    if (!f.cellId) continue;
    const row = grid.get(f.cellId) ?? weeks.map(() => 0);
    row[weekIndexOf(f.foundOn, weeks) - 1]! += f.n;
    grid.set(f.cellId, row);
  }
  const rows = cells.map((c): PatrolCellRow => {
    const p = patrols.get(c.cellId);
    const byWeek = grid.get(c.cellId) ?? weeks.map(() => 0);
    return {
      ...c,
      patrols: p?.n ?? 0,
      lastPatrolOn: p?.lastOn ?? null,
      met: patrolTargetMet(p?.n ?? 0, target, q.month),
      findingsByWeek: byWeek,
      findings: byWeek.reduce((a, b) => a + b, 0),
    };
  });
  return {
    month: q.month,
    target,
    required: patrolsRequired(target, q.month),
    weeks,
    rows,
    notPatrolled: rows.filter((r) => r.patrols === 0),
    maxWeekFindings: Math.max(0, ...rows.flatMap((r) => r.findingsByWeek)),
  };
}

export interface LeaderSheetRow {
  cellId: string;
  code: string;
  name: string;
  siteName: string;
  patrols: number;
  met: boolean;
  /** Findings the leader raised in the cell in the month (withdrawn ones left out). */
  raised: number;
  /** …of which verified (closed). */
  closed: number;
  /** …of which still open or awaiting verification. */
  open: number;
}

export interface LeaderSheet {
  month: string;
  leader: { userId: string; name: string };
  target: PatrolTarget;
  required: number;
  rows: LeaderSheetRow[];
  totals: { patrols: number; raised: number; closed: number; open: number; cellsMet: number };
}

/**
 * A patrol leader's sheet for a month (网格长巡查情况积分表): the cells they
 * lead, their patrols of each, the findings they raised there, how many are
 * closed (verified) and how many still open. Null when the user leads no
 * cell of the organisation.
 */
export async function patrolLeaderSheet(db: Db, q: { orgId: string; userId: string; month: string }): Promise<LeaderSheet | null> {
  const target = await getPatrolTarget(db, { orgId: q.orgId });
  if (!target) return null;
  const cells = await cellsQuery(db, q.orgId, q.userId);
  if (cells.length === 0) return null;
  const { first, last } = monthBounds(q.month);
  const [patrols, raised] = await Promise.all([
    db
      .select({ cellId: inspections.gridCellId, n: count() })
      .from(inspections)
      .where(
        and(
          eq(inspections.orgId, q.orgId),
          eq(inspections.inspectorUserId, q.userId),
          eq(inspections.kind, "patrol"),
          gte(inspections.inspectedOn, first),
          lte(inspections.inspectedOn, last),
        ),
      )
      .groupBy(inspections.gridCellId),
    db
      .select({
        cellId: findings.gridCellId,
        raised: count(),
        closed: sql<number>`sum(${findings.status} = 'verified')`,
        open: sql<number>`sum(${findings.status} IN ('open', 'rectified'))`,
      })
      .from(findings)
      .where(
        and(
          eq(findings.orgId, q.orgId),
          eq(findings.createdBy, q.userId),
          gte(findings.foundOn, first),
          lte(findings.foundOn, last),
          ne(findings.status, "withdrawn"),
        ),
      )
      .groupBy(findings.gridCellId),
  ]);
  const p = new Map(patrols.map((r) => [r.cellId, r.n]));
  const f = new Map(raised.map((r) => [r.cellId, r]));
  const rows = cells.map((c): LeaderSheetRow => {
    const n = p.get(c.cellId) ?? 0;
    const fr = f.get(c.cellId);
    return {
      cellId: c.cellId,
      code: c.code,
      name: c.name,
      siteName: c.siteName,
      patrols: n,
      met: patrolTargetMet(n, target, q.month),
      raised: fr?.raised ?? 0,
      closed: Number(fr?.closed ?? 0),
      open: Number(fr?.open ?? 0),
    };
  });
  const sum = (k: "patrols" | "raised" | "closed" | "open") => rows.reduce((a, r) => a + r[k], 0);
  return {
    month: q.month,
    leader: { userId: q.userId, name: cells[0]!.leaderName ?? "" },
    target,
    required: patrolsRequired(target, q.month),
    rows,
    totals: { patrols: sum("patrols"), raised: sum("raised"), closed: sum("closed"), open: sum("open"), cellsMet: rows.filter((r) => r.met).length },
  };
}

export interface AttentionFinding {
  id: string;
  itemId: string;
  note: string;
  dueOn: string;
  contractorName: string;
  cellCode: string | null;
  siteName: string;
}

export interface Attention {
  overdue: { count: number; first: AttentionFinding[] };
  awaitingVerification: { count: number; first: AttentionFinding[] };
  pendingVetoes: { count: number; first: { id: string; itemId: string; occurredOn: string; contractorName: string }[] };
  notPatrolled: { count: number; first: { cellId: string; code: string; name: string }[] };
}

/** How many of each list the panel previews. */
const FIRST = 3;

/**
 * What needs a supervisor now: overdue findings (open, deadline before
 * today), findings awaiting verification, pending vetoes this user may
 * confirm (recorded by someone else), and cells not patrolled this month.
 * Counts plus the first few of each, each read through its index.
 */
export async function supervisorAttention(db: Db, q: { orgId: string; userId: string; today: string }): Promise<Attention> {
  const findingsOf = (status: "open" | "rectified", dueBefore?: string) => {
    const where = and(eq(findings.orgId, q.orgId), eq(findings.status, status), dueBefore ? lt(findings.dueOn, dueBefore) : undefined);
    return Promise.all([
      db.select({ n: count() }).from(findings).where(where),
      db
        .select({
          id: findings.id,
          itemId: findings.itemId,
          note: findings.note,
          dueOn: findings.dueOn,
          contractorName: contractors.name,
          cellCode: gridCells.code,
          siteName: sites.name,
        })
        .from(findings)
        .innerJoin(contracts, and(eq(contracts.id, findings.contractId), eq(contracts.orgId, q.orgId)))
        .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
        .innerJoin(sites, and(eq(sites.id, findings.siteId), eq(sites.orgId, q.orgId)))
        .leftJoin(gridCells, and(eq(gridCells.id, findings.gridCellId), eq(gridCells.orgId, q.orgId)))
        .where(where)
        .orderBy(asc(findings.dueOn), asc(findings.id))
        .limit(FIRST),
    ]).then(([[c], first]) => ({ count: c?.n ?? 0, first }));
  };
  const vetoWhere = and(eq(vetoEvents.orgId, q.orgId), eq(vetoEvents.status, "pending"), ne(vetoEvents.recordedBy, q.userId));
  const month = monthOfDay(q.today);
  const { first: monthFirst, last: monthLast } = monthBounds(month);
  const [overdue, awaitingVerification, vetoCount, vetoFirst, cells, patrols] = await Promise.all([
    findingsOf("open", q.today),
    findingsOf("rectified"),
    db.select({ n: count() }).from(vetoEvents).where(vetoWhere),
    db
      .select({ id: vetoEvents.id, itemId: vetoEvents.itemId, occurredOn: vetoEvents.occurredOn, contractorName: contractors.name })
      .from(vetoEvents)
      .innerJoin(contracts, and(eq(contracts.id, vetoEvents.contractId), eq(contracts.orgId, q.orgId)))
      .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
      .where(vetoWhere)
      .orderBy(asc(vetoEvents.occurredOn), asc(vetoEvents.id))
      .limit(FIRST),
    db
      .select({ cellId: gridCells.id, code: gridCells.code, name: gridCells.name })
      .from(gridCells)
      .where(and(eq(gridCells.orgId, q.orgId), isNull(gridCells.archivedAt)))
      .orderBy(asc(gridCells.code)),
    patrolCounts(db, q.orgId, monthFirst, monthLast),
  ]);
  const notPatrolled = cells.filter((c) => !patrols.has(c.cellId));
  return {
    overdue,
    awaitingVerification,
    pendingVetoes: { count: vetoCount[0]?.n ?? 0, first: vetoFirst },
    notPatrolled: { count: notPatrolled.length, first: notPatrolled.slice(0, FIRST) },
  };
}
