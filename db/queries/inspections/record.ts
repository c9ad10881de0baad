/**
 * Recording inspections and findings on site: what the recording form offers
 * (cells, sites, contracts and their rubric items), a finding (with its
 * inspection, repeat link, first event, photos and audit row in one batch),
 * more photos on an open finding, and a patrol with nothing found.
 *
 * Every check runs before anything is written; the quarter lock is checked
 * last, so a refused lock writes only `auditRefusal`'s row and bad input
 * writes nothing at all.
 */
import { and, desc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { MAX_PHOTOS, REPEAT_WINDOW_DAYS, allowedFindingSteps, type InspectionKind } from "../../../domain/findings";
import { addDays, isIsoDate, periodOfDate } from "../../../scoring/dates";
import type { LocalisedText, Rubric, ServiceType, Severity } from "../../../scoring/types";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId } from "../../ids";
import {
  contractSites,
  contractors,
  contracts,
  evidenceFiles,
  findingEvents,
  findings,
  gridCells,
  inspections,
  memberships,
  sites,
  type Finding,
  type Inspection,
} from "../../schema";
import { nowIso } from "../../time";
import type { WriteContext } from "../context";
import { isQuarterGuardFailure, openQuarterStatement, quarterRubric, whenQuarterWritable } from "../quarter-rubric";
import { auditRefusal, contractForWrite, evidenceInserts, quarterWritableOn, rubricsOf, type StoredPhotoMeta } from "./shared";

/** How far back "the cell's recent items" look. */
const RECENT_ITEM_DAYS = 90;

export interface RecordingItem {
  id: string;
  label: LocalisedText;
  deduction: Record<Severity, number>;
}
export interface RecordingDimension {
  id: string;
  label: LocalisedText;
  items: RecordingItem[];
}
export interface RecordingContract {
  id: string;
  title: string;
  contractorName: string;
  serviceType: ServiceType;
  siteIds: string[];
  /** The findings dimensions of the contract's rubric (survey dimension left out). */
  dimensions: RecordingDimension[];
}
export interface RecordingCell {
  id: string;
  code: string;
  name: string;
  siteId: string;
  /** The viewer leads this cell's patrols. */
  mine: boolean;
  /** The cell has a patrol leader (someone else's cell when `mine` is false). */
  hasLeader: boolean;
  /** Item ids found in this cell in the last RECENT_ITEM_DAYS days, most recent first. */
  recentItemIds: string[];
}
export interface RecordingOptions {
  cells: RecordingCell[];
  sites: { id: string; name: string; recentItemIds: string[] }[];
  contracts: RecordingContract[];
}


function findingsDimensions(rubric: Rubric): RecordingDimension[] {
  return rubric.dimensions
    .filter((d) => d.source === "findings" && d.items.length > 0)
    .map((d) => ({ id: d.id, label: d.label, items: d.items.map((i) => ({ id: i.id, label: i.label, deduction: i.deduction })) }));
}

/** The rubric item `itemId` of a findings dimension, if the rubric has it. */
function findingsItem(rubric: Rubric, itemId: string): RecordingItem | undefined {
  for (const d of rubric.dimensions) {
    if (d.source !== "findings") continue;
    const item = d.items.find((i) => i.id === itemId);
    if (item) return item;
  }
  return undefined;
}

/**
 * What the recording form offers `userId` on `today`: the grid cells (those the
 * user leads first), the sites, and the active contracts whose term covers
 * today with the sites they cover and their rubric's findings items.
 */
export async function recordingOptions(db: Db, q: { orgId: string; userId: string; today: string }): Promise<RecordingOptions> {
  const [cellRows, siteRows, contractRows, recentRows] = await Promise.all([
    db
      .select({ id: gridCells.id, code: gridCells.code, name: gridCells.name, siteId: gridCells.siteId, leader: gridCells.patrolLeaderUserId })
      .from(gridCells)
      .where(and(eq(gridCells.orgId, q.orgId), isNull(gridCells.archivedAt)))
      .orderBy(gridCells.code),
    db
      .select({ id: sites.id, name: sites.name })
      .from(sites)
      .where(and(eq(sites.orgId, q.orgId), isNull(sites.archivedAt)))
      .orderBy(sites.name),
    db
      .select({
        id: contracts.id,
        title: contracts.title,
        contractorName: contractors.name,
        serviceType: contracts.serviceType,
        rubricVersionId: contracts.rubricVersionId,
      })
      .from(contracts)
      .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
      .where(
        and(
          eq(contracts.orgId, q.orgId),
          eq(contracts.status, "active"),
          isNull(contracts.archivedAt),
          lte(contracts.startOn, q.today),
          gte(contracts.endOn, q.today),
        ),
      )
      .orderBy(contractors.name, contracts.title),
    // The last RECENT_ITEM_DAYS days of findings (findings_org_found_idx), newest first.
    db
      .select({ gridCellId: findings.gridCellId, siteId: findings.siteId, itemId: findings.itemId })
      .from(findings)
      .where(and(eq(findings.orgId, q.orgId), gte(findings.foundOn, addDays(q.today, -RECENT_ITEM_DAYS)), lte(findings.foundOn, q.today)))
      .orderBy(desc(findings.foundOn), desc(findings.createdAt)),
  ]);
  const links = contractRows.length
    ? await db
        .select({ contractId: contractSites.contractId, siteId: contractSites.siteId })
        .from(contractSites)
        .where(and(eq(contractSites.orgId, q.orgId), inArray(contractSites.contractId, contractRows.map((c) => c.id))))
    : [];
  const recentBy = (key: "gridCellId" | "siteId", id: string) => [...new Set(recentRows.filter((r) => r[key] === id).map((r) => r.itemId))];

  const rubrics = await rubricsOf(db, q.orgId, contractRows);
  const contractsOut: RecordingContract[] = [];
  for (const [i, c] of contractRows.entries()) {
    const rubric = rubrics[i];
    if (!rubric) continue;
    contractsOut.push({
      id: c.id,
      title: c.title,
      contractorName: c.contractorName,
      serviceType: c.serviceType,
      siteIds: links.filter((l) => l.contractId === c.id).map((l) => l.siteId),
      dimensions: findingsDimensions(rubric),
    });
  }
  const cells = cellRows
    .map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      siteId: c.siteId,
      mine: c.leader === q.userId,
      hasLeader: c.leader !== null,
      recentItemIds: recentBy("gridCellId", c.id),
    }))
    // Stable: the user's own cells first, each group in code order.
    .sort((a, b) => Number(b.mine) - Number(a.mine));
  return { cells, sites: siteRows.map((s) => ({ ...s, recentItemIds: recentBy("siteId", s.id) })), contracts: contractsOut };
}

export type RecordRefusal =
  | "not_found"
  | "forbidden"
  | "not_patrol_leader"
  | "invalid"
  | "site_not_covered"
  | "unknown_item"
  | "due_before_found"
  | "outside_term"
  | "found_in_future"
  | "too_many_photos"
  | "not_open"
  | "quarter_locked";

export interface RecordFindingInput {
  kind: InspectionKind;
  /** Required for a patrol; optional for a spot check or assessment (then its site is the cell's). */
  gridCellId?: string | null;
  /** Required when no cell is given. */
  siteId?: string | null;
  contractId: string;
  itemId: string;
  severity: Severity;
  note: string;
  foundOn: string;
  dueOn: string;
  /** Made once per form: a retried submission returns the finding it already wrote. */
  clientKey?: string | null;
  photos: readonly StoredPhotoMeta[];
  /** Today in the organisation's zone. */
  today: string;
  /**
   * Refuse with "open_repeat" when an earlier finding of this item here is
   * still open (`findOpenRepeat`), unless it is `repeatSeen`: the form warns
   * first and offers to add the photos to it instead.
   */
  warnOpenRepeat?: boolean;
  repeatSeen?: string | null;
}

export type RecordFindingResult =
  | { ok: true; finding: Finding; inspectionId: string; duplicate: boolean }
  | { ok: false; error: "open_repeat"; openRepeat: OpenRepeat }
  | { ok: false; error: RecordRefusal };

/** The actor's role in the organisation, or null. */
async function roleOf(db: Db, orgId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

const mayInspect = (role: string | null) => role === "supervisor" || role === "admin";

/**
 * The place of an inspection: a cell (and its site) or a site alone, checked to
 * be the organisation's and live. For a patrol, also who may patrol it: the
 * cell's leader, or any supervisor/admin when the cell has none.
 */
async function placeFor(
  db: Db,
  ctx: WriteContext,
  input: { kind: InspectionKind; gridCellId?: string | null; siteId?: string | null },
): Promise<{ ok: true; siteId: string; gridCellId: string | null } | { ok: false; error: RecordRefusal }> {
  const role = await roleOf(db, ctx.orgId, ctx.actorUserId);
  if (input.gridCellId) {
    const [cell] = await db
      .select({ siteId: gridCells.siteId, leader: gridCells.patrolLeaderUserId, archivedAt: gridCells.archivedAt })
      .from(gridCells)
      .where(and(eq(gridCells.orgId, ctx.orgId), eq(gridCells.id, input.gridCellId)));
    if (!cell || cell.archivedAt) return { ok: false, error: "not_found" };
    if (input.siteId && input.siteId !== cell.siteId) return { ok: false, error: "invalid" };
    if (!mayInspect(role)) return { ok: false, error: "forbidden" };
    if (input.kind === "patrol" && cell.leader !== null && cell.leader !== ctx.actorUserId) return { ok: false, error: "not_patrol_leader" };
    return { ok: true, siteId: cell.siteId, gridCellId: input.gridCellId };
  }
  if (input.kind === "patrol" || !input.siteId) return { ok: false, error: "invalid" };
  const [site] = await db
    .select({ archivedAt: sites.archivedAt })
    .from(sites)
    .where(and(eq(sites.orgId, ctx.orgId), eq(sites.id, input.siteId)));
  if (!site || site.archivedAt) return { ok: false, error: "not_found" };
  if (!mayInspect(role)) return { ok: false, error: "forbidden" };
  return { ok: true, siteId: input.siteId, gridCellId: null };
}

async function contractCovers(db: Db, orgId: string, contractId: string, siteId: string): Promise<boolean> {
  const [row] = await db
    .select({ siteId: contractSites.siteId })
    .from(contractSites)
    .where(and(eq(contractSites.orgId, orgId), eq(contractSites.contractId, contractId), eq(contractSites.siteId, siteId)));
  return Boolean(row);
}

/**
 * Where an earlier finding counts as "the same place" (issue 10, Repeats): the
 * same cell; or, when either of the two has no cell, the same site.
 */
function samePlace(place: { gridCellId?: string | null; siteId: string }): SQL {
  if (!place.gridCellId) return eq(findings.siteId, place.siteId);
  return or(eq(findings.gridCellId, place.gridCellId), and(eq(findings.siteId, place.siteId), isNull(findings.gridCellId)))!;
}

/**
 * Earlier findings of `itemId` at the place whose `foundOn` lies within
 * REPEAT_WINDOW_DAYS before (or on) `foundOn`, newest first, withdrawn ones left
 * out (findings_org_cell_item_found_idx / findings_org_site_item_found_idx).
 */
function earlierFindingsWhere(q: { orgId: string; gridCellId?: string | null; siteId: string; itemId: string; foundOn: string }): SQL {
  return and(
    eq(findings.orgId, q.orgId),
    eq(findings.itemId, q.itemId),
    samePlace(q),
    gte(findings.foundOn, addDays(q.foundOn, -REPEAT_WINDOW_DAYS)),
    lte(findings.foundOn, q.foundOn),
    ne(findings.status, "withdrawn"),
  )!;
}

/** The latest earlier finding the new one repeats (see `earlierFindingsWhere`), or null. */
async function repeatOf(db: Db, q: Parameters<typeof earlierFindingsWhere>[0]): Promise<string | null> {
  const [row] = await db
    .select({ id: findings.id })
    .from(findings)
    .where(earlierFindingsWhere(q))
    .orderBy(desc(findings.foundOn), desc(findings.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export interface OpenRepeat {
  id: string;
  itemId: string;
  severity: Severity;
  note: string;
  foundOn: string;
  dueOn: string;
  photoCount: number;
}

/**
 * The form's warning before saving: the latest earlier finding of this item
 * here (within the repeat window) that is still open, so the inspector may add
 * the photo to it instead. Null when there is none (or the ids are not the
 * organisation's: every table is filtered by `orgId`).
 */
export async function findOpenRepeat(
  db: Db,
  q: { orgId: string; gridCellId?: string | null; siteId: string; itemId: string; foundOn: string },
): Promise<OpenRepeat | null> {
  if (!isIsoDate(q.foundOn)) return null;
  const [row] = await db
    .select({
      id: findings.id,
      itemId: findings.itemId,
      severity: findings.severity,
      note: findings.note,
      foundOn: findings.foundOn,
      dueOn: findings.dueOn,
      photoCount: sql<number>`(SELECT count(*) FROM ${evidenceFiles} WHERE ${evidenceFiles.orgId} = ${q.orgId} AND ${evidenceFiles.findingId} = ${findings.id})`,
    })
    .from(findings)
    .where(and(earlierFindingsWhere(q), eq(findings.status, "open")))
    .orderBy(desc(findings.foundOn), desc(findings.createdAt))
    .limit(1);
  return row ? { ...row, photoCount: Number(row.photoCount) } : null;
}

async function findingByClientKey(db: Db, orgId: string, clientKey: string): Promise<Finding | undefined> {
  const [row] = await db
    .select()
    .from(findings)
    .where(and(eq(findings.orgId, orgId), eq(findings.clientKey, clientKey)));
  return row;
}

function isClientKeyViolation(error: unknown): boolean {
  const text = `${(error as { message?: string })?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`;
  return /UNIQUE constraint failed/i.test(text) && text.includes("client_key");
}

/**
 * Records one finding. Finds or creates its inspection (same inspector, kind,
 * cell/site, contract for a non-patrol, day), links the repeat it is, and
 * writes the finding, its "created" event, its photos' evidence rows and the
 * audit row in one batch.
 */
export async function recordFinding(db: Db, ctx: WriteContext, input: RecordFindingInput): Promise<RecordFindingResult> {
  const clientKey = input.clientKey?.trim() || null;
  if (clientKey) {
    const existing = await findingByClientKey(db, ctx.orgId, clientKey);
    if (existing) return { ok: true, finding: existing, inspectionId: existing.inspectionId, duplicate: true };
  }
  if (!ctx.actorUserId) return { ok: false, error: "forbidden" };
  if (!isIsoDate(input.foundOn) || !isIsoDate(input.dueOn) || !isIsoDate(input.today) || !input.note.trim()) return { ok: false, error: "invalid" };

  const contract = await contractForWrite(db, { orgId: ctx.orgId, contractId: input.contractId });
  if (!contract || contract.archivedAt) return { ok: false, error: "not_found" };
  const place = await placeFor(db, ctx, input);
  if (!place.ok) return place;
  if (!(await contractCovers(db, ctx.orgId, contract.id, place.siteId))) return { ok: false, error: "site_not_covered" };
  // The item must be one of the rubric the finding's quarter is scored with.
  const quarter = await quarterRubric(db, { orgId: ctx.orgId, contract, period: periodOfDate(input.foundOn) });
  const rubric = quarter?.rubric;
  if (!quarter || !rubric || rubric.serviceType !== contract.serviceType || !findingsItem(rubric, input.itemId)) return { ok: false, error: "unknown_item" };
  if (input.dueOn < input.foundOn) return { ok: false, error: "due_before_found" };
  if (input.foundOn > input.today) return { ok: false, error: "found_in_future" };
  if (input.foundOn < contract.startOn || input.foundOn > contract.endOn) return { ok: false, error: "outside_term" };
  if (input.photos.length > MAX_PHOTOS) return { ok: false, error: "too_many_photos" };

  if (input.warnOpenRepeat) {
    const open = await findOpenRepeat(db, { orgId: ctx.orgId, gridCellId: place.gridCellId, siteId: place.siteId, itemId: input.itemId, foundOn: input.foundOn });
    if (open && open.id !== input.repeatSeen) return { ok: false, error: "open_repeat", openRepeat: open };
  }

  const attempted = {
    kind: input.kind,
    contractId: contract.id,
    siteId: place.siteId,
    gridCellId: place.gridCellId,
    itemId: input.itemId,
    severity: input.severity,
    foundOn: input.foundOn,
    dueOn: input.dueOn,
    photos: input.photos.length,
  };
  if (!(await quarterWritableOn(db, { orgId: ctx.orgId, contractId: contract.id, day: input.foundOn }))) {
    await auditRefusal(db, ctx, { action: "finding.create", entity: "finding", entityId: contract.id, reason: "quarter_locked", attempted });
    return { ok: false, error: "quarter_locked" };
  }

  const inspectionContractId = input.kind === "patrol" ? null : contract.id;
  const [existingInspection] = await db
    .select({ id: inspections.id })
    .from(inspections)
    .where(
      and(
        eq(inspections.orgId, ctx.orgId),
        eq(inspections.inspectorUserId, ctx.actorUserId),
        eq(inspections.inspectedOn, input.foundOn),
        eq(inspections.kind, input.kind),
        eq(inspections.siteId, place.siteId),
        place.gridCellId ? eq(inspections.gridCellId, place.gridCellId) : isNull(inspections.gridCellId),
        inspectionContractId ? eq(inspections.contractId, inspectionContractId) : isNull(inspections.contractId),
      ),
    )
    .limit(1);
  const repeatOfId = await repeatOf(db, { orgId: ctx.orgId, gridCellId: place.gridCellId, siteId: place.siteId, itemId: input.itemId, foundOn: input.foundOn });

  const at = nowIso();
  const inspectionId = existingInspection?.id ?? newId();
  const finding: Finding = {
    id: newId(),
    orgId: ctx.orgId,
    inspectionId,
    contractId: contract.id,
    siteId: place.siteId,
    gridCellId: place.gridCellId,
    period: periodOfDate(input.foundOn),
    itemId: input.itemId,
    severity: input.severity,
    note: input.note.trim(),
    foundOn: input.foundOn,
    dueOn: input.dueOn,
    status: "open",
    rectifiedOn: null,
    verifiedOn: null,
    verifiedBy: null,
    repeatOfId,
    repeatClearedReason: null,
    withdrawnReason: null,
    clientKey,
    createdBy: ctx.actorUserId,
    createdAt: at,
    updatedAt: at,
  };
  const newInspection: Inspection | null = existingInspection
    ? null
    : {
        id: inspectionId,
        orgId: ctx.orgId,
        kind: input.kind,
        contractId: inspectionContractId,
        siteId: place.siteId,
        gridCellId: place.gridCellId,
        inspectorUserId: ctx.actorUserId,
        inspectedOn: input.foundOn,
        note: null,
        createdAt: at,
      };
  const audit = (action: string, entity: string, entityId: string, after: unknown) =>
    recordAudit(db, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action, entity, entityId, before: null, after, ip: ctx.ip ?? null, at });
  const { orgId: _o, ...findingAudit } = finding;
  try {
    await db.batch([
      ...(newInspection ? [db.insert(inspections).values(newInspection), audit("inspection.create", "inspection", inspectionId, newInspection)] : []),
      openQuarterStatement(db, ctx.orgId, { contractId: contract.id, period: finding.period, ref: quarter.ref }),
      // The lock again, inside the write: a quarter finalised since the check above rolls the batch back.
      db.insert(findings).values({ ...finding, status: whenQuarterWritable("open") }),
      db.insert(findingEvents).values({ id: newId(), orgId: ctx.orgId, findingId: finding.id, kind: "created", note: null, onDay: input.foundOn, byUserId: ctx.actorUserId, at }),
      ...evidenceInserts(db, ctx, { findingId: finding.id }, input.photos, at),
      audit("finding.create", "finding", finding.id, { ...findingAudit, photos: input.photos.length }),
    ] as unknown as Parameters<Db["batch"]>[0]);
  } catch (error) {
    if (isQuarterGuardFailure(error, "findings.status")) {
      await auditRefusal(db, ctx, { action: "finding.create", entity: "finding", entityId: contract.id, reason: "quarter_locked", attempted });
      return { ok: false, error: "quarter_locked" };
    }
    // Two submissions with the same key raced: the other one wrote it.
    if (clientKey && isClientKeyViolation(error)) {
      const existing = await findingByClientKey(db, ctx.orgId, clientKey);
      if (existing) return { ok: true, finding: existing, inspectionId: existing.inspectionId, duplicate: true };
    }
    throw error;
  }
  return { ok: true, finding, inspectionId, duplicate: false };
}

/**
 * More photos on an open finding (the repeat warning's "add your photo to it
 * instead"): a "photo_added" event, the evidence rows and the audit row. At
 * most MAX_PHOTOS on the finding in total; refused in a locked quarter.
 */
export async function addFindingPhotos(
  db: Db,
  ctx: WriteContext,
  input: { findingId: string; photos: readonly StoredPhotoMeta[]; today: string; note?: string | null },
): Promise<{ ok: true; findingId: string; added: number } | { ok: false; error: RecordRefusal }> {
  const [finding] = await db
    .select({ id: findings.id, status: findings.status, contractId: findings.contractId, foundOn: findings.foundOn })
    .from(findings)
    .where(and(eq(findings.orgId, ctx.orgId), eq(findings.id, input.findingId)));
  if (!finding) return { ok: false, error: "not_found" };
  if (!ctx.actorUserId || !mayInspect(await roleOf(db, ctx.orgId, ctx.actorUserId))) return { ok: false, error: "forbidden" };
  if (!isIsoDate(input.today) || input.photos.length === 0) return { ok: false, error: "invalid" };
  if (!allowedFindingSteps(finding.status).includes("add_photo")) return { ok: false, error: "not_open" };
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)` })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, ctx.orgId), eq(evidenceFiles.findingId, finding.id)));
  if (Number(count) + input.photos.length > MAX_PHOTOS) return { ok: false, error: "too_many_photos" };
  // The photos belong to the finding, which is scored in the quarter of its foundOn.
  if (!(await quarterWritableOn(db, { orgId: ctx.orgId, contractId: finding.contractId, day: finding.foundOn }))) {
    await auditRefusal(db, ctx, {
      action: "finding.add_photo",
      entity: "finding",
      entityId: finding.id,
      reason: "quarter_locked",
      attempted: { photos: input.photos.length },
    });
    return { ok: false, error: "quarter_locked" };
  }
  const at = nowIso();
  const eventId = newId();
  await db.batch([
    db.insert(findingEvents).values({ id: eventId, orgId: ctx.orgId, findingId: finding.id, kind: "photo_added", note: input.note?.trim() || null, onDay: input.today, byUserId: ctx.actorUserId, at }),
    db.update(findings).set({ updatedAt: at }).where(and(eq(findings.orgId, ctx.orgId), eq(findings.id, finding.id))),
    ...evidenceInserts(db, ctx, { findingId: finding.id }, input.photos, at),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "finding.add_photo",
      entity: "finding",
      entityId: finding.id,
      before: { photos: Number(count) },
      after: { photos: Number(count) + input.photos.length, eventId },
      ip: ctx.ip ?? null,
      at,
    }),
  ] as unknown as Parameters<Db["batch"]>[0]);
  return { ok: true, findingId: finding.id, added: input.photos.length };
}

/**
 * A grid patrol of one cell on `inspectedOn`, with or without findings: it
 * counts as a patrol either way. The same leader's patrol of the cell that day
 * is found, not written twice.
 */
export async function recordPatrol(
  db: Db,
  ctx: WriteContext,
  input: { gridCellId: string; inspectedOn: string; note?: string | null; today: string },
): Promise<{ ok: true; inspectionId: string; created: boolean } | { ok: false; error: RecordRefusal }> {
  if (!ctx.actorUserId) return { ok: false, error: "forbidden" };
  const place = await placeFor(db, ctx, { kind: "patrol", gridCellId: input.gridCellId });
  if (!place.ok) return place;
  if (!isIsoDate(input.inspectedOn) || !isIsoDate(input.today)) return { ok: false, error: "invalid" };
  if (input.inspectedOn > input.today) return { ok: false, error: "found_in_future" };
  const [existing] = await db
    .select({ id: inspections.id })
    .from(inspections)
    .where(
      and(
        eq(inspections.orgId, ctx.orgId),
        eq(inspections.inspectorUserId, ctx.actorUserId),
        eq(inspections.inspectedOn, input.inspectedOn),
        eq(inspections.kind, "patrol"),
        eq(inspections.gridCellId, input.gridCellId),
      ),
    )
    .limit(1);
  if (existing) return { ok: true, inspectionId: existing.id, created: false };
  const at = nowIso();
  const row: Inspection = {
    id: newId(),
    orgId: ctx.orgId,
    kind: "patrol",
    contractId: null,
    siteId: place.siteId,
    gridCellId: input.gridCellId,
    inspectorUserId: ctx.actorUserId,
    inspectedOn: input.inspectedOn,
    note: input.note?.trim() || null,
    createdAt: at,
  };
  await db.batch([
    db.insert(inspections).values(row),
    recordAudit(db, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "inspection.create", entity: "inspection", entityId: row.id, before: null, after: row, ip: ctx.ip ?? null, at }),
  ]);
  return { ok: true, inspectionId: row.id, created: true };
}
