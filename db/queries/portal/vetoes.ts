/**
 * The contractor portal's vetoes (一票否决, issue 14): the vetoes recorded on
 * the contractor's contracts, which it may appeal within the quarter's
 * window. Filtered by the organisation and the contractor, through the
 * veto's contract; a withdrawn veto no longer counts and is not listed.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import type { LocalisedText, ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import type { QuarterState } from "../../../domain/quarter-lock";
import { contractQuarters, contracts, vetoEvents } from "../../schema";
import { rubricsOf } from "../inspections/shared";

export interface PortalVetoRow {
  id: string;
  contractId: string;
  contractTitle: string;
  period: string;
  itemId: string;
  /** The veto item's label in the contract's rubric (null if the rubric no longer has it). */
  itemLabel: LocalisedText | null;
  note: string;
  occurredOn: string;
  /** "pending" (awaiting the second supervisor's confirmation), "confirmed" or "withdrawn". */
  status: string;
  /** The stored state of the veto's contract-quarter (null: no row yet, the quarter is open). */
  quarterStatus: QuarterState | null;
}

function select(db: Db, q: { orgId: string; contractorId: string }) {
  return db
    .select({
      id: vetoEvents.id,
      contractId: vetoEvents.contractId,
      contractTitle: contracts.title,
      period: vetoEvents.period,
      itemId: vetoEvents.itemId,
      note: vetoEvents.note,
      occurredOn: vetoEvents.occurredOn,
      status: vetoEvents.status,
      serviceType: contracts.serviceType,
      rubricVersionId: contracts.rubricVersionId,
      quarterStatus: contractQuarters.status,
    })
    .from(vetoEvents)
    .innerJoin(contracts, and(eq(contracts.id, vetoEvents.contractId), eq(contracts.orgId, q.orgId), eq(contracts.contractorId, q.contractorId)))
    .leftJoin(
      contractQuarters,
      and(eq(contractQuarters.orgId, q.orgId), eq(contractQuarters.contractId, vetoEvents.contractId), eq(contractQuarters.period, vetoEvents.period)),
    )
    .$dynamic();
}

type Raw = Omit<PortalVetoRow, "itemLabel"> & { serviceType: ServiceType; rubricVersionId: string | null };

async function withLabels(db: Db, orgId: string, rows: Raw[]): Promise<PortalVetoRow[]> {
  const rubrics = await rubricsOf(db, orgId, rows);
  return rows.map(({ serviceType: _s, rubricVersionId: _r, ...row }, i) => ({
    ...row,
    itemLabel: rubrics[i]?.vetoItems.find((v) => v.id === row.itemId)?.label ?? null,
  }));
}

/** The vetoes of the contractor's contracts that still count, latest first (at most 50). */
export async function listContractorVetoes(db: Db, q: { orgId: string; contractorId: string }): Promise<PortalVetoRow[]> {
  const rows = (await select(db, q)
    .where(and(eq(vetoEvents.orgId, q.orgId), ne(vetoEvents.status, "withdrawn")))
    .orderBy(desc(vetoEvents.occurredOn), desc(vetoEvents.id))
    .limit(50)) as Raw[];
  return withLabels(db, q.orgId, rows);
}

/** One veto of the contractor's contracts (withdrawn ones too: the page says so), or null for anything else. */
export async function contractorVeto(db: Db, q: { orgId: string; contractorId: string; id: string }): Promise<PortalVetoRow | null> {
  const [row] = (await select(db, q).where(and(eq(vetoEvents.orgId, q.orgId), eq(vetoEvents.id, q.id))).limit(1)) as Raw[];
  return row ? ((await withLabels(db, q.orgId, [row]))[0] ?? null) : null;
}
