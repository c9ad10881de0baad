/**
 * The contractor portal's finding reads (issue 14). Every query filters by the
 * organisation AND the contractor, through the finding's contract: another
 * contractor's finding in the same organisation is the same "nothing" as an
 * unknown id (the route answers 404).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../client";
import { contracts } from "../../schema/contracts";
import { findings } from "../../schema/inspections";
import { dayNumber } from "../../../scoring/dates";
import type { IsoDate } from "../../../scoring/types";

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
};

type Raw = { [K in keyof typeof columns]: string };

function withDays(row: Raw, today: string): PortalFindingRow {
  const late = row.status === "open" ? dayNumber(today as IsoDate) - dayNumber(row.dueOn as IsoDate) : 0;
  return { ...row, overdueDays: Math.max(0, late), awaitsVerification: row.status === "rectified" };
}

/**
 * Open and rectified (awaiting verification) findings of the contractor's
 * contracts: overdue ones first (most days late first), then by deadline.
 */
export async function listContractorFindings(
  db: Db,
  { orgId, contractorId, today }: { orgId: string; contractorId: string; today: string },
): Promise<PortalFindingRow[]> {
  const rows = (await db
    .select(columns)
    .from(findings)
    .innerJoin(contracts, and(eq(contracts.id, findings.contractId), eq(contracts.orgId, orgId)))
    .where(and(eq(findings.orgId, orgId), eq(contracts.contractorId, contractorId), inArray(findings.status, ["open", "rectified"])))
    .orderBy(asc(findings.dueOn), asc(findings.id))) as Raw[];
  const list = rows.map((row) => withDays(row, today));
  // Stable sort: overdue first by days late, the rest keep the deadline order.
  return list.sort((a, b) => b.overdueDays - a.overdueDays);
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
  return row ? withDays(row, today) : null;
}
