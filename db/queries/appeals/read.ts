/**
 * The supervisor's reads of appeals (issue 14): the queue, one appeal with
 * what it contests, and a contract-quarter's appeals (the score page, the
 * dossier, the finalise block). Every table filtered by the organisation.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { milderSeverities, upheldOutcomes, type AppealOutcome, type AppealState, type AppealTarget } from "../../../domain/appeals";
import { contractQuarterWritable, type QuarterState } from "../../../domain/quarter-lock";
import type { Severity } from "../../../scoring/types";
import type { Db } from "../../client";
import { appeals, contractors, contracts, evidenceFiles, findings, users, vetoEvents } from "../../schema";
import { appealWindowOf } from "../calendar";
import { pageBounds, type Paged } from "../context";
import { getFinding, type FindingDetail } from "../inspections/detail";
import { getEvent, type EventDetail } from "../inspections/events";
import { contractQuarterState } from "../quarter-state";

/** One appeal as a list shows it. */
export interface AppealSummary {
  id: string;
  contractId: string;
  contractTitle: string;
  contractorId: string;
  contractorName: string;
  period: string;
  target: AppealTarget;
  findingId: string | null;
  vetoEventId: string | null;
  /** The contested finding's or veto's item, severity (findings) and note. */
  itemId: string | null;
  severity: Severity | null;
  note: string | null;
  reason: string;
  status: AppealState;
  outcome: AppealOutcome | null;
  severityFrom: Severity | null;
  severityTo: Severity | null;
  decisionReason: string | null;
  decidedOn: string | null;
  filedOn: string;
  filedByName: string;
}

export interface AppealListRow extends AppealSummary {
  /** The last day of the quarter's appeal window (null: no window). */
  windowClosesOn: string | null;
}

const filer = alias(users, "filer");

function summarySelect() {
  return {
    id: appeals.id,
    contractId: appeals.contractId,
    contractTitle: contracts.title,
    contractorId: appeals.contractorId,
    contractorName: contractors.name,
    period: appeals.period,
    target: appeals.target,
    findingId: appeals.findingId,
    vetoEventId: appeals.vetoEventId,
    itemId: sql<string | null>`coalesce(${findings.itemId}, ${vetoEvents.itemId})`,
    severity: findings.severity,
    note: sql<string | null>`coalesce(${findings.note}, ${vetoEvents.note})`,
    reason: appeals.reason,
    status: appeals.status,
    outcome: appeals.outcome,
    severityFrom: appeals.severityFrom,
    severityTo: appeals.severityTo,
    decisionReason: appeals.decisionReason,
    decidedOn: appeals.decidedOn,
    filedOn: appeals.filedOn,
    filedByName: filer.name,
  };
}

/** The appeals joined with what they name, all of the organisation. */
function summaries(db: Db, orgId: string) {
  return db
    .select(summarySelect())
    .from(appeals)
    .innerJoin(contracts, and(eq(contracts.id, appeals.contractId), eq(contracts.orgId, orgId)))
    .innerJoin(contractors, and(eq(contractors.id, appeals.contractorId), eq(contractors.orgId, orgId)))
    .innerJoin(filer, eq(filer.id, appeals.filedBy))
    .leftJoin(findings, and(eq(findings.id, appeals.findingId), eq(findings.orgId, orgId)))
    .leftJoin(vetoEvents, and(eq(vetoEvents.id, appeals.vetoEventId), eq(vetoEvents.orgId, orgId)));
}

/** The window's last day of each period, counted once per period. */
async function closesOnByPeriod(db: Db, orgId: string, periods: string[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(periods)];
  const windows = await Promise.all(unique.map((period) => appealWindowOf(db, { orgId, period })));
  return new Map(unique.map((p, i) => [p, windows[i]?.closesOn ?? null]));
}

/**
 * The supervisor's queue: pending appeals first, oldest filed first (each
 * waits on someone); then the decided ones, latest decided first. `status`
 * narrows it to one state.
 */
export async function listAppeals(db: Db, q: { orgId: string; status?: AppealState | null; page?: number; pageSize?: number }): Promise<Paged<AppealListRow>> {
  const { limit, offset, page } = pageBounds(q, 25);
  const where = and(eq(appeals.orgId, q.orgId), q.status ? eq(appeals.status, q.status) : undefined);
  const [rows, [total]] = await Promise.all([
    summaries(db, q.orgId)
      .where(where)
      .orderBy(desc(sql`${appeals.status} = 'pending'`), sql`CASE WHEN ${appeals.status} = 'pending' THEN ${appeals.filedOn} END`, desc(appeals.decidedAt), asc(appeals.createdAt), asc(appeals.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(appeals).where(where),
  ]);
  const closes = await closesOnByPeriod(db, q.orgId, rows.map((r) => r.period));
  return { rows: rows.map((r) => ({ ...(r as AppealSummary), windowClosesOn: closes.get(r.period) ?? null })), total: total?.n ?? 0, page, pageSize: limit };
}

export interface AppealDetail extends AppealListRow {
  decidedByName: string | null;
  photos: { id: string; width: number; height: number }[];
  /** The contested finding (finding and repeat targets), as its page shows it. */
  finding: FindingDetail | null;
  /** The contested veto. */
  veto: EventDetail | null;
  quarterState: QuarterState | null;
  /** The quarter may be written: a decision needs it (else: reopen it first). */
  quarterWritable: boolean;
  /** What an upheld decision may do, and to which severities a finding may be lowered. */
  outcomes: AppealOutcome[];
  milderSeverities: Severity[];
}

/** One appeal with its evidence and what it contests; null when not the organisation's. */
export async function getAppeal(db: Db, q: { orgId: string; id: string; today: string }): Promise<AppealDetail | null> {
  const [row] = await summaries(db, q.orgId).where(and(eq(appeals.orgId, q.orgId), eq(appeals.id, q.id)));
  if (!row) return null;
  const s = row as unknown as AppealSummary;
  const [decidedBy] = await db.select({ name: users.name }).from(appeals).innerJoin(users, eq(users.id, appeals.decidedBy)).where(and(eq(appeals.orgId, q.orgId), eq(appeals.id, s.id)));
  const [photos, finding, veto, quarterState, closes] = await Promise.all([
    db
      .select({ id: evidenceFiles.id, width: evidenceFiles.width, height: evidenceFiles.height })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.orgId, q.orgId), eq(evidenceFiles.appealId, s.id)))
      .orderBy(evidenceFiles.uploadedAt, evidenceFiles.id),
    s.findingId ? getFinding(db, { orgId: q.orgId, id: s.findingId, today: q.today }) : null,
    s.vetoEventId ? getEvent(db, { orgId: q.orgId, kind: "veto", id: s.vetoEventId }) : null,
    contractQuarterState(db, { orgId: q.orgId, contractId: s.contractId, period: s.period }),
    closesOnByPeriod(db, q.orgId, [s.period]),
  ]);
  const severity = finding?.severity ?? null;
  return {
    ...s,
    windowClosesOn: closes.get(s.period) ?? null,
    decidedByName: decidedBy?.name ?? null,
    photos,
    finding,
    veto,
    quarterState,
    quarterWritable: contractQuarterWritable(quarterState),
    outcomes: upheldOutcomes(s.target, severity),
    milderSeverities: severity ? milderSeverities(severity) : [],
  };
}

/** A contract-quarter's appeals, oldest filed first (the score page, the dossier, the finalise block). */
export async function appealsOfQuarter(db: Db, q: { orgId: string; contractId: string; period: string }): Promise<AppealSummary[]> {
  const rows = await summaries(db, q.orgId)
    .where(and(eq(appeals.orgId, q.orgId), eq(appeals.contractId, q.contractId), eq(appeals.period, q.period)))
    .orderBy(asc(appeals.filedOn), asc(appeals.createdAt), asc(appeals.id));
  return rows as AppealSummary[];
}

/** The appeals of findings, by finding id (the finding page), or of a veto. */
export async function appealsOf(db: Db, q: { orgId: string; findingId?: string; vetoEventId?: string }): Promise<AppealSummary[]> {
  if (!q.findingId && !q.vetoEventId) return [];
  const rows = await summaries(db, q.orgId)
    .where(and(eq(appeals.orgId, q.orgId), q.findingId ? eq(appeals.findingId, q.findingId) : eq(appeals.vetoEventId, q.vetoEventId!)))
    .orderBy(asc(appeals.filedOn), asc(appeals.id));
  return rows as AppealSummary[];
}

/** The appeals a contractor filed, for its portal: pending first (oldest filed first), then the decided ones, latest decided first. */
export async function appealsOfContractor(db: Db, q: { orgId: string; contractorId: string; limit?: number }): Promise<AppealSummary[]> {
  const rows = await summaries(db, q.orgId)
    .where(and(eq(appeals.orgId, q.orgId), eq(appeals.contractorId, q.contractorId)))
    .orderBy(desc(sql`${appeals.status} = 'pending'`), sql`CASE WHEN ${appeals.status} = 'pending' THEN ${appeals.filedOn} END`, desc(appeals.decidedAt), asc(appeals.id))
    .limit(q.limit ?? 50);
  return rows as AppealSummary[];
}
