/**
 * Deciding an appeal (issue 14): a supervisor upholds or dismisses it with a
 * reason. Upheld, by target: the finding is withdrawn (reason "申诉成立：…")
 * or its severity lowered (to a milder one; severityFrom/To kept on the
 * appeal), the repeat mark cleared, or the veto withdrawn. A withdrawn
 * finding's later repeat marks are re-checked in the same batch (below).
 * Dismissed: the reason is stored and an "appeal_dismissed" event written.
 *
 * The quarter lock: any decision needs the appeal's contract-quarter writable
 * (an appeal decided after finalisation needs the quarter reopened first);
 * refused with `quarter_locked` and an audit refusal row, nothing else.
 *
 * Concurrency, as in db/queries/inspections/lifecycle.ts: the appeal's UPDATE
 * says `WHERE status = 'pending'` (and the quarter is still writable), and
 * the audit insert right after it carries the guard — its `action` is
 * `CASE WHEN changes() = 1 THEN … END`, a NOT NULL failure that rolls the
 * whole batch back when the UPDATE matched nothing. The effect's UPDATE is
 * guarded the same way by its event (or, for a veto, its audit row). So of
 * two deciders one writes; the other gets already_decided (or conflict when
 * the finding or veto changed underneath).
 *
 * Withdrawal through an appeal may withdraw a verified finding too (the
 * lifecycle's withdraw step stops at verified): an upheld appeal says the
 * finding should never have been recorded, whatever became of its fix.
 */
import { and, desc, eq, gte, isNotNull, isNull, lte, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { appealText, upheldOutcome, type AppealOutcome, type AppealTarget } from "../../../domain/appeals";
import { REPEAT_WINDOW_DAYS, type FindingEventKind } from "../../../domain/findings";
import { contractQuarterWritable } from "../../../domain/quarter-lock";
import { addDays, isIsoDate } from "../../../scoring/dates";
import { SEVERITIES, type Severity } from "../../../scoring/types";
import type { Db } from "../../client";
import { newId } from "../../ids";
import { auditFields } from "../../query-helpers";
import { appeals, auditLog, findingEvents, findings, vetoEvents } from "../../schema";
import { nowIso } from "../../time";
import type { WriteContext } from "../context";
import { auditRefusal } from "../inspections/shared";
import { contractQuarterState, quarterStillWritable } from "../quarter-state";

export type DecideAppealError =
  /** No such appeal in the organisation (another organisation's id too). */
  | "not_found"
  /** A missing reason, an unknown decision, a severity that is not milder, a severity on a target that takes none. */
  | "invalid"
  | "already_decided"
  /** The appeal's contract-quarter is finalised: reopen it first. */
  | "quarter_locked"
  /** The finding or veto changed between the checks and the write (or was already withdrawn). */
  | "conflict";

export type DecideAppealResult = { ok: true; outcome: AppealOutcome | null; recheckedRepeats: number; lockedRepeats: string[] } | { ok: false; error: DecideAppealError };

export interface DecideAppealInput {
  appealId: string;
  decision: "uphold" | "dismiss";
  reason: string;
  /** For an upheld finding appeal: lower the severity to this (else the finding is withdrawn). */
  severityTo?: Severity | null;
  /** The organisation's day. */
  today: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The audit row's action, NULL (the batch rolls back) unless the statement before it changed a row. */
const guarded = (action: string) => sql`CASE WHEN changes() = 1 THEN ${action} END` as unknown as string;
const guardedKind = (kind: FindingEventKind) => sql`CASE WHEN changes() = 1 THEN ${kind} END` as unknown as FindingEventKind;

function isGuardFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (/NOT NULL constraint failed: (finding_events\.kind|audit_log\.action)/.test(e.message)) return true;
  }
  return false;
}

interface StoredAppeal {
  id: string;
  contractId: string;
  period: string;
  target: AppealTarget;
  findingId: string | null;
  vetoEventId: string | null;
  status: string;
}

async function appealOf(db: Db, orgId: string, id: string): Promise<StoredAppeal | null> {
  const [row] = await db
    .select({ id: appeals.id, contractId: appeals.contractId, period: appeals.period, target: appeals.target, findingId: appeals.findingId, vetoEventId: appeals.vetoEventId, status: appeals.status })
    .from(appeals)
    .where(and(eq(appeals.orgId, orgId), eq(appeals.id, id)));
  return row ?? null;
}

export async function decideAppeal(db: Db, ctx: WriteContext, input: DecideAppealInput): Promise<DecideAppealResult> {
  const actor = ctx.actorUserId;
  if (!actor) return { ok: false, error: "invalid" };
  const reason = appealText(input.reason);
  const severityTo = input.severityTo ?? null;
  if (!reason || !isIsoDate(input.today) || (input.decision !== "uphold" && input.decision !== "dismiss")) return { ok: false, error: "invalid" };
  if (severityTo !== null && (input.decision !== "uphold" || !(SEVERITIES as readonly string[]).includes(severityTo))) return { ok: false, error: "invalid" };
  if (typeof input.appealId !== "string" || !ID.test(input.appealId)) return { ok: false, error: "not_found" };

  const a = await appealOf(db, ctx.orgId, input.appealId);
  if (!a) return { ok: false, error: "not_found" };
  if (a.status !== "pending") return { ok: false, error: "already_decided" };
  const quarter = { orgId: ctx.orgId, contractId: a.contractId, period: a.period };
  const attempted = { decision: input.decision, reason, severityTo, today: input.today };
  if (!contractQuarterWritable(await contractQuarterState(db, quarter))) {
    await auditRefusal(db, ctx, { action: "appeal.decide", entity: "appeal", entityId: a.id, reason: "quarter_locked", attempted });
    return { ok: false, error: "quarter_locked" };
  }

  const f = a.findingId
    ? ((await db
        .select({ id: findings.id, status: findings.status, severity: findings.severity, repeatOfId: findings.repeatOfId, repeatClearedReason: findings.repeatClearedReason })
        .from(findings)
        .where(and(eq(findings.orgId, ctx.orgId), eq(findings.id, a.findingId))))[0] ?? null)
    : null;
  const outcome = input.decision === "uphold" ? upheldOutcome({ target: a.target, severity: f?.severity ?? null, severityTo }) : null;
  if (input.decision === "uphold" && !outcome) return { ok: false, error: "invalid" };

  const at = nowIso();
  const decided = { status: input.decision === "uphold" ? ("upheld" as const) : ("dismissed" as const), outcome, decisionReason: reason, decidedBy: actor, decidedOn: input.today, decidedAt: at };
  const lowered = outcome === "severity_lowered" && f ? { severityFrom: f.severity, severityTo: severityTo as Severity } : { severityFrom: null, severityTo: null };
  const effect = await effectStatements(db, { ...ctx, actorUserId: actor }, { a, f, outcome, reason, today: input.today, at, severityTo });
  const statements = [
    db
      .update(appeals)
      .set({ ...decided, ...lowered })
      .where(and(eq(appeals.orgId, ctx.orgId), eq(appeals.id, a.id), eq(appeals.status, "pending"), quarterStillWritable(db, quarter))),
    // The guard (see the module comment).
    db.insert(auditLog).values({
      ...auditFields(ctx, at),
      action: guarded("appeal.decide"),
      entity: "appeal",
      entityId: a.id,
      before: { status: "pending" },
      after: { ...decided, ...lowered, recheckedRepeats: effect.rechecked, lockedRepeats: effect.locked },
    }),
    ...effect.statements,
  ];
  try {
    await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  } catch (error) {
    if (!isGuardFailure(error)) throw error;
    const now = await appealOf(db, ctx.orgId, a.id);
    if (now && now.status !== "pending") return { ok: false, error: "already_decided" };
    if (!contractQuarterWritable(await contractQuarterState(db, quarter))) return { ok: false, error: "quarter_locked" };
    return { ok: false, error: "conflict" };
  }
  return { ok: true, outcome, recheckedRepeats: effect.rechecked.length, lockedRepeats: effect.locked };
}

interface EffectInput {
  a: StoredAppeal;
  f: { id: string; status: string; severity: Severity; repeatOfId: string | null; repeatClearedReason: string | null } | null;
  outcome: AppealOutcome | null;
  reason: string;
  today: string;
  at: string;
  severityTo: Severity | null;
}

interface Effect {
  statements: unknown[];
  rechecked: Array<{ findingId: string; repeatOfId: string | null }>;
  locked: string[];
}

/** What the decision does to the finding or veto, each UPDATE followed by its guarded event or audit row. */
async function effectStatements(db: Db, ctx: WriteContext & { actorUserId: string }, e: EffectInput): Promise<Effect> {
  const out: Effect = { statements: [], rechecked: [], locked: [] };
  const event = (findingId: string, kind: FindingEventKind, note: string, guard: boolean) =>
    db.insert(findingEvents).values({ id: newId(), orgId: ctx.orgId, findingId, kind: guard ? guardedKind(kind) : kind, note, onDay: e.today, byUserId: ctx.actorUserId, at: e.at });
  const f = e.f;
  const upheldNote = `申诉成立：${e.reason}`;
  if (e.outcome === null) {
    if (f) out.statements.push(event(f.id, "appeal_dismissed", `申诉驳回：${e.reason}`, false));
    return out;
  }
  if (e.outcome === "veto_withdrawn") {
    out.statements.push(
      db
        .update(vetoEvents)
        .set({ status: "withdrawn", withdrawnReason: upheldNote, withdrawnBy: ctx.actorUserId, withdrawnAt: e.at })
        .where(and(eq(vetoEvents.orgId, ctx.orgId), eq(vetoEvents.id, e.a.vetoEventId!), ne(vetoEvents.status, "withdrawn"))),
      db.insert(auditLog).values({
        ...auditFields(ctx, e.at),
        action: guarded("veto.withdraw"),
        entity: "veto",
        entityId: e.a.vetoEventId!,
        before: null,
        after: { status: "withdrawn", reason: upheldNote, on: e.today, appealId: e.a.id },
      }),
    );
    return out;
  }
  if (!f) return out; // the CHECK keeps a finding target's finding; nothing to do otherwise
  const mine = and(eq(findings.orgId, ctx.orgId), eq(findings.id, f.id))!;
  if (e.outcome === "finding_withdrawn") {
    out.statements.push(
      db.update(findings).set({ status: "withdrawn", withdrawnReason: upheldNote, updatedAt: e.at }).where(and(mine, ne(findings.status, "withdrawn"))),
      event(f.id, "withdrawn", upheldNote, true),
      event(f.id, "appeal_upheld", upheldNote, false),
    );
    const plan = await recheckRepeats(db, ctx, { withdrawnId: f.id, reason: e.reason, today: e.today, at: e.at });
    out.statements.push(...plan.statements);
    out.rechecked = plan.rechecked;
    out.locked = plan.locked;
  } else if (e.outcome === "severity_lowered") {
    out.statements.push(
      db.update(findings).set({ severity: e.severityTo!, updatedAt: e.at }).where(and(mine, eq(findings.severity, f.severity), ne(findings.status, "withdrawn"))),
      event(f.id, "severity_lowered", `${f.severity} → ${e.severityTo}：${upheldNote}`, true),
      event(f.id, "appeal_upheld", upheldNote, false),
    );
  } else if (e.outcome === "repeat_cleared") {
    out.statements.push(
      db.update(findings).set({ repeatClearedReason: upheldNote, updatedAt: e.at }).where(and(mine, isNotNull(findings.repeatOfId), isNull(findings.repeatClearedReason))),
      event(f.id, "repeat_cleared", upheldNote, true),
      event(f.id, "appeal_upheld", upheldNote, false),
    );
  }
  return out;
}

// ---------------------------------------------------------------- the repeat re-check
/*
 * Each later finding marked as a repeat of the withdrawn one (mark still
 * counting, not withdrawn) is re-pointed to another earlier finding that
 * qualifies by the rule recording uses (db/queries/inspections/record.ts
 * `earlierFindingsWhere`: same item, same cell or — when either has no cell —
 * same site, found within REPEAT_WINDOW_DAYS before it, not withdrawn), or its
 * mark is cleared with the reason. A finding in a quarter that may not be
 * written is left as it is and reported (lockedRepeats, and the audit row).
 */
interface Later {
  id: string;
  contractId: string;
  period: string;
  siteId: string;
  gridCellId: string | null;
  itemId: string;
  foundOn: string;
  createdAt: string;
}

interface RecheckPlan {
  /** The statements, each UPDATE followed by its guarded event (for the caller's batch). */
  statements: unknown[];
  rechecked: Array<{ findingId: string; repeatOfId: string | null }>;
  /** Later findings in a locked quarter: left as they are. */
  locked: string[];
}

/** The same place as record.ts samePlace: the same cell; or, when either has no cell, the same site. */
function samePlace(f: { gridCellId: string | null; siteId: string }): SQL {
  if (!f.gridCellId) return eq(findings.siteId, f.siteId);
  return or(eq(findings.gridCellId, f.gridCellId), and(eq(findings.siteId, f.siteId), isNull(findings.gridCellId)))!;
}

/** The latest other earlier finding `f` repeats, leaving out `withdrawnId` (being withdrawn in the same batch) and `f` itself. */
async function replacementFor(db: Db, orgId: string, f: Later, withdrawnId: string): Promise<{ id: string; foundOn: string } | null> {
  const [row] = await db
    .select({ id: findings.id, foundOn: findings.foundOn })
    .from(findings)
    .where(
      and(
        eq(findings.orgId, orgId),
        eq(findings.itemId, f.itemId),
        samePlace(f),
        gte(findings.foundOn, addDays(f.foundOn, -REPEAT_WINDOW_DAYS)),
        lte(findings.foundOn, f.foundOn),
        ne(findings.status, "withdrawn"),
        notInArray(findings.id, [f.id, withdrawnId]),
        // Earlier: found before it, or the same day and recorded before it.
        or(sql`${findings.foundOn} < ${f.foundOn}`, sql`${findings.createdAt} < ${f.createdAt}`),
      ),
    )
    .orderBy(desc(findings.foundOn), desc(findings.createdAt))
    .limit(1);
  return row ?? null;
}

async function recheckRepeats(
  db: Db,
  ctx: WriteContext & { actorUserId: string },
  q: { withdrawnId: string; reason: string; today: string; at: string },
): Promise<RecheckPlan> {
  const later: Later[] = await db
    .select({
      id: findings.id,
      contractId: findings.contractId,
      period: findings.period,
      siteId: findings.siteId,
      gridCellId: findings.gridCellId,
      itemId: findings.itemId,
      foundOn: findings.foundOn,
      createdAt: findings.createdAt,
    })
    .from(findings)
    .where(and(eq(findings.orgId, ctx.orgId), eq(findings.repeatOfId, q.withdrawnId), isNull(findings.repeatClearedReason), ne(findings.status, "withdrawn")))
    .orderBy(findings.foundOn, findings.id);
  const plan: RecheckPlan = { statements: [], rechecked: [], locked: [] };
  for (const f of later) {
    const quarter = { orgId: ctx.orgId, contractId: f.contractId, period: f.period };
    if (!contractQuarterWritable(await contractQuarterState(db, quarter))) {
      plan.locked.push(f.id);
      continue;
    }
    const replacement = await replacementFor(db, ctx.orgId, f, q.withdrawnId);
    const note = replacement ? `原重复依据已因申诉撤销，改为重复于 ${replacement.foundOn} 的同项问题` : `原重复依据已因申诉撤销，重复标记清除：${q.reason}`;
    plan.statements.push(
      db
        .update(findings)
        .set(replacement ? { repeatOfId: replacement.id, updatedAt: q.at } : { repeatClearedReason: note, updatedAt: q.at })
        .where(and(eq(findings.orgId, ctx.orgId), eq(findings.id, f.id), eq(findings.repeatOfId, q.withdrawnId), isNull(findings.repeatClearedReason), quarterStillWritable(db, quarter))),
      db.insert(findingEvents).values({
        id: newId(),
        orgId: ctx.orgId,
        findingId: f.id,
        // Guarded like lifecycle.ts: NULL (the batch rolls back) unless the UPDATE changed the row.
        kind: sql`CASE WHEN changes() = 1 THEN 'repeat_rechecked' END` as unknown as FindingEventKind,
        note,
        onDay: q.today,
        byUserId: ctx.actorUserId,
        at: q.at,
      }),
    );
    plan.rechecked.push({ findingId: f.id, repeatOfId: replacement?.id ?? null });
  }
  return plan;
}
