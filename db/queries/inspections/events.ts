/**
 * Bonus events (the rubric's bonus items: flood duty, a commendation) and
 * veto events (its veto items: food poisoning — 一票否决). A bonus counts once
 * recorded; a veto counts only once someone other than its recorder, a
 * supervisor or an admin, confirms it (domain/findings.ts `mayConfirmVeto`).
 * Either is withdrawn with a reason, never deleted.
 *
 * Every write checks first (the org's contract/site/event, the item of the
 * contract's rubric, the day in the term and not after today, the quarter
 * lock), then writes the change, its evidence rows and its audit row in one
 * `db.batch`. Confirmation and withdrawal are conditional UPDATEs whose audit
 * row is inserted only when the UPDATE changed a row (`changes() = 1`), so two
 * confirmations racing leave one confirmation and one audit row.
 */
import { and, count, desc, eq, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { mayConfirmVeto } from "../../../domain/findings";
import { defaultRubric } from "../../../scoring/index";
import { isIsoDate, periodOfDate } from "../../../scoring/dates";
import type { QuarterInput, ServiceType } from "../../../scoring/types";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId } from "../../ids";
import { bonusEvents, contractSites, contractors, contracts, evidenceFiles, sites, users, vetoEvents } from "../../schema";
import { auditIfChanged } from "../../query-helpers";
import { nowIso } from "../../time";
import { pageBounds, type Paged, type WriteContext } from "../context";
import { isQuarterGuardFailure, openQuarterStatement, quarterRubric, whenQuarterWritable } from "../quarter-rubric";
import { quarterStillWritable } from "../quarter-state";
import { auditRefusal, contractForWrite, evidenceInserts, quarterWritableOn, rubricOf, rubricsOf, type StoredPhotoMeta } from "./shared";

export type EventKind = "bonus" | "veto";
export type EventStatus = "counted" | "pending" | "confirmed" | "withdrawn";

export type EventWriteError =
  | "not_found"
  | "invalid_item"
  | "invalid_day"
  | "outside_term"
  | "in_future"
  | "quarter_locked"
  | "not_allowed"
  | "not_pending"
  | "already_withdrawn";
export type EventWriteResult = { ok: true; id: string } | { ok: false; error: EventWriteError };

export interface RecordEventInput {
  contractId: string;
  siteId?: string | null;
  itemId: string;
  note: string;
  occurredOn: string;
  photos: readonly StoredPhotoMeta[];
  /** Today in the organisation's zone. */
  today: string;
}



async function recordEvent(db: Db, ctx: WriteContext, kind: EventKind, input: RecordEventInput): Promise<EventWriteResult> {
  if (!ctx.actorUserId) return { ok: false, error: "not_allowed" }; // recorded_by names a person
  const contract = await contractForWrite(db, { orgId: ctx.orgId, contractId: input.contractId });
  if (!contract) return { ok: false, error: "not_found" };
  if (input.siteId) {
    const [site] = await db
      .select({ id: contractSites.siteId })
      .from(contractSites)
      .where(and(eq(contractSites.orgId, ctx.orgId), eq(contractSites.contractId, contract.id), eq(contractSites.siteId, input.siteId)));
    if (!site) return { ok: false, error: "not_found" };
  }
  if (!isIsoDate(input.occurredOn)) return { ok: false, error: "invalid_day" };
  // The item must be one of the rubric the event's quarter is scored with.
  const quarter = await quarterRubric(db, { orgId: ctx.orgId, contract, period: periodOfDate(input.occurredOn) });
  if (!quarter) return { ok: false, error: "not_found" };
  const items = kind === "bonus" ? quarter.rubric.bonusItems : quarter.rubric.vetoItems;
  if (!items.some((i) => i.id === input.itemId)) return { ok: false, error: "invalid_item" };
  if (input.occurredOn < contract.startOn || input.occurredOn > contract.endOn) return { ok: false, error: "outside_term" };
  if (input.occurredOn > input.today) return { ok: false, error: "in_future" };

  const id = newId();
  const entity = kind === "bonus" ? "bonus_event" : "veto_event";
  const action = `${kind}.create`;
  const at = nowIso();
  const row = {
    id,
    orgId: ctx.orgId,
    contractId: contract.id,
    siteId: input.siteId ?? null,
    period: periodOfDate(input.occurredOn),
    itemId: input.itemId,
    note: input.note,
    occurredOn: input.occurredOn,
    recordedBy: ctx.actorUserId,
    createdAt: at,
  };
  if (!(await quarterWritableOn(db, { orgId: ctx.orgId, contractId: contract.id, day: input.occurredOn }))) {
    const { id: _id, ...attempted } = row;
    await auditRefusal(db, ctx, { action, entity, entityId: id, reason: "quarter_locked", attempted: { ...attempted, photos: input.photos.length } });
    return { ok: false, error: "quarter_locked" };
  }
  // The lock again, inside the write (the status is NULL, and the batch rolls back, when the quarter was finalised since the check above).
  const insert =
    kind === "bonus"
      ? db.insert(bonusEvents).values({ ...row, status: whenQuarterWritable("counted") })
      : db.insert(vetoEvents).values({ ...row, status: whenQuarterWritable("pending") });
  const owner = kind === "bonus" ? { bonusEventId: id } : { vetoEventId: id };
  try {
    await db.batch([
      openQuarterStatement(db, ctx.orgId, { contractId: contract.id, period: row.period, ref: quarter.ref }),
      insert,
      ...evidenceInserts(db, ctx, owner, input.photos, at),
      recordAudit(db, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action, entity, entityId: id, before: null, after: { ...row, photos: input.photos.length }, ip: ctx.ip ?? null, at }),
    ]);
  } catch (error) {
    if (!isQuarterGuardFailure(error, `${entity}s.status`)) throw error;
    const { id: _id, ...attempted } = row;
    await auditRefusal(db, ctx, { action, entity, entityId: id, reason: "quarter_locked", attempted: { ...attempted, photos: input.photos.length } });
    return { ok: false, error: "quarter_locked" };
  }
  return { ok: true, id };
}

/** Records a bonus event (counted at once): the item must be one of the contract's rubric's bonus items. */
export function recordBonus(db: Db, ctx: WriteContext, input: RecordEventInput): Promise<EventWriteResult> {
  return recordEvent(db, ctx, "bonus", input);
}

/** Records a veto event, pending until someone else confirms it: the item must be one of the rubric's veto items. */
export function recordVeto(db: Db, ctx: WriteContext, input: RecordEventInput): Promise<EventWriteResult> {
  return recordEvent(db, ctx, "veto", input);
}

async function vetoRow(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(vetoEvents)
    .where(and(eq(vetoEvents.orgId, orgId), eq(vetoEvents.id, id)));
  return row ?? null;
}

async function bonusRow(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(bonusEvents)
    .where(and(eq(bonusEvents.orgId, orgId), eq(bonusEvents.id, id)));
  return row ?? null;
}

/**
 * Confirms a pending veto: only someone other than its recorder, with the
 * supervisor or admin role. The UPDATE repeats the rule (status pending, not
 * the recorder), so a second confirmation racing the first changes nothing.
 */
export async function confirmVeto(db: Db, ctx: WriteContext, input: { vetoId: string; role: string; today: string }): Promise<EventWriteResult> {
  const veto = await vetoRow(db, ctx.orgId, input.vetoId);
  if (!veto) return { ok: false, error: "not_found" };
  if (!ctx.actorUserId) return { ok: false, error: "not_allowed" };
  if (veto.status !== "pending") return { ok: false, error: "not_pending" };
  if (!mayConfirmVeto(veto, { userId: ctx.actorUserId, role: input.role })) return { ok: false, error: "not_allowed" };
  if (!(await quarterWritableOn(db, { orgId: ctx.orgId, contractId: veto.contractId, day: veto.occurredOn }))) {
    await auditRefusal(db, ctx, { action: "veto.confirm", entity: "veto_event", entityId: veto.id, reason: "quarter_locked", attempted: { on: input.today } });
    return { ok: false, error: "quarter_locked" };
  }
  const at = nowIso();
  const [updated] = await db.batch([
    db
      .update(vetoEvents)
      .set({ status: "confirmed", confirmedBy: ctx.actorUserId, confirmedAt: at })
      .where(
        and(
          eq(vetoEvents.orgId, ctx.orgId),
          eq(vetoEvents.id, veto.id),
          eq(vetoEvents.status, "pending"),
          sql`${vetoEvents.recordedBy} <> ${ctx.actorUserId}`,
          quarterStillWritable(db, { orgId: ctx.orgId, contractId: veto.contractId, period: veto.period }),
        ),
      )
      .returning({ id: vetoEvents.id }),
    auditIfChanged(db, ctx, {
      action: "veto.confirm",
      entity: "veto_event",
      entityId: veto.id,
      before: { status: veto.status },
      after: { status: "confirmed", confirmedBy: ctx.actorUserId, on: input.today },
      at,
    }),
  ]);
  if (updated.length === 1) return { ok: true, id: veto.id };
  return lockedSince(db, ctx, { action: "veto.confirm", entity: "veto_event", row: veto, attempted: { on: input.today } }, "not_pending");
}

/**
 * Why a conditional UPDATE of an event matched nothing: the quarter was
 * finalised since the check (the refusal is audited), or else `otherwise`
 * (someone else confirmed or withdrew it first).
 */
async function lockedSince(
  db: Db,
  ctx: WriteContext,
  r: { action: string; entity: string; row: { id: string; contractId: string; occurredOn: string }; attempted: unknown },
  otherwise: EventWriteError,
): Promise<EventWriteResult> {
  if (await quarterWritableOn(db, { orgId: ctx.orgId, contractId: r.row.contractId, day: r.row.occurredOn })) return { ok: false, error: otherwise };
  await auditRefusal(db, ctx, { action: r.action, entity: r.entity, entityId: r.row.id, reason: "quarter_locked", attempted: r.attempted });
  return { ok: false, error: "quarter_locked" };
}

interface WithdrawInput {
  id: string;
  reason: string;
  today: string;
}

async function withdrawEvent(db: Db, ctx: WriteContext, kind: EventKind, input: WithdrawInput): Promise<EventWriteResult> {
  if (!ctx.actorUserId) return { ok: false, error: "not_allowed" };
  const table = kind === "bonus" ? bonusEvents : vetoEvents;
  const row = kind === "bonus" ? await bonusRow(db, ctx.orgId, input.id) : await vetoRow(db, ctx.orgId, input.id);
  if (!row) return { ok: false, error: "not_found" };
  if (row.status === "withdrawn") return { ok: false, error: "already_withdrawn" };
  const entity = kind === "bonus" ? "bonus_event" : "veto_event";
  const action = `${kind}.withdraw`;
  if (!(await quarterWritableOn(db, { orgId: ctx.orgId, contractId: row.contractId, day: row.occurredOn }))) {
    await auditRefusal(db, ctx, { action, entity, entityId: row.id, reason: "quarter_locked", attempted: { reason: input.reason, on: input.today } });
    return { ok: false, error: "quarter_locked" };
  }
  const at = nowIso();
  const [updated] = await db.batch([
    db
      .update(table)
      .set({ status: "withdrawn", withdrawnReason: input.reason, withdrawnBy: ctx.actorUserId, withdrawnAt: at })
      .where(
        and(
          eq(table.orgId, ctx.orgId),
          eq(table.id, row.id),
          sql`${table.status} <> 'withdrawn'`,
          quarterStillWritable(db, { orgId: ctx.orgId, contractId: row.contractId, period: row.period }),
        ),
      )
      .returning({ id: table.id }),
    auditIfChanged(db, ctx, {
      action,
      entity,
      entityId: row.id,
      before: { status: row.status },
      after: { status: "withdrawn", reason: input.reason, on: input.today },
      at,
    }),
  ]);
  if (updated.length === 1) return { ok: true, id: row.id };
  return lockedSince(db, ctx, { action, entity, row, attempted: { reason: input.reason, on: input.today } }, "already_withdrawn");
}

/** Withdraws a bonus with a reason: it no longer counts. */
export function withdrawBonus(db: Db, ctx: WriteContext, input: WithdrawInput): Promise<EventWriteResult> {
  return withdrawEvent(db, ctx, "bonus", input);
}

/** Withdraws a veto (pending or confirmed) with a reason: it no longer counts. */
export function withdrawVeto(db: Db, ctx: WriteContext, input: WithdrawInput): Promise<EventWriteResult> {
  return withdrawEvent(db, ctx, "veto", input);
}

// ---------------------------------------------------------------- reading

export interface EventRow {
  kind: EventKind;
  id: string;
  contractId: string;
  contractTitle: string;
  contractorName: string;
  serviceType: ServiceType;
  siteId: string | null;
  siteName: string | null;
  period: string;
  itemId: string;
  note: string;
  occurredOn: string;
  status: EventStatus;
  recordedBy: string;
  recordedByName: string;
  createdAt: string;
}

export interface EventListQuery {
  orgId: string;
  contractId?: string;
  kind?: EventKind;
  status?: EventStatus;
  period?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Bonuses and vetoes, newest day first, one list: each kind is read through
 * its `(org_id, …)` index and the two are merged in SQL (UNION ALL).
 */
export async function listEvents(db: Db, q: EventListQuery): Promise<Paged<EventRow>> {
  const { limit, offset, page } = pageBounds(q);
  const part = (kind: EventKind) => {
    const t = kind === "bonus" ? bonusEvents : vetoEvents;
    const where: SQL[] = [eq(t.orgId, q.orgId)];
    if (q.contractId) where.push(eq(t.contractId, q.contractId));
    if (q.status) where.push(eq(t.status, q.status as never));
    if (q.period) where.push(eq(t.period, q.period));
    return db
      .select({
        kind: sql<EventKind>`${kind}`.as("kind"),
        id: t.id,
        contractId: t.contractId,
        contractTitle: contracts.title,
        contractorName: contractors.name,
        serviceType: contracts.serviceType,
        siteId: t.siteId,
        siteName: sites.name,
        period: t.period,
        itemId: t.itemId,
        note: t.note,
        occurredOn: t.occurredOn,
        status: sql<EventStatus>`${t.status}`.as("status"),
        recordedBy: t.recordedBy,
        recordedByName: users.name,
        createdAt: t.createdAt,
      })
      .from(t)
      .innerJoin(contracts, and(eq(contracts.id, t.contractId), eq(contracts.orgId, q.orgId)))
      .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
      .leftJoin(sites, and(eq(sites.id, t.siteId), eq(sites.orgId, q.orgId)))
      .innerJoin(users, eq(users.id, t.recordedBy))
      .where(and(...where));
  };
  const kinds: EventKind[] = q.kind ? [q.kind] : ["bonus", "veto"];
  // A status only one kind has ("counted", "pending", "confirmed") filters the other out.
  const wanted = kinds.filter((k) => !q.status || q.status === "withdrawn" || (k === "bonus") === (q.status === "counted"));
  if (wanted.length === 0) return { rows: [], total: 0, page, pageSize: limit };
  const parts = wanted.map(part);
  const union = parts.length === 2 ? parts[0]!.unionAll(parts[1]!) : parts[0]!;
  const sub = union.as("events");
  const [rows, [totals]] = await Promise.all([
    db.select().from(sub).orderBy(desc(sub.occurredOn), desc(sub.createdAt), desc(sub.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(sub),
  ]);
  return { rows: rows as EventRow[], total: totals?.n ?? 0, page, pageSize: limit };
}

export interface EventDetail extends EventRow {
  itemLabel: { "zh-CN": string; en: string } | null;
  /** A bonus item's points. */
  points: number | null;
  confirmedBy: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
  withdrawnReason: string | null;
  withdrawnByName: string | null;
  withdrawnAt: string | null;
  photos: { id: string; width: number; height: number }[];
}

/** One bonus or veto with its photos and who recorded, confirmed or withdrew it; null when not the organisation's. */
export async function getEvent(db: Db, q: { orgId: string; kind: EventKind; id: string }): Promise<EventDetail | null> {
  const t = q.kind === "bonus" ? bonusEvents : vetoEvents;
  const recorder = alias(users, "recorder");
  const withdrawer = alias(users, "withdrawer");
  const confirmer = alias(users, "confirmer");
  const [row] = await db
    .select({
      id: t.id,
      contractId: t.contractId,
      contractTitle: contracts.title,
      contractorName: contractors.name,
      serviceType: contracts.serviceType,
      rubricVersionId: contracts.rubricVersionId,
      siteId: t.siteId,
      siteName: sites.name,
      period: t.period,
      itemId: t.itemId,
      note: t.note,
      occurredOn: t.occurredOn,
      status: t.status,
      recordedBy: t.recordedBy,
      recordedByName: recorder.name,
      createdAt: t.createdAt,
      withdrawnReason: t.withdrawnReason,
      withdrawnByName: withdrawer.name,
      withdrawnAt: t.withdrawnAt,
      confirmedBy: q.kind === "veto" ? vetoEvents.confirmedBy : sql<string | null>`NULL`,
      confirmedByName: q.kind === "veto" ? confirmer.name : sql<string | null>`NULL`,
      confirmedAt: q.kind === "veto" ? vetoEvents.confirmedAt : sql<string | null>`NULL`,
    })
    .from(t)
    .innerJoin(contracts, and(eq(contracts.id, t.contractId), eq(contracts.orgId, q.orgId)))
    .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
    .leftJoin(sites, and(eq(sites.id, t.siteId), eq(sites.orgId, q.orgId)))
    .innerJoin(recorder, eq(recorder.id, t.recordedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, t.withdrawnBy))
    .leftJoin(confirmer, q.kind === "veto" ? eq(confirmer.id, vetoEvents.confirmedBy) : sql`0`)
    .where(and(eq(t.orgId, q.orgId), eq(t.id, q.id)));
  if (!row) return null;
  const owner = q.kind === "bonus" ? evidenceFiles.bonusEventId : evidenceFiles.vetoEventId;
  const [photos, rubric] = await Promise.all([
    db
      .select({ id: evidenceFiles.id, width: evidenceFiles.width, height: evidenceFiles.height })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.orgId, q.orgId), eq(owner, row.id)))
      .orderBy(evidenceFiles.uploadedAt, evidenceFiles.id),
    rubricOf(db, q.orgId, row),
  ]);
  const bonusItem = rubric?.bonusItems.find((i) => i.id === row.itemId);
  const item = q.kind === "bonus" ? bonusItem : rubric?.vetoItems.find((i) => i.id === row.itemId);
  const { rubricVersionId: _r, ...rest } = row;
  return {
    ...rest,
    kind: q.kind,
    status: row.status as EventStatus,
    itemLabel: item?.label ?? null,
    points: q.kind === "bonus" ? (bonusItem?.points ?? null) : null,
    photos,
  };
}

/**
 * What the quarter's score takes of a contract's events (SCORING.md
 * `QuarterInput.bonuses` / `vetoes`): counted bonuses and CONFIRMED vetoes
 * only — a pending veto does not count yet, a withdrawn one never. `asOf`
 * leaves out events that happened after that day.
 */
export async function eventsForScoring(
  db: Db,
  q: { orgId: string; contractId: string; period: string; asOf?: string },
): Promise<{ bonuses: NonNullable<QuarterInput["bonuses"]>; vetoes: NonNullable<QuarterInput["vetoes"]> }> {
  const [bonuses, vetoes] = await Promise.all([
    db
      .select({ itemId: bonusEvents.itemId, note: bonusEvents.note })
      .from(bonusEvents)
      .where(
        and(
          eq(bonusEvents.orgId, q.orgId),
          eq(bonusEvents.contractId, q.contractId),
          eq(bonusEvents.period, q.period),
          eq(bonusEvents.status, "counted"),
          q.asOf ? lte(bonusEvents.occurredOn, q.asOf) : undefined,
        ),
      )
      .orderBy(bonusEvents.occurredOn, bonusEvents.id),
    db
      .select({ itemId: vetoEvents.itemId, occurredOn: vetoEvents.occurredOn, note: vetoEvents.note })
      .from(vetoEvents)
      .where(
        and(
          eq(vetoEvents.orgId, q.orgId),
          eq(vetoEvents.contractId, q.contractId),
          eq(vetoEvents.period, q.period),
          eq(vetoEvents.status, "confirmed"),
          q.asOf ? lte(vetoEvents.occurredOn, q.asOf) : undefined,
        ),
      )
      .orderBy(vetoEvents.occurredOn, vetoEvents.id),
  ]);
  return { bonuses, vetoes };
}

export interface EventContractOption {
  id: string;
  title: string;
  contractorName: string;
  serviceType: ServiceType;
  startOn: string;
  endOn: string;
  bonusItems: { id: string; label: { "zh-CN": string; en: string }; points: number }[];
  vetoItems: { id: string; label: { "zh-CN": string; en: string } }[];
}

/** The active contracts a bonus or veto may be recorded on, each with its rubric's bonus and veto items (the form's choices). */
export async function listEventContractOptions(db: Db, q: { orgId: string }): Promise<EventContractOption[]> {
  const rows = await db
    .select({
      id: contracts.id,
      title: contracts.title,
      contractorName: contractors.name,
      serviceType: contracts.serviceType,
      startOn: contracts.startOn,
      endOn: contracts.endOn,
      rubricVersionId: contracts.rubricVersionId,
    })
    .from(contracts)
    .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
    .where(and(eq(contracts.orgId, q.orgId), eq(contracts.status, "active"), sql`${contracts.archivedAt} IS NULL`))
    .orderBy(contractors.name, contracts.title);
  const rubrics = await rubricsOf(db, q.orgId, rows);
  return rows.map(({ rubricVersionId: _v, ...r }, i) => {
    const rubric = rubrics[i] ?? defaultRubric(r.serviceType);
    return { ...r, bonusItems: rubric.bonusItems, vetoItems: rubric.vetoItems };
  });
}
