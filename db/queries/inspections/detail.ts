/**
 * One finding as its page and its printable rectification notice (整改通知单)
 * show it: where and what, its list status on `today`, late or not, the
 * finding it repeats and the later ones repeating it, its photos, and its
 * history (each step with who and when, oldest first, with the step's photos).
 *
 * Reads only: every table filtered by the organisation.
 */
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { findingListStatus, isLate, type FindingEventKind, type FindingListStatus } from "../../../domain/findings";
import { findingActions, repeatCounts, type FindingAction } from "../../../domain/rectification";
import { contractQuarterWritable } from "../../../domain/quarter-lock";
import { defaultRubric } from "../../../scoring/rubrics";
import type { LocalisedText, Rubric, ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import {
  contractQuarters,
  contractors,
  contracts,
  evidenceFiles,
  findingEvents,
  findings,
  gridCells,
  inspections,
  rubricVersions,
  sites,
  users,
} from "../../schema";

export interface EvidencePhoto {
  id: string;
  width: number;
  height: number;
}

/** A finding as the page and the notice show it. */
export interface FindingView {
  id: string;
  status: "open" | "rectified" | "verified" | "withdrawn";
  listStatus: FindingListStatus;
  /** Rectified (awaiting verification or verified) after its deadline. */
  late: boolean;
  itemId: string;
  /** The item and its dimension in the contract's rubric (null if the rubric no longer has it). */
  item: { label: LocalisedText; dimension: LocalisedText } | null;
  severity: "minor" | "major" | "critical";
  note: string;
  foundOn: string;
  dueOn: string;
  period: string;
  rectifiedOn: string | null;
  verifiedOn: string | null;
  verifiedBy: { id: string; name: string } | null;
  withdrawnReason: string | null;
  repeatOfId: string | null;
  repeatClearedReason: string | null;
  /** The repeat mark still scores. */
  repeatCounts: boolean;
  /** The finding's contract-quarter may still be written (withdrawal and clearing a repeat need it). */
  quarterWritable: boolean;
  /** What the page may offer now (domain/rectification.ts). */
  actions: FindingAction[];
  contract: { id: string; title: string; code: string | null; serviceType: ServiceType };
  contractor: { id: string; name: string };
  site: { id: string; name: string };
  cell: { id: string; code: string; name: string } | null;
  inspection: { id: string; kind: "patrol" | "spot" | "assessment"; inspectedOn: string };
  createdBy: { id: string; name: string };
  photos: EvidencePhoto[];
}

export interface FindingLink {
  id: string;
  foundOn: string;
  listStatus: FindingListStatus;
}

export interface FindingHistoryEntry {
  id: string;
  kind: FindingEventKind;
  note: string | null;
  onDay: string;
  at: string;
  by: { id: string; name: string };
  photos: EvidencePhoto[];
}

export interface FindingDetail extends FindingView {
  repeatOf: FindingLink | null;
  /** Later findings marked as repeats of this one (cleared marks included: the history shows them). */
  repeats: FindingLink[];
  history: FindingHistoryEntry[];
}

const creator = alias(users, "creator");
const verifier = alias(users, "verifier");

/** The findings (joined with their place and people), in found order. */
async function findingViews(db: Db, q: { orgId: string; today: string; where: ReturnType<typeof eq> }): Promise<FindingView[]> {
  const rows = await db
    .select({
      f: findings,
      contract: { id: contracts.id, title: contracts.title, code: contracts.code, serviceType: contracts.serviceType, rubricVersionId: contracts.rubricVersionId },
      contractor: { id: contractors.id, name: contractors.name },
      site: { id: sites.id, name: sites.name },
      cellId: gridCells.id,
      cellCode: gridCells.code,
      cellName: gridCells.name,
      inspection: { id: inspections.id, kind: inspections.kind, inspectedOn: inspections.inspectedOn },
      creatorName: creator.name,
      verifierName: verifier.name,
      quarterStatus: contractQuarters.status,
    })
    .from(findings)
    .innerJoin(contracts, and(eq(contracts.id, findings.contractId), eq(contracts.orgId, q.orgId)))
    .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
    .innerJoin(sites, and(eq(sites.id, findings.siteId), eq(sites.orgId, q.orgId)))
    .innerJoin(inspections, and(eq(inspections.id, findings.inspectionId), eq(inspections.orgId, q.orgId)))
    .innerJoin(creator, eq(creator.id, findings.createdBy))
    .leftJoin(gridCells, and(eq(gridCells.id, findings.gridCellId), eq(gridCells.orgId, q.orgId)))
    .leftJoin(verifier, eq(verifier.id, findings.verifiedBy))
    .leftJoin(
      contractQuarters,
      and(eq(contractQuarters.orgId, q.orgId), eq(contractQuarters.contractId, findings.contractId), eq(contractQuarters.period, findings.period)),
    )
    .where(and(eq(findings.orgId, q.orgId), q.where))
    .orderBy(asc(findings.foundOn), asc(findings.createdAt), asc(findings.id));
  if (rows.length === 0) return [];

  const rubrics = await rubricsOf(db, q.orgId, rows.map((r) => r.contract));
  const photos = await photosBy(db, q.orgId, "finding", rows.map((r) => r.f.id));
  return rows.map((r) => {
    const f = r.f;
    const quarterWritable = contractQuarterWritable(r.quarterStatus);
    return {
      id: f.id,
      status: f.status,
      listStatus: findingListStatus(f, q.today),
      late: isLate(f),
      itemId: f.itemId,
      item: itemOf(rubrics.get(r.contract.id), f.itemId),
      severity: f.severity,
      note: f.note,
      foundOn: f.foundOn,
      dueOn: f.dueOn,
      period: f.period,
      rectifiedOn: f.rectifiedOn,
      verifiedOn: f.verifiedOn,
      verifiedBy: f.verifiedBy ? { id: f.verifiedBy, name: r.verifierName ?? "" } : null,
      withdrawnReason: f.withdrawnReason,
      repeatOfId: f.repeatOfId,
      repeatClearedReason: f.repeatClearedReason,
      repeatCounts: repeatCounts(f),
      quarterWritable,
      actions: findingActions(f, { quarterWritable }),
      contract: { id: r.contract.id, title: r.contract.title, code: r.contract.code, serviceType: r.contract.serviceType },
      contractor: r.contractor,
      site: r.site,
      cell: r.cellId ? { id: r.cellId, code: r.cellCode ?? "", name: r.cellName ?? "" } : null,
      inspection: r.inspection,
      createdBy: { id: f.createdBy, name: r.creatorName },
      photos: photos.get(f.id) ?? [],
    };
  });
}

/** The rubric each contract is scored with: its organisation's version, or the default of its service type. */
async function rubricsOf(db: Db, orgId: string, cs: { id: string; serviceType: ServiceType; rubricVersionId: string | null }[]): Promise<Map<string, Rubric>> {
  const versionIds = [...new Set(cs.map((c) => c.rubricVersionId).filter((id): id is string => id !== null))];
  const versions = versionIds.length
    ? await db
        .select({ id: rubricVersions.id, rubric: rubricVersions.rubric })
        .from(rubricVersions)
        .where(and(eq(rubricVersions.orgId, orgId), inArray(rubricVersions.id, versionIds)))
    : [];
  const byId = new Map(versions.map((v) => [v.id, v.rubric]));
  return new Map(cs.map((c) => [c.id, (c.rubricVersionId && byId.get(c.rubricVersionId)) || defaultRubric(c.serviceType)]));
}

function itemOf(rubric: Rubric | undefined, itemId: string): FindingView["item"] {
  for (const d of rubric?.dimensions ?? []) {
    const item = d.items.find((i) => i.id === itemId);
    if (item) return { label: item.label, dimension: d.label };
  }
  return null;
}

/** Photos per owner (a finding or a finding event), in upload order. */
async function photosBy(db: Db, orgId: string, owner: "finding" | "event", ids: string[]): Promise<Map<string, EvidencePhoto[]>> {
  const out = new Map<string, EvidencePhoto[]>();
  if (ids.length === 0) return out;
  const column = owner === "finding" ? evidenceFiles.findingId : evidenceFiles.findingEventId;
  const rows = await db
    .select({ id: evidenceFiles.id, owner: column, width: evidenceFiles.width, height: evidenceFiles.height })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, orgId), inArray(column, ids)))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
  for (const r of rows) {
    if (!r.owner) continue;
    let list = out.get(r.owner);
    if (!list) out.set(r.owner, (list = []));
    list.push({ id: r.id, width: r.width, height: r.height });
  }
  return out;
}

/** The finding with its repeat links and history; null when the organisation has no such finding. */
export async function getFinding(db: Db, q: { orgId: string; id: string; today: string }): Promise<FindingDetail | null> {
  const [view] = await findingViews(db, { orgId: q.orgId, today: q.today, where: eq(findings.id, q.id) });
  if (!view) return null;

  const link = { id: findings.id, foundOn: findings.foundOn, status: findings.status, dueOn: findings.dueOn };
  const [repeatOfRows, repeatRows, events] = await Promise.all([
    view.repeatOfId
      ? db.select(link).from(findings).where(and(eq(findings.orgId, q.orgId), eq(findings.id, view.repeatOfId)))
      : Promise.resolve([]),
    db
      .select(link)
      .from(findings)
      .where(and(eq(findings.orgId, q.orgId), eq(findings.repeatOfId, view.id), ne(findings.id, view.id)))
      .orderBy(asc(findings.foundOn), asc(findings.id)),
    db
      .select({
        id: findingEvents.id,
        kind: findingEvents.kind,
        note: findingEvents.note,
        onDay: findingEvents.onDay,
        at: findingEvents.at,
        byId: findingEvents.byUserId,
        byName: users.name,
      })
      .from(findingEvents)
      .innerJoin(users, eq(users.id, findingEvents.byUserId))
      .where(and(eq(findingEvents.orgId, q.orgId), eq(findingEvents.findingId, view.id)))
      .orderBy(asc(findingEvents.at), asc(findingEvents.id)),
  ]);
  const toLink = (r: { id: string; foundOn: string; status: FindingView["status"]; dueOn: string }): FindingLink => ({
    id: r.id,
    foundOn: r.foundOn,
    listStatus: findingListStatus(r, q.today),
  });
  const eventPhotos = await photosBy(db, q.orgId, "event", events.map((e) => e.id));
  return {
    ...view,
    repeatOf: repeatOfRows[0] ? toLink(repeatOfRows[0]) : null,
    repeats: repeatRows.map(toLink),
    history: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      note: e.note,
      onDay: e.onDay,
      at: e.at,
      by: { id: e.byId, name: e.byName },
      photos: eventPhotos.get(e.id) ?? [],
    })),
  };
}

/**
 * An inspection's findings for its printable notice: every finding but the
 * withdrawn ones (nothing to rectify), grouped by the page per contract.
 * Null when the organisation has no such inspection.
 */
export async function getInspectionNotice(
  db: Db,
  q: { orgId: string; inspectionId: string; today: string },
): Promise<{ inspection: { id: string; kind: "patrol" | "spot" | "assessment"; inspectedOn: string; inspector: string }; findings: FindingView[] } | null> {
  const [inspection] = await db
    .select({ id: inspections.id, kind: inspections.kind, inspectedOn: inspections.inspectedOn, inspector: users.name })
    .from(inspections)
    .innerJoin(users, eq(users.id, inspections.inspectorUserId))
    .where(and(eq(inspections.orgId, q.orgId), eq(inspections.id, q.inspectionId)));
  if (!inspection) return null;
  const views = await findingViews(db, { orgId: q.orgId, today: q.today, where: eq(findings.inspectionId, inspection.id) });
  return { inspection, findings: views.filter((f) => f.status !== "withdrawn") };
}
