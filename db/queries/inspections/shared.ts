/**
 * What the inspection query modules share: the quarter lock applied to
 * findings, bonuses and vetoes, the audit entry of a refused write, the
 * contract a write is about (checked to belong to the organisation), and the
 * evidence rows of stored photos.
 *
 * Not re-exported from the folder's index except for the types.
 */
import { and, eq, inArray } from "drizzle-orm";
import { contractQuarterWritable } from "../../../domain/quarter-lock";
import { periodOfDate } from "../../../scoring/dates";
import { defaultRubric } from "../../../scoring/index";
import type { Rubric, ServiceType } from "../../../scoring/types";
import { recordAudit } from "../../audit";
import type { Db, DbOrTx } from "../../client";
import { newId } from "../../ids";
import { contracts, evidenceFiles, rubricVersions, type NewEvidenceFile } from "../../schema";
import { nowIso } from "../../time";
import type { WriteContext } from "../context";
import { contractQuarterState } from "../quarter-state";

/** Whether something dated `day` on the contract may be written (docs/product.md §5). */
export async function quarterWritableOn(db: Db, q: { orgId: string; contractId: string; day: string }): Promise<boolean> {
  return contractQuarterWritable(await contractQuarterState(db, { orgId: q.orgId, contractId: q.contractId, period: periodOfDate(q.day) }));
}

/**
 * Writes the audit entry of a write the quarter lock refused ("finding.create.refused"),
 * alone: nothing else of the attempt is written. `attempted` is what was asked
 * for (no photo bytes, no secrets).
 */
export async function auditRefusal(
  db: Db,
  ctx: WriteContext,
  r: { action: string; entity: string; entityId: string; reason: "quarter_locked"; attempted: unknown },
): Promise<void> {
  await recordAudit(db, {
    orgId: ctx.orgId,
    actorUserId: ctx.actorUserId,
    action: `${r.action}.refused`,
    entity: r.entity,
    entityId: r.entityId,
    before: null,
    after: { reason: r.reason, attempted: r.attempted },
    ip: ctx.ip ?? null,
  });
}

/** The parts of a contract a finding, bonus or veto needs; null when it is not the organisation's. */
export async function contractForWrite(
  db: Db,
  q: { orgId: string; contractId: string },
): Promise<{ id: string; serviceType: ServiceType; startOn: string; endOn: string; rubricVersionId: string | null; archivedAt: string | null } | null> {
  const [row] = await db
    .select({
      id: contracts.id,
      serviceType: contracts.serviceType,
      startOn: contracts.startOn,
      endOn: contracts.endOn,
      rubricVersionId: contracts.rubricVersionId,
      archivedAt: contracts.archivedAt,
    })
    .from(contracts)
    .where(and(eq(contracts.orgId, q.orgId), eq(contracts.id, q.contractId)));
  return row ?? null;
}

type RubricSource = { serviceType: ServiceType; rubricVersionId: string | null };

/**
 * The rubrics contracts are scored with, in their order, in one query: each
 * contract's organisation version when it names one, else the service type's
 * default. Null for a version that is not the organisation's.
 */
export async function rubricsOf(db: Db, orgId: string, contracts: readonly RubricSource[]): Promise<(Rubric | null)[]> {
  const versionIds = [...new Set(contracts.flatMap((c) => (c.rubricVersionId ? [c.rubricVersionId] : [])))];
  const versions = versionIds.length
    ? await db
        .select({ id: rubricVersions.id, rubric: rubricVersions.rubric })
        .from(rubricVersions)
        .where(and(eq(rubricVersions.orgId, orgId), inArray(rubricVersions.id, versionIds)))
    : [];
  const byId = new Map(versions.map((v) => [v.id, v.rubric]));
  return contracts.map((c) => (c.rubricVersionId ? (byId.get(c.rubricVersionId) ?? null) : defaultRubric(c.serviceType)));
}

/** The rubric one contract is scored with (see {@link rubricsOf}). */
export async function rubricOf(db: Db, orgId: string, contract: RubricSource): Promise<Rubric | null> {
  return (await rubricsOf(db, orgId, [contract]))[0] ?? null;
}

/**
 * A photo already processed and written to the uploads folder by
 * server/photos.ts (`storePhotos`): what the database keeps of it.
 */
export interface StoredPhotoMeta {
  storageKey: string;
  thumbKey: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
}

/** Whose evidence a photo is: exactly one owner. */
export type EvidenceOwner =
  | { findingId: string }
  | { findingEventId: string }
  | { bonusEventId: string }
  | { vetoEventId: string }
  | { appealId: string };

/** The inserts of `photos` as evidence of `owner`, for the same `db.batch` as the owner's write. */
export function evidenceInserts(db: DbOrTx, ctx: WriteContext, owner: EvidenceOwner, photos: readonly StoredPhotoMeta[], at = nowIso()) {
  return photos.map((p) => {
    const row: NewEvidenceFile = { id: newId(), orgId: ctx.orgId, ...owner, ...p, uploadedBy: ctx.actorUserId!, uploadedAt: at };
    return db.insert(evidenceFiles).values(row);
  });
}
