/**
 * Writes the demo's inspection history (./demo-inspections-plan) into the
 * database and its photos into the uploads folder.
 *
 * The recording pages' data layer is not what writes here: the history is
 * thousands of rows dated in the past (their `at`/`createdAt` are the instants
 * of the steps, not of the seed run), so the rows go in directly, in one
 * `db.batch` (all or nothing, and fast), each with its audit entry as the app
 * writes one — the person who did it as the actor, the row as `after`, at the
 * same instant — and each finding's history as `finding_events`.
 *
 * Photos: `renderDemoPhotos` draws a few distinct images once; the findings of
 * the last two quarters, every finding still open, the rectifications of the
 * last two quarters and every bonus and veto get one copy each. If the batch
 * fails, the files written are deleted again.
 */
import type { AuditInput } from "../db/audit";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { auditLog, bonusEvents, evidenceFiles, findingEvents, findings, inspections, vetoEvents } from "../db/schema";
import type { NewEvidenceFile, NewFinding, NewFindingEvent, NewInspection } from "../db/schema";
import { periodOfDate } from "../scoring/dates";
import type { ServiceType } from "../scoring/types";
import type { DemoIds } from "./demo";
import { demoContracts } from "./demo-data";
import { planDemoInspections, outcomeOf, type InspectionPlan, type PlannedFinding } from "./demo-inspections-plan";
import { DemoPhotoWriter, renderDemoPhotos, type DemoPhoto, type WrittenPhoto } from "./demo-photos";
import { demoRandom } from "./random";

export interface SeedDemoInspectionsResult {
  inspections: number;
  findings: number;
  findingEvents: number;
  evidenceFiles: number;
  bonuses: number;
  vetoes: number;
}

/** The instant of `minutes` after midnight of `day` in Asia/Shanghai (the demo's zone), ISO in UTC. */
function instantOn(day: string, minutes: number): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return new Date(`${day}T${hh}:${mm}:00+08:00`).toISOString();
}

/** Rows per INSERT statement: well under SQLite's bound-variable limit for the widest table. */
const CHUNK = 300;

/**
 * Plans and writes the history for `today`.
 * @example await seedDemoInspections(db, { today: "2026-11-18", ids, uploadsDir: "/tmp/uploads" })
 */
export async function seedDemoInspections(
  db: Db,
  options: { today: string; ids: DemoIds; uploadsDir: string },
): Promise<SeedDemoInspectionsResult> {
  const plan = planDemoInspections(options.today);
  const photos = await renderDemoPhotos();
  const writer = new DemoPhotoWriter(options.uploadsDir, options.ids.orgId);
  try {
    const rows = buildRows(plan, options.ids, photos, writer);
    // Findings in foundOn order, so a repeat's earlier finding is always inserted first.
    const [first, ...rest] = [
      ...chunks(rows.inspections).map((c) => db.insert(inspections).values(c)),
      ...chunks(rows.findings).map((c) => db.insert(findings).values(c)),
      ...chunks(rows.events).map((c) => db.insert(findingEvents).values(c)),
      ...chunks(rows.bonuses).map((c) => db.insert(bonusEvents).values(c)),
      ...chunks(rows.vetoes).map((c) => db.insert(vetoEvents).values(c)),
      ...chunks(rows.evidence).map((c) => db.insert(evidenceFiles).values(c)),
      // The rows recordAudit inserts, many to a statement (one statement per entry is ~20 000 statements).
      ...chunks(rows.audits).map((c) => db.insert(auditLog).values(c.map(auditRow))),
    ];
    await db.batch([first!, ...rest]);
    return {
      inspections: rows.inspections.length,
      findings: rows.findings.length,
      findingEvents: rows.events.length,
      evidenceFiles: rows.evidence.length,
      bonuses: rows.bonuses.length,
      vetoes: rows.vetoes.length,
    };
  } catch (error) {
    writer.discard();
    throw error;
  }
}

/** An audit entry as the row `recordAudit` (db/audit.ts) inserts, for a multi-row insert. */
function auditRow(e: AuditInput) {
  return {
    orgId: e.orgId,
    actorUserId: e.actorUserId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip ?? null,
    at: e.at!,
  };
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

interface Rows {
  inspections: NewInspection[];
  findings: NewFinding[];
  events: NewFindingEvent[];
  bonuses: (typeof bonusEvents.$inferInsert)[];
  vetoes: (typeof vetoEvents.$inferInsert)[];
  evidence: NewEvidenceFile[];
  audits: AuditInput[];
}

function buildRows(plan: InspectionPlan, ids: DemoIds, photos: Awaited<ReturnType<typeof renderDemoPhotos>>, writer: DemoPhotoWriter): Rows {
  const orgId = ids.orgId;
  const user = (key: keyof DemoIds["users"]) => ids.users[key];
  const contractOf = new Map(demoContracts(plan.today).map((c) => [c.key, c]));
  const random = demoRandom("inspections/photos");
  const recent = new Set(plan.quarters.slice(-2));
  const rows: Rows = { inspections: [], findings: [], events: [], bonuses: [], vetoes: [], evidence: [], audits: [] };
  const audit = (actor: string, action: string, entity: string, entityId: string, after: unknown, at: string) =>
    rows.audits.push({ orgId, actorUserId: actor, action, entity, entityId, before: null, after, at });
  /** One photo as evidence of `owner`; its id goes into the owner's audit entry (`photos`). */
  const photo = (owner: Partial<NewEvidenceFile>, of: DemoPhoto, by: string, at: string): string[] => {
    const written: WrittenPhoto = writer.write(of);
    const row: NewEvidenceFile = { id: newId(), orgId, ...owner, ...written, uploadedBy: by, uploadedAt: at };
    rows.evidence.push(row);
    return [row.id!];
  };
  const pickPhoto = (list: DemoPhoto[]) => random.pick(list);

  const inspectionIds = new Map<number, string>();
  for (const i of plan.inspections) {
    const id = newId();
    inspectionIds.set(i.key, id);
    const at = instantOn(i.day, 8 * 60 + 30 + (i.key % 30)); // before its findings (from 09:00)
    const row: NewInspection = {
      id,
      orgId,
      kind: i.kind,
      contractId: i.contractKey === null ? null : ids.contracts[i.contractKey],
      siteId: ids.sites[i.siteKey],
      gridCellId: i.cellCode === null ? null : ids.gridCells[i.cellCode]!,
      inspectorUserId: user(i.inspectorKey),
      inspectedOn: i.day,
      note: i.kind === "assessment" ? "季度考核现场检查" : null,
      createdAt: at,
    };
    rows.inspections.push(row);
    audit(row.inspectorUserId, "inspection.create", "inspection", id, row, at);
  }

  const findingIds = new Map<number, string>();
  for (const f of plan.findings) {
    const id = newId();
    findingIds.set(f.key, id);
    const o = outcomeOf(f);
    // Recorded in the morning; the steps in the afternoon, in order even when several fall on one day.
    const createdAt = instantOn(f.foundOn, 9 * 60 + (f.key % 180));
    const stepAt = (k: number, day: string) => instantOn(day, 13 * 60 + k * 40 + (f.key % 30));
    const createdBy = user(f.createdByKey);
    const row: NewFinding = {
      id,
      orgId,
      inspectionId: inspectionIds.get(f.inspectionKey)!,
      contractId: ids.contracts[f.contractKey],
      siteId: ids.sites[f.siteKey],
      gridCellId: f.cellCode === null ? null : ids.gridCells[f.cellCode]!,
      period: f.period,
      itemId: f.itemId,
      severity: f.severity,
      note: f.note,
      foundOn: f.foundOn,
      dueOn: f.dueOn,
      status: o.status,
      rectifiedOn: o.rectifiedOn,
      verifiedOn: o.verifiedOn,
      verifiedBy: o.verifiedByKey === null ? null : user(o.verifiedByKey),
      repeatOfId: f.repeatOfKey === null ? null : findingIds.get(f.repeatOfKey)!,
      withdrawnReason: o.withdrawnReason,
      createdBy,
      createdAt,
      updatedAt: f.steps.length === 0 ? createdAt : stepAt(f.steps.length, f.steps.at(-1)!.day),
    };
    rows.findings.push(row);
    const createdEventId = newId();
    rows.events.push({ id: createdEventId, orgId, findingId: id, kind: "created", note: null, onDay: f.foundOn, byUserId: createdBy, at: createdAt });
    const type: ServiceType = f.serviceType;
    const withPhotos = recent.has(f.period) || o.status === "open";
    const findingPhotos = withPhotos ? photo({ findingId: id }, pickPhoto(photos.before[type]), createdBy, createdAt) : [];
    audit(createdBy, "finding.create", "finding", id, { ...row, eventId: createdEventId, photos: findingPhotos }, createdAt);

    f.steps.forEach((s, k) => {
      const eventId = newId();
      const at = stepAt(k + 1, s.day);
      const by = user(s.byKey);
      rows.events.push({ id: eventId, orgId, findingId: id, kind: s.kind, note: s.note, onDay: s.day, byUserId: by, at });
      const stepPhotos =
        s.kind === "rectified" && recent.has(periodOfDate(s.day)) ? photo({ findingEventId: eventId }, pickPhoto(photos.after[type]), by, at) : [];
      audit(by, `finding.${ACTION_OF_STEP[s.kind]}`, "finding", id, { kind: s.kind, onDay: s.day, note: s.note, eventId, photos: stepPhotos }, at);
    });
  }

  for (const b of plan.bonuses) {
    const id = newId();
    const at = instantOn(b.occurredOn, 16 * 60);
    const by = user(b.recordedByKey);
    const row = {
      id,
      orgId,
      contractId: ids.contracts[b.contractKey],
      siteId: ids.sites[b.siteKey],
      period: periodOfDate(b.occurredOn),
      itemId: b.itemId,
      note: b.note,
      occurredOn: b.occurredOn,
      status: "counted" as const,
      recordedBy: by,
      createdAt: at,
    };
    rows.bonuses.push(row);
    const bonusPhotos = photo({ bonusEventId: id }, pickPhoto(photos.after[contractOf.get(b.contractKey)!.serviceType]), by, at);
    audit(by, "bonus.create", "bonus_event", id, { ...row, photos: bonusPhotos }, at);
  }

  for (const v of plan.vetoes) {
    const id = newId();
    const at = instantOn(v.occurredOn, 17 * 60);
    const confirmedAt = instantOn(v.confirmedOn, 9 * 60 + 30);
    const by = user(v.recordedByKey);
    const confirmer = user(v.confirmedByKey);
    const row = {
      id,
      orgId,
      contractId: ids.contracts[v.contractKey],
      siteId: ids.sites[v.siteKey],
      period: periodOfDate(v.occurredOn),
      itemId: v.itemId,
      note: v.note,
      occurredOn: v.occurredOn,
      status: "confirmed" as const,
      recordedBy: by,
      confirmedBy: confirmer,
      confirmedAt,
      createdAt: at,
    };
    rows.vetoes.push(row);
    const vetoPhotos = photo({ vetoEventId: id }, pickPhoto(photos.before[contractOf.get(v.contractKey)!.serviceType]), by, at);
    audit(by, "veto.create", "veto_event", id, { ...row, status: "pending", confirmedBy: null, confirmedAt: null, photos: vetoPhotos }, at);
    audit(confirmer, "veto.confirm", "veto_event", id, { status: "confirmed", confirmedBy: confirmer, confirmedAt }, confirmedAt);
  }
  return rows;
}

const ACTION_OF_STEP: Readonly<Record<PlannedFinding["steps"][number]["kind"], string>> = {
  rectified: "rectify",
  verified: "verify",
  verification_failed: "verification_fail",
  withdrawn: "withdraw",
};
