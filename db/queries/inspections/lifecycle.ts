/**
 * What happens to a finding after it is recorded: its fix is recorded (by a
 * supervisor on the contractor's behalf until the contractor portal exists),
 * verified or sent back, the finding withdrawn, or its repeat mark cleared.
 *
 * Every step follows one shape (`step` below): load the finding of the
 * organisation, run every check, then one `db.batch` with the finding's
 * UPDATE, its `finding_events` row, the evidence rows and the audit row.
 *
 * Concurrency: the UPDATE names the state it expects (`WHERE status = …`,
 * and for score-changing steps "the quarter is still writable"), and the event
 * insert right after it carries a guard: its `kind` is `CASE WHEN changes() = 1
 * THEN … END`, NULL — a NOT NULL failure that rolls the whole batch back — when
 * the UPDATE matched no row. So of two verifiers of the same fix exactly one
 * writes anything; the other gets `conflict`.
 *
 * Repeat marks: clearing one keeps `repeatOfId` (the history shows what it was
 * a repeat of) and sets `repeatClearedReason`; `repeatCounts` in
 * domain/rectification.ts is the one predicate scoring and pages read.
 *
 * The quarter lock (docs/product.md §5): withdrawal and clearing a repeat
 * change what the finding's contract-quarter scored, so a quarter that may not
 * be written refuses them (`auditRefusal`, nothing else written). Recording and
 * verifying a fix are kept for any quarter and never touch `quarter_scores`.
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { MAX_PHOTOS, type FindingState } from "../../../domain/findings";
import { contractQuarterWritable } from "../../../domain/quarter-lock";
import { findingActionAllowed, fixDayProblem, MAX_LIFECYCLE_TEXT, SCORE_CHANGING_ACTIONS, type FindingAction } from "../../../domain/rectification";
import { isIsoDate } from "../../../scoring/dates";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId } from "../../ids";
import { findingEvents, findings, type FindingEventKind } from "../../schema";
import { nowIso } from "../../time";
import type { WriteContext } from "../context";
import { auditFields } from "../../query-helpers";
import { contractQuarterState, quarterStillWritable } from "../quarter-state";
import { auditRefusal, evidenceInserts, type StoredPhotoMeta } from "./shared";

export type LifecycleError =
  /** No such finding in the organisation (another organisation's id too). */
  | "not_found"
  /** The finding's state does not allow the step (e.g. verifying an open finding). */
  | "not_allowed"
  /** A missing or malformed note, reason or day. */
  | "invalid"
  | "fixed_before_found"
  | "fixed_in_future"
  | "photo_required"
  | "too_many_photos"
  /** The finding's contract-quarter may not be written (withdrawal, clearing a repeat). */
  | "quarter_locked"
  /** Someone else changed the finding between the checks and the write. */
  | "conflict";

export type LifecycleResult = { ok: true; findingId: string; eventId: string; status: FindingState } | { ok: false; error: LifecycleError };

interface StoredFinding {
  id: string;
  contractId: string;
  period: string;
  status: FindingState;
  foundOn: string;
  dueOn: string;
  rectifiedOn: string | null;
  verifiedOn: string | null;
  verifiedBy: string | null;
  repeatOfId: string | null;
  repeatClearedReason: string | null;
  withdrawnReason: string | null;
}

async function findingOf(db: Db, orgId: string, id: string): Promise<StoredFinding | null> {
  const [row] = await db
    .select({
      id: findings.id,
      contractId: findings.contractId,
      period: findings.period,
      status: findings.status,
      foundOn: findings.foundOn,
      dueOn: findings.dueOn,
      rectifiedOn: findings.rectifiedOn,
      verifiedOn: findings.verifiedOn,
      verifiedBy: findings.verifiedBy,
      repeatOfId: findings.repeatOfId,
      repeatClearedReason: findings.repeatClearedReason,
      withdrawnReason: findings.withdrawnReason,
    })
    .from(findings)
    .where(and(eq(findings.orgId, orgId), eq(findings.id, id)));
  return row ?? null;
}

/** A trimmed text within bounds, or null (missing, blank when required, too long). */
function text(value: unknown, required: boolean): string | null | undefined {
  if (value === undefined || value === null) return required ? undefined : null;
  if (typeof value !== "string") return undefined;
  const t = value.trim();
  if (t.length > MAX_LIFECYCLE_TEXT) return undefined;
  if (t.length === 0) return required ? undefined : null;
  return t;
}

const AUDIT_ACTION: Record<FindingAction, string> = {
  rectify: "finding.rectify",
  verify: "finding.verify",
  fail_verification: "finding.fail_verification",
  withdraw: "finding.withdraw",
  clear_repeat: "finding.clear_repeat",
};

const EVENT_KIND: Record<FindingAction, FindingEventKind> = {
  rectify: "rectified",
  verify: "verified",
  fail_verification: "verification_failed",
  withdraw: "withdrawn",
  clear_repeat: "repeat_cleared",
};

interface Step {
  action: FindingAction;
  findingId: string;
  /** Checks on the input that need the finding (days); null when fine. */
  check?: (f: StoredFinding) => LifecycleError | null;
  /** The finding's columns after the step. */
  set: (f: StoredFinding) => Partial<typeof findings.$inferInsert>;
  event: { note: string | null; onDay: string };
  photos?: readonly StoredPhotoMeta[];
  /** What was asked for, for the refusal's audit entry. */
  attempted: unknown;
}

/** Whether an error is the event guard refusing a batch whose UPDATE matched nothing. */
function isStaleGuard(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (/NOT NULL constraint failed: finding_events\.kind/.test(e.message)) return true;
  }
  return false;
}

async function step(db: Db, ctx: WriteContext, s: Step): Promise<LifecycleResult> {
  if (!ctx.actorUserId) return { ok: false, error: "invalid" }; // events and evidence name a person
  const f = await findingOf(db, ctx.orgId, s.findingId);
  if (!f) return { ok: false, error: "not_found" };
  if (!findingActionAllowed(f, s.action)) return { ok: false, error: "not_allowed" };
  const problem = s.check?.(f) ?? null;
  if (problem) return { ok: false, error: problem };

  const guardsQuarter = SCORE_CHANGING_ACTIONS.includes(s.action);
  if (guardsQuarter && !contractQuarterWritable(await contractQuarterState(db, { orgId: ctx.orgId, contractId: f.contractId, period: f.period }))) {
    await auditRefusal(db, ctx, {
      action: AUDIT_ACTION[s.action],
      entity: "finding",
      entityId: f.id,
      reason: "quarter_locked",
      attempted: s.attempted,
    });
    return { ok: false, error: "quarter_locked" };
  }

  const at = nowIso();
  const eventId = newId();
  const after = { ...s.set(f), updatedAt: at };
  const conditions = [eq(findings.orgId, ctx.orgId), eq(findings.id, f.id), eq(findings.status, f.status)];
  if (s.action === "clear_repeat") conditions.push(isNotNull(findings.repeatOfId), isNull(findings.repeatClearedReason));
  if (guardsQuarter) {
    // The lock again, inside the write: a quarter finalised since the check above refuses it too.
    conditions.push(quarterStillWritable(db, { orgId: ctx.orgId, contractId: f.contractId, period: f.period }));
  }
  const kind = EVENT_KIND[s.action];
  const before = {
    status: f.status,
    rectifiedOn: f.rectifiedOn,
    verifiedOn: f.verifiedOn,
    verifiedBy: f.verifiedBy,
    repeatOfId: f.repeatOfId,
    repeatClearedReason: f.repeatClearedReason,
    withdrawnReason: f.withdrawnReason,
  };
  try {
    await db.batch([
      db.update(findings).set(after).where(and(...conditions)),
      // The guard (see the module comment): NULL, and the batch rolls back, unless the UPDATE changed the row.
      db.insert(findingEvents).values({
        id: eventId,
        orgId: ctx.orgId,
        findingId: f.id,
        kind: sql`CASE WHEN changes() = 1 THEN ${kind} END` as unknown as FindingEventKind,
        note: s.event.note,
        onDay: s.event.onDay,
        byUserId: ctx.actorUserId,
        at,
      }),
      ...evidenceInserts(db, ctx, { findingEventId: eventId }, s.photos ?? [], at),
      recordAudit(db, {
        ...auditFields(ctx, at),
        action: AUDIT_ACTION[s.action],
        entity: "finding",
        entityId: f.id,
        before,
        after: { ...before, ...after, eventId, note: s.event.note, onDay: s.event.onDay, photos: (s.photos ?? []).map((p) => p.sha256) },
      }),
    ]);
  } catch (error) {
    if (isStaleGuard(error)) return { ok: false, error: "conflict" };
    throw error;
  }
  return { ok: true, findingId: f.id, eventId, status: (after.status ?? f.status) as FindingState };
}

/**
 * open → rectified: the fix's day, a note and at least one evidence photo
 * (owned by the "rectified" event). `fixedOn` is within foundOn..today and
 * becomes `rectifiedOn`; it is what scores once this fix is verified.
 */
export async function rectifyFinding(
  db: Db,
  ctx: WriteContext,
  input: { findingId: string; fixedOn: string; note: string; photos: readonly StoredPhotoMeta[]; today: string },
): Promise<LifecycleResult> {
  const note = text(input.note, true);
  if (!note || !isIsoDate(input.fixedOn) || !isIsoDate(input.today)) return { ok: false, error: "invalid" };
  if (input.photos.length === 0) return { ok: false, error: "photo_required" };
  if (input.photos.length > MAX_PHOTOS) return { ok: false, error: "too_many_photos" };
  const fixedOn = input.fixedOn;
  return step(db, ctx, {
    action: "rectify",
    findingId: input.findingId,
    check: (f) => {
      const p = fixDayProblem({ foundOn: f.foundOn, fixedOn, today: input.today });
      return p === "before_found" ? "fixed_before_found" : p === "in_future" ? "fixed_in_future" : null;
    },
    set: () => ({ status: "rectified", rectifiedOn: fixedOn }),
    event: { note, onDay: fixedOn },
    photos: input.photos,
    attempted: { fixedOn, note, photos: input.photos.length },
  });
}

/** rectified → verified (today, by the actor): the recorded fix's day stays as `rectifiedOn`. */
export async function verifyFinding(
  db: Db,
  ctx: WriteContext,
  input: { findingId: string; note?: string | null; today: string },
): Promise<LifecycleResult> {
  const note = text(input.note, false);
  if (note === undefined || !isIsoDate(input.today)) return { ok: false, error: "invalid" };
  return step(db, ctx, {
    action: "verify",
    findingId: input.findingId,
    set: () => ({ status: "verified", verifiedOn: input.today, verifiedBy: ctx.actorUserId }),
    event: { note, onDay: input.today },
    attempted: { note },
  });
}

/** rectified → open: the fix did not hold; `rectifiedOn` is cleared, the reason kept in the event (the fix's own event and photos stay). */
export async function failVerification(
  db: Db,
  ctx: WriteContext,
  input: { findingId: string; reason: string; today: string },
): Promise<LifecycleResult> {
  const reason = text(input.reason, true);
  if (!reason || !isIsoDate(input.today)) return { ok: false, error: "invalid" };
  return step(db, ctx, {
    action: "fail_verification",
    findingId: input.findingId,
    set: () => ({ status: "open", rectifiedOn: null }),
    event: { note: reason, onDay: input.today },
    attempted: { reason },
  });
}

/** open/rectified → withdrawn, with a reason (never deleted). Refused in a locked quarter. */
export async function withdrawFinding(
  db: Db,
  ctx: WriteContext,
  input: { findingId: string; reason: string; today: string },
): Promise<LifecycleResult> {
  const reason = text(input.reason, true);
  if (!reason || !isIsoDate(input.today)) return { ok: false, error: "invalid" };
  return step(db, ctx, {
    action: "withdraw",
    findingId: input.findingId,
    set: () => ({ status: "withdrawn", withdrawnReason: reason }),
    event: { note: reason, onDay: input.today },
    attempted: { reason },
  });
}

/**
 * The finding no longer scores as a repeat: `repeatClearedReason` is set,
 * `repeatOfId` kept for the history. Refused in a locked quarter.
 */
export async function clearRepeatMark(
  db: Db,
  ctx: WriteContext,
  input: { findingId: string; reason: string; today: string },
): Promise<LifecycleResult> {
  const reason = text(input.reason, true);
  if (!reason || !isIsoDate(input.today)) return { ok: false, error: "invalid" };
  return step(db, ctx, {
    action: "clear_repeat",
    findingId: input.findingId,
    set: () => ({ repeatClearedReason: reason }),
    event: { note: reason, onDay: input.today },
    attempted: { reason },
  });
}
