/**
 * The contractor portal's finding reads (issue 14). Every query filters by the
 * organisation AND the contractor, through the finding's contract: another
 * contractor's finding in the same organisation is the same "nothing" as an
 * unknown id (the route answers 404).
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { contracts } from "../../schema/contracts";
import { evidenceFiles, findings } from "../../schema/inspections";
import { dayNumber } from "../../../scoring/dates";
import type { IsoDate, LocalisedText, Rubric, ServiceType } from "../../../scoring/types";
import { rubricsOf } from "../inspections/shared";

export interface PortalFindingRow {
  id: string;
  contractId: string;
  contractTitle: string;
  period: string;
  itemId: string;
  severity: string;
  note: string;
  foundOn: string;
  dueOn: string;
  status: string;
  /** Days past the deadline on `today` (0 when not overdue or no longer open). */
  overdueDays: number;
  /** A fix was reported and waits for the supervisor's verification. */
  awaitsVerification: boolean;
  /** The finding's first evidence photos as recorded (at most 3, for thumbnails; `/files/:id/thumb`). */
  photoIds: string[];
  /** The item's label in the contract's rubric (null if the rubric no longer has it). */
  itemLabel: LocalisedText | null;
}

const columns = {
  id: findings.id,
  contractId: findings.contractId,
  contractTitle: contracts.title,
  period: findings.period,
  itemId: findings.itemId,
  severity: findings.severity,
  note: findings.note,
  foundOn: findings.foundOn,
  dueOn: findings.dueOn,
  status: findings.status,
  serviceType: contracts.serviceType,
  rubricVersionId: contracts.rubricVersionId,
  // The photos of the finding itself (not of its rectification or appeals), oldest first; ids have no comma.
  photoIds: sql<string | null>`(select group_concat(id) from (select e.id from ${evidenceFiles} e where e.org_id = ${findings.orgId} and e.finding_id = ${findings.id} order by e.uploaded_at, e.id limit 3))`,
};

type Raw = { [K in Exclude<keyof typeof columns, "photoIds" | "serviceType" | "rubricVersionId">]: string } & {
  photoIds: string | null;
  serviceType: ServiceType;
  rubricVersionId: string | null;
};

function itemLabelIn(rubric: Rubric | null, itemId: string): LocalisedText | null {
  for (const d of rubric?.dimensions ?? []) for (const item of d.items) if (item.id === itemId) return item.label;
  return null;
}

/** The rows with their days late, photos and item labels (the rubrics read in one query). */
async function portalRows(db: Db, orgId: string, rows: Raw[], today: string): Promise<PortalFindingRow[]> {
  const rubrics = await rubricsOf(db, orgId, rows);
  return rows.map(({ serviceType: _s, rubricVersionId: _r, ...row }, i) => {
    const late = row.status === "open" ? dayNumber(today as IsoDate) - dayNumber(row.dueOn as IsoDate) : 0;
    return {
      ...row,
      overdueDays: Math.max(0, late),
      awaitsVerification: row.status === "rectified",
      photoIds: row.photoIds ? row.photoIds.split(",") : [],
      itemLabel: itemLabelIn(rubrics[i] ?? null, row.itemId),
    };
  });
}

/** How many findings the home lists at most: a phone page, and a record this long is a conversation with the supervisor. */
export const PORTAL_FINDINGS_LIMIT = 100;

/**
 * Open and rectified (awaiting verification) findings of the contractor's
 * contracts: overdue ones first (most days late, i.e. the earliest deadline,
 * first), then by deadline; at most `limit`, with how many there are in all.
 */
export async function listContractorFindings(
  db: Db,
  { orgId, contractorId, today, limit = PORTAL_FINDINGS_LIMIT }: { orgId: string; contractorId: string; today: string; limit?: number },
): Promise<{ rows: PortalFindingRow[]; total: number }> {
  const where = and(eq(findings.orgId, orgId), eq(contracts.contractorId, contractorId), inArray(findings.status, ["open", "rectified"]));
  const overdueFirst = sql`CASE WHEN ${findings.status} = 'open' AND ${findings.dueOn} < ${today} THEN 0 ELSE 1 END`;
  const rows = (await db
    .select(columns)
    .from(findings)
    .innerJoin(contracts, and(eq(contracts.id, findings.contractId), eq(contracts.orgId, orgId)))
    .where(where)
    .orderBy(overdueFirst, asc(findings.dueOn), asc(findings.id))
    .limit(limit)) as Raw[];
  let total = rows.length;
  if (rows.length === limit) {
    const [counted] = await db
      .select({ n: count() })
      .from(findings)
      .innerJoin(contracts, and(eq(contracts.id, findings.contractId), eq(contracts.orgId, orgId)))
      .where(where);
    total = counted?.n ?? rows.length;
  }
  return { rows: await portalRows(db, orgId, rows, today), total };
}

/** One finding of the contractor, or null (unknown, another contractor's, another organisation's). */
export async function contractorFinding(
  db: Db,
  { orgId, contractorId, id, today }: { orgId: string; contractorId: string; id: string; today: string },
): Promise<PortalFindingRow | null> {
  const [row] = (await db
    .select(columns)
    .from(findings)
    .innerJoin(contracts, and(eq(contracts.id, findings.contractId), eq(contracts.orgId, orgId)))
    .where(and(eq(findings.orgId, orgId), eq(findings.id, id), eq(contracts.contractorId, contractorId)))
    .limit(1)) as Raw[];
  return row ? ((await portalRows(db, orgId, [row], today))[0] ?? null) : null;
}
