/**
 * A contract's appeals as procurement reads them (issue 14, the dossier and
 * its quarter page): what was contested, why, and what the supervisor
 * decided — the appeal's reason and the decision's reason, the day filed and
 * decided, and the contested finding's or veto's item. Nothing else of the
 * contractor's side (no filer, no evidence) and nothing of the finding's own
 * note. Appeals are not survey answers: no anonymity rule applies.
 * Filtered by the organisation at every table.
 */
import { and, asc, eq } from "drizzle-orm";
import type {
  AppealOutcome,
  AppealState,
  AppealTarget,
} from "../../../domain/appeals";
import type { LocalisedText, Severity } from "../../../scoring/types";
import type { Db } from "../../client";
import { appeals, contracts, findings, vetoEvents } from "../../schema";
import { itemLabeller } from "../item-labels";

export interface ProcurementAppeal {
  id: string;
  period: string;
  filedOn: string;
  target: AppealTarget;
  /** The contested finding's or veto's item id and its label (the contract's own rubric over the built-in one; null for an item neither has). */
  itemId: string | null;
  itemLabel: LocalisedText | null;
  reason: string;
  status: AppealState;
  outcome: AppealOutcome | null;
  severityFrom: Severity | null;
  severityTo: Severity | null;
  decisionReason: string | null;
  decidedOn: string | null;
}

/** Appeals filed, and of those upheld, dismissed and still pending. */
export interface AppealCounts {
  filed: number;
  upheld: number;
  dismissed: number;
  pending: number;
}

/** The counts of a list of appeals. */
export function appealCountsOf(
  list: readonly { status: AppealState }[]
): AppealCounts {
  const n = (status: AppealState) =>
    list.filter((a) => a.status === status).length;
  return {
    filed: list.length,
    upheld: n("upheld"),
    dismissed: n("dismissed"),
    pending: n("pending"),
  };
}

/**
 * The appeals of one contract (of one quarter with `period`), by quarter then
 * day filed; empty when the contract is not the organisation's.
 * @example await contractAppeals(db, { orgId, contractId, period: "2026-Q2" })
 */
export async function contractAppeals(
  db: Db,
  q: { orgId: string; contractId: string; period?: string }
): Promise<ProcurementAppeal[]> {
  const rows = await db
    .select({
      id: appeals.id,
      period: appeals.period,
      filedOn: appeals.filedOn,
      target: appeals.target,
      serviceType: contracts.serviceType,
      rubricVersionId: contracts.rubricVersionId,
      findingItem: findings.itemId,
      vetoItem: vetoEvents.itemId,
      reason: appeals.reason,
      status: appeals.status,
      outcome: appeals.outcome,
      severityFrom: appeals.severityFrom,
      severityTo: appeals.severityTo,
      decisionReason: appeals.decisionReason,
      decidedOn: appeals.decidedOn,
    })
    .from(appeals)
    .innerJoin(
      contracts,
      and(eq(contracts.id, appeals.contractId), eq(contracts.orgId, q.orgId))
    )
    .leftJoin(
      findings,
      and(eq(findings.id, appeals.findingId), eq(findings.orgId, q.orgId))
    )
    .leftJoin(
      vetoEvents,
      and(eq(vetoEvents.id, appeals.vetoEventId), eq(vetoEvents.orgId, q.orgId))
    )
    .where(
      and(
        eq(appeals.orgId, q.orgId),
        eq(appeals.contractId, q.contractId),
        q.period === undefined ? undefined : eq(appeals.period, q.period)
      )
    )
    .orderBy(
      asc(appeals.period),
      asc(appeals.filedOn),
      asc(appeals.createdAt),
      asc(appeals.id)
    );
  const labelOf = itemLabeller(db, q.orgId);
  return Promise.all(
    rows.map(async (r) => {
      const itemId = r.findingItem ?? r.vetoItem ?? null;
      return {
        id: r.id,
        period: r.period,
        filedOn: r.filedOn,
        target: r.target,
        itemId,
        itemLabel: await labelOf(r, itemId),
        reason: r.reason,
        status: r.status,
        outcome: r.outcome,
        severityFrom: r.severityFrom,
        severityTo: r.severityTo,
        decisionReason: r.decisionReason,
        decidedOn: r.decidedOn,
      };
    })
  );
}
