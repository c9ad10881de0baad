/**
 * What the appeal modules share: the thing an appeal contests, read with its
 * contract's contractor, and the text rule of reasons. Internal to the folder.
 */
import { and, eq } from "drizzle-orm";
import { type AppealTarget, type AppealTargetState } from "../../../domain/appeals";
import { repeatCounts } from "../../../domain/rectification";
import type { Db } from "../../client";
import { contracts, findings, vetoEvents } from "../../schema";

/** The finding or veto an appeal is about, as the rules need it. */
export interface Contested {
  contractId: string;
  contractorId: string;
  period: string;
  /** foundOn / occurredOn: the first day an appeal may be filed. */
  recordedOn: string;
  targetState: AppealTargetState;
  severity: string | null;
}

/**
 * The finding (target finding or repeat) or veto of the organisation, or null
 * when there is none. `contractorId`, when given, must be the contract's
 * contractor too — another contractor's finding is the same null as an unknown one.
 */
export async function contestedOf(
  db: Db,
  q: { orgId: string; target: AppealTarget; id: string; contractorId?: string },
): Promise<Contested | null> {
  if (q.target === "veto") {
    const [v] = await db
      .select({ contractId: vetoEvents.contractId, contractorId: contracts.contractorId, period: vetoEvents.period, recordedOn: vetoEvents.occurredOn, status: vetoEvents.status })
      .from(vetoEvents)
      .innerJoin(contracts, and(eq(contracts.orgId, vetoEvents.orgId), eq(contracts.id, vetoEvents.contractId)))
      .where(and(eq(vetoEvents.orgId, q.orgId), eq(vetoEvents.id, q.id), q.contractorId === undefined ? undefined : eq(contracts.contractorId, q.contractorId)));
    if (!v) return null;
    return { contractId: v.contractId, contractorId: v.contractorId, period: v.period, recordedOn: v.recordedOn, severity: null, targetState: { target: "veto", vetoStatus: v.status } };
  }
  const [f] = await db
    .select({
      contractId: findings.contractId,
      contractorId: contracts.contractorId,
      period: findings.period,
      recordedOn: findings.foundOn,
      status: findings.status,
      severity: findings.severity,
      repeatOfId: findings.repeatOfId,
      repeatClearedReason: findings.repeatClearedReason,
    })
    .from(findings)
    .innerJoin(contracts, and(eq(contracts.orgId, findings.orgId), eq(contracts.id, findings.contractId)))
    .where(and(eq(findings.orgId, q.orgId), eq(findings.id, q.id), q.contractorId === undefined ? undefined : eq(contracts.contractorId, q.contractorId)));
  if (!f) return null;
  const targetState: AppealTargetState =
    q.target === "repeat" ? { target: "repeat", findingStatus: f.status, repeatCounts: repeatCounts(f) } : { target: "finding", findingStatus: f.status };
  return { contractId: f.contractId, contractorId: f.contractorId, period: f.period, recordedOn: f.recordedOn, severity: f.severity, targetState };
}
