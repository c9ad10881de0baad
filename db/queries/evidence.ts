/**
 * Evidence files (photos) as the serving route needs them: which stored file
 * an id names, within the organisation. Writes of evidence rows go with their
 * owner's write (`evidenceInserts` in inspections/shared.ts).
 */
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { appeals, bonusEvents, contracts, evidenceFiles, findingEvents, findings, vetoEvents } from "../schema";

export interface EvidenceFileRef {
  id: string;
  storageKey: string;
  thumbKey: string;
  mimeType: string;
  bytes: number;
  sha256: string;
}

const refColumns = {
  id: evidenceFiles.id,
  storageKey: evidenceFiles.storageKey,
  thumbKey: evidenceFiles.thumbKey,
  mimeType: evidenceFiles.mimeType,
  bytes: evidenceFiles.bytes,
  sha256: evidenceFiles.sha256,
};

/** The finding a finding event's photo belongs to (the same table joined twice). */
const eventFinding = alias(findings, "event_finding");

/**
 * The stored file of an evidence id for a contractor's person: only a photo
 * whose owner — a finding, a finding event (its finding), a bonus, a veto or an
 * appeal — is on a contract of `contractorId` in the organisation. Another
 * contractor's photo, another organisation's or an unknown id: null alike.
 * Every joined table is filtered by the organisation too.
 */
export async function getContractorEvidenceFile(db: Db, q: { orgId: string; contractorId: string; id: string }): Promise<EvidenceFileRef | null> {
  const ownerContract = sql`coalesce(${findings.contractId}, ${eventFinding.contractId}, ${bonusEvents.contractId}, ${vetoEvents.contractId}, ${appeals.contractId})`;
  const [row] = await db
    .select(refColumns)
    .from(evidenceFiles)
    .leftJoin(findings, and(eq(findings.id, evidenceFiles.findingId), eq(findings.orgId, q.orgId)))
    .leftJoin(findingEvents, and(eq(findingEvents.id, evidenceFiles.findingEventId), eq(findingEvents.orgId, q.orgId)))
    .leftJoin(eventFinding, and(eq(eventFinding.id, findingEvents.findingId), eq(eventFinding.orgId, q.orgId)))
    .leftJoin(bonusEvents, and(eq(bonusEvents.id, evidenceFiles.bonusEventId), eq(bonusEvents.orgId, q.orgId)))
    .leftJoin(vetoEvents, and(eq(vetoEvents.id, evidenceFiles.vetoEventId), eq(vetoEvents.orgId, q.orgId)))
    .leftJoin(appeals, and(eq(appeals.id, evidenceFiles.appealId), eq(appeals.orgId, q.orgId)))
    .innerJoin(contracts, and(eq(contracts.id, ownerContract), eq(contracts.orgId, q.orgId), eq(contracts.contractorId, q.contractorId)))
    .where(and(eq(evidenceFiles.orgId, q.orgId), eq(evidenceFiles.id, q.id)))
    .limit(1);
  return row ?? null;
}

/** The stored file of an evidence id of the organisation; null for another organisation's or an unknown id. */
export async function getEvidenceFile(db: Db, q: { orgId: string; id: string }): Promise<EvidenceFileRef | null> {
  const [row] = await db
    .select({
      id: evidenceFiles.id,
      storageKey: evidenceFiles.storageKey,
      thumbKey: evidenceFiles.thumbKey,
      mimeType: evidenceFiles.mimeType,
      bytes: evidenceFiles.bytes,
      sha256: evidenceFiles.sha256,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, q.orgId), eq(evidenceFiles.id, q.id)));
  return row ?? null;
}
