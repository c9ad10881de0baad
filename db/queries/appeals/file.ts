/**
 * Filing an appeal (异议申诉, issue 14): a contractor's person contests a
 * finding, its repeat mark or a veto of their own contractor, with a reason
 * and optional evidence photos, from the day it was recorded until its
 * quarter's appeal window closes (domain/appeals.ts appealRefusal).
 *
 * One db.batch: the appeal, a finding_events "appeal_filed" row (finding and
 * repeat targets), the evidence rows and the audit entry. Two filings at once
 * on the same thing meet the UNIQUE index: one is written, the other gets
 * `already_appealed`. A quarter finalised between the checks and the write
 * makes the appeal's NOT NULL status NULL (the lock again, inside the write),
 * which rolls the batch back.
 */
import { and, eq, sql } from "drizzle-orm";
import { APPEAL_TARGETS, appealRefusal, appealText, type AppealTarget } from "../../../domain/appeals";
import { MAX_PHOTOS } from "../../../domain/findings";
import { quarterStateOn } from "../../../domain/quarter-lock";
import { isIsoDate, periodEnd } from "../../../scoring/dates";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId } from "../../ids";
import { auditFields } from "../../query-helpers";
import { appeals, findingEvents, type AppealState } from "../../schema";
import { nowIso } from "../../time";
import { appealWindowOf } from "../calendar";
import type { WriteContext } from "../context";
import { auditRefusal, evidenceInserts, type StoredPhotoMeta } from "../inspections/shared";
import { contractQuarterState, quarterStillWritable } from "../quarter-state";
import { isUniqueViolation } from "../surveys/shared";
import { contestedOf } from "./shared";

export type FileAppealError =
  /** No such finding or veto of the organisation and the contractor (another contractor's too). */
  | "not_found"
  /** A missing or malformed target, id, reason or day. */
  | "invalid"
  | "window_closed"
  | "quarter_finalised"
  | "already_appealed"
  /** Nothing to contest: a withdrawn finding or veto, a repeat mark that does not count; or filed before it was recorded. */
  | "not_appealable"
  | "too_many_photos";

export type FileAppealResult = { ok: true; appealId: string } | { ok: false; error: FileAppealError };

export interface FileAppealInput {
  /** The filer's contractor (viewer.membership.contractorId): the contested thing must be of one of its contracts. */
  contractorId: string;
  target: AppealTarget;
  findingId?: string | null;
  vetoEventId?: string | null;
  reason: string;
  photos: readonly StoredPhotoMeta[];
  /** The organisation's day. */
  today: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function fileAppeal(db: Db, ctx: WriteContext, input: FileAppealInput): Promise<FileAppealResult> {
  if (!ctx.actorUserId) return { ok: false, error: "invalid" }; // the appeal names its filer
  const target = input.target;
  if (!(APPEAL_TARGETS as readonly string[]).includes(target)) return { ok: false, error: "invalid" };
  const id = target === "veto" ? input.vetoEventId : input.findingId;
  const other = target === "veto" ? input.findingId : input.vetoEventId;
  if (typeof id !== "string" || (other !== undefined && other !== null)) return { ok: false, error: "invalid" };
  const reason = appealText(input.reason);
  if (!reason || !isIsoDate(input.today) || typeof input.contractorId !== "string") return { ok: false, error: "invalid" };
  if (input.photos.length > MAX_PHOTOS) return { ok: false, error: "too_many_photos" };
  if (!ID.test(id)) return { ok: false, error: "not_found" }; // a forged id finds nothing, like an unknown one

  const c = await contestedOf(db, { orgId: ctx.orgId, target, id, contractorId: input.contractorId });
  if (!c) return { ok: false, error: "not_found" };

  const [existing] = await db
    .select({ id: appeals.id })
    .from(appeals)
    .where(and(eq(appeals.orgId, ctx.orgId), target === "veto" ? eq(appeals.vetoEventId, id) : and(eq(appeals.findingId, id), eq(appeals.target, target))));
  if (existing) return { ok: false, error: "already_appealed" };

  const quarter = { orgId: ctx.orgId, contractId: c.contractId, period: c.period };
  const [stored, window] = await Promise.all([contractQuarterState(db, quarter), appealWindowOf(db, { orgId: ctx.orgId, period: c.period })]);
  const attempted = { target, id, reason, photos: input.photos.length, today: input.today };
  const refusal = appealRefusal({
    quarterState: quarterStateOn(stored, { periodEnd: periodEnd(c.period), today: input.today }),
    today: input.today,
    recordedOn: c.recordedOn,
    closesOn: window?.closesOn ?? null,
    targetState: c.targetState,
  });
  if (refusal === "quarter_finalised") return refuseLocked(db, ctx, target === "veto" ? "veto" : "finding", id, attempted);
  if (refusal === "not_recorded_yet") return { ok: false, error: "not_appealable" };
  if (refusal) return { ok: false, error: refusal };

  const at = nowIso();
  const appealId = newId();
  const row = {
    id: appealId,
    orgId: ctx.orgId,
    contractId: c.contractId,
    contractorId: c.contractorId,
    period: c.period,
    target,
    findingId: target === "veto" ? null : id,
    vetoEventId: target === "veto" ? id : null,
    reason,
    filedBy: ctx.actorUserId,
    filedOn: input.today,
    createdAt: at,
  };
  try {
    await db.batch([
      db.insert(appeals).values({
        ...row,
        // The quarter lock again, inside the write (see the module comment).
        status: sql`CASE WHEN ${quarterStillWritable(db, quarter)} THEN 'pending' END` as unknown as AppealState,
      }),
      ...(target === "veto"
        ? []
        : [db.insert(findingEvents).values({ id: newId(), orgId: ctx.orgId, findingId: id, kind: "appeal_filed", note: reason, onDay: input.today, byUserId: ctx.actorUserId, at })]),
      ...evidenceInserts(db, ctx, { appealId }, input.photos, at),
      recordAudit(db, {
        ...auditFields(ctx, at),
        action: "appeal.file",
        entity: "appeal",
        entityId: appealId,
        before: null,
        after: { ...row, status: "pending", photos: input.photos.map((p) => p.sha256) },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, "appeals.")) return { ok: false, error: "already_appealed" };
    if (isNotNullOf(error, "appeals.status")) return refuseLocked(db, ctx, target === "veto" ? "veto" : "finding", id, attempted);
    throw error;
  }
  return { ok: true, appealId };
}

async function refuseLocked(db: Db, ctx: WriteContext, entity: string, entityId: string, attempted: unknown): Promise<FileAppealResult> {
  await auditRefusal(db, ctx, { action: "appeal.file", entity, entityId, reason: "quarter_locked", attempted });
  return { ok: false, error: "quarter_finalised" };
}

function isNotNullOf(error: unknown, column: string): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e.message.includes(`NOT NULL constraint failed: ${column}`)) return true;
  }
  return false;
}
