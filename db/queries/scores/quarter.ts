/**
 * One contract-quarter's score as every page shows it: live (computed now
 * from the input builder) while the quarter may be written, the stored
 * snapshot once it is finalised — never a recomputation of a finalised
 * quarter.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { quarterStateOn, scoringDay, type QuarterState } from "../../../domain/quarter-lock";
import { periodEnd } from "../../../scoring/dates";
import { scoreQuarter } from "../../../scoring/index";
import type { PaymentRule, QuarterInput, QuarterScore, Rubric, ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import {
  contractors,
  appeals,
  contractQuarters,
  contracts,
  evidenceFiles,
  findings,
  gridCells,
  quarterScores,
  sites,
  users,
  vetoEvents,
  type StoredQuarterFee,
} from "../../schema";
import { appealWindowOf } from "../calendar";
import { buildQuarterInput, campaignOf, type QuarterCampaign } from "./input";
import { feeOf } from "./fee";
import { revisionChanges, type RevisionChanges } from "./revisions";

/** The contract as the score pages need it. */
export interface ScoreContract {
  id: string;
  title: string;
  code: string | null;
  contractorId: string;
  contractorName: string;
  serviceType: ServiceType;
  startOn: string;
  endOn: string;
  annualValueFen: number;
  quarterlyFeeFen: number | null;
  paymentRule: PaymentRule;
  rubricVersionId: string | null;
}

/** The columns of {@link ScoreContract} (the dashboard selects them too). */
export const scoreContractColumns = {
  id: contracts.id,
  title: contracts.title,
  code: contracts.code,
  contractorId: contracts.contractorId,
  contractorName: contractors.name,
  serviceType: contracts.serviceType,
  startOn: contracts.startOn,
  endOn: contracts.endOn,
  annualValueFen: contracts.annualValueFen,
  quarterlyFeeFen: contracts.quarterlyFeeFen,
  paymentRule: contracts.paymentRule,
  rubricVersionId: contracts.rubricVersionId,
};

/** The organisation's contract with its contractor's name; null when not the organisation's. */
export async function scoreContract(db: Db, orgId: string, contractId: string): Promise<ScoreContract | null> {
  const [row] = await db
    .select(scoreContractColumns)
    .from(contracts)
    .innerJoin(contractors, eq(contractors.id, contracts.contractorId))
    .where(and(eq(contracts.orgId, orgId), eq(contracts.id, contractId)));
  return row ?? null;
}

/** The stored row of a contract's quarter (null: not begun). */
export async function quarterRow(db: Db, q: { orgId: string; contractId: string; period: string }) {
  const [row] = await db
    .select()
    .from(contractQuarters)
    .where(and(eq(contractQuarters.orgId, q.orgId), eq(contractQuarters.contractId, q.contractId), eq(contractQuarters.period, q.period)));
  return row ?? null;
}

/** A stored revision (snapshot) of a quarter, newest last in lists. */
export interface Revision {
  id: string;
  revision: number;
  total: number;
  grade: QuarterScore["grade"];
  asOf: string;
  reason: string | null;
  overrideReason: string | null;
  provisionalJustification: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  /** What changed against the revision before (null for the first). */
  changes: RevisionChanges | null;
}

interface Snapshot {
  input: QuarterInput;
  output: QuarterScore;
  rubric: Rubric;
  fee: StoredQuarterFee;
}

/** Every revision of a quarter, oldest first, each with what changed against the one before, and the latest's snapshot. */
export async function quarterRevisions(db: Db, q: { orgId: string; contractId: string; period: string }): Promise<{ revisions: Revision[]; latest: Snapshot | null }> {
  const rows = await db
    .select({
      id: quarterScores.id,
      revision: quarterScores.revision,
      total: quarterScores.total,
      grade: quarterScores.grade,
      asOf: quarterScores.asOf,
      reason: quarterScores.reason,
      overrideReason: quarterScores.overrideReason,
      provisionalJustification: quarterScores.provisionalJustification,
      createdBy: quarterScores.createdBy,
      createdByName: users.name,
      createdAt: quarterScores.createdAt,
      input: quarterScores.input,
      output: quarterScores.output,
      rubric: quarterScores.rubric,
      fee: quarterScores.fee,
    })
    .from(quarterScores)
    .innerJoin(users, eq(users.id, quarterScores.createdBy))
    .where(and(eq(quarterScores.orgId, q.orgId), eq(quarterScores.contractId, q.contractId), eq(quarterScores.period, q.period)))
    .orderBy(asc(quarterScores.revision));
  const revisions = rows.map(({ input: _i, output, rubric: _r, fee: _f, ...r }, i): Revision => ({
    ...r,
    changes: i === 0 ? null : revisionChanges(rows[i - 1]!.output, output),
  }));
  const last = rows.at(-1);
  return { revisions, latest: last ? { input: last.input, output: last.output, rubric: last.rubric, fee: last.fee } : null };
}

/**
 * What stands in the way of finalising: pending vetoes, fixes awaiting
 * verification and undecided appeals of the quarter, and its appeal window
 * while still open on `today` (issue 14: a contractor may still appeal).
 */
export interface FinaliseBlocks {
  pendingVetoes: number;
  awaitingVerification: number;
  pendingAppeals: number;
  /** The last day of the quarter's appeal window (null: no window). */
  appealWindowClosesOn: string | null;
  /** `today` ≤ the window's last day: appeals may still come in. */
  appealWindowOpen: boolean;
}

export async function finaliseBlocks(db: Db, q: { orgId: string; contractId: string; period: string; today: string }): Promise<FinaliseBlocks> {
  const [[vetoes], [fixes], [pending], window] = await Promise.all([
    db
      .select({ n: count() })
      .from(vetoEvents)
      .where(and(eq(vetoEvents.orgId, q.orgId), eq(vetoEvents.contractId, q.contractId), eq(vetoEvents.period, q.period), eq(vetoEvents.status, "pending"))),
    db
      .select({ n: count() })
      .from(findings)
      .where(and(eq(findings.orgId, q.orgId), eq(findings.contractId, q.contractId), eq(findings.period, q.period), eq(findings.status, "rectified"))),
    db
      .select({ n: count() })
      .from(appeals)
      .where(and(eq(appeals.orgId, q.orgId), eq(appeals.contractId, q.contractId), eq(appeals.period, q.period), eq(appeals.status, "pending"))),
    appealWindowOf(db, { orgId: q.orgId, period: q.period }),
  ]);
  const closesOn = window?.closesOn ?? null;
  return {
    pendingVetoes: vetoes?.n ?? 0,
    awaitingVerification: fixes?.n ?? 0,
    pendingAppeals: pending?.n ?? 0,
    appealWindowClosesOn: closesOn,
    appealWindowOpen: closesOn !== null && q.today <= closesOn,
  };
}

/** What the score page shows of a finding behind a deduction. */
export interface DeductionFinding {
  id: string;
  note: string;
  status: "open" | "rectified" | "verified" | "withdrawn";
  siteName: string;
  gridCellCode: string | null;
  /** The first evidence photo (`/files/:id/thumb`), if any. */
  photoId: string | null;
}

async function deductionFindings(db: Db, orgId: string, ids: string[]): Promise<Record<string, DeductionFinding>> {
  if (ids.length === 0) return {};
  const rows = await db
    .select({
      id: findings.id,
      note: findings.note,
      status: findings.status,
      siteName: sites.name,
      gridCellCode: gridCells.code,
      photoId: sql<string | null>`(select e.id from ${evidenceFiles} e where e.org_id = ${findings.orgId} and e.finding_id = ${findings.id} order by e.uploaded_at, e.id limit 1)`,
    })
    .from(findings)
    .innerJoin(sites, eq(sites.id, findings.siteId))
    .leftJoin(gridCells, eq(gridCells.id, findings.gridCellId))
    // By primary key; `+org_id` keeps the organisation a filter, not an index choice (without
    // statistics SQLite would read every finding of the organisation through an org_id-first index).
    .where(and(sql`+${findings.orgId} = ${orgId}`, inArray(findings.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, r]));
}

export interface QuarterScoreView {
  contract: ScoreContract;
  period: string;
  state: QuarterState;
  /** "live": computed now from the input builder; "snapshot": the latest stored revision. */
  source: "live" | "snapshot";
  asOf: string;
  rubric: Rubric;
  input: QuarterInput;
  score: QuarterScore;
  fee: StoredQuarterFee;
  campaign: QuarterCampaign | null;
  /** Respondents ÷ invites issued; null with an open link, no invites or no campaign (shown "—"). */
  responseRate: number | null;
  /** The findings behind the deductions, by id. */
  findings: Record<string, DeductionFinding>;
  blocks: FinaliseBlocks;
  revisions: Revision[];
  /** The reopening in progress (state "reopened"). */
  reopen: { reason: string | null; at: string | null; byName: string | null } | null;
}

/**
 * The score of a contract's quarter on `today` (the organisation's day):
 * the latest snapshot when finalised; otherwise computed live as of today —
 * or, for a reopened quarter, as of the first finalisation's day, which is
 * what its next revision will be computed with. Null when the contract is not
 * the organisation's.
 * @example const view = await getQuarterScore(db, { orgId, contractId, period: "2026-Q3", today: todayFor(org) });
 */
export async function getQuarterScore(
  db: Db,
  q: { orgId: string; contractId: string; period: string; today: string },
): Promise<QuarterScoreView | null> {
  const contract = await scoreContract(db, q.orgId, q.contractId);
  if (!contract) return null;
  const scope = { orgId: q.orgId, contractId: contract.id, period: q.period };
  const [row, history, blocks] = await Promise.all([quarterRow(db, scope), quarterRevisions(db, scope), finaliseBlocks(db, { ...scope, today: q.today })]);
  const state = quarterStateOn(row?.status, { periodEnd: periodEnd(q.period), today: q.today });
  const asOf = scoringDay(history.revisions[0]?.asOf, q.today);
  let view: Pick<QuarterScoreView, "source" | "asOf" | "rubric" | "input" | "score" | "fee">;
  let campaign: QuarterCampaign | null;
  if (state === "finalised" && history.latest) {
    // The snapshot, never a recomputation: nothing of the input is read again.
    const s = history.latest;
    view = { source: "snapshot", asOf: s.input.asOf, rubric: s.rubric, input: s.input, score: s.output, fee: s.fee };
    campaign = await campaignOf(db, scope);
  } else {
    const built = await buildQuarterInput(db, { ...scope, asOf, contract });
    if (!built) return null;
    const score = scoreQuarter(built.rubric, built.input);
    view = { source: "live", asOf, rubric: built.rubric, input: built.input, score, fee: feeOf(contract, q.period, score) };
    campaign = built.campaign;
  }
  const ids = view.score.dimensions.flatMap((d) => d.deductions.flatMap((x) => (x.findingId ? [x.findingId] : [])));
  const respondents = view.score.satisfaction.respondents;
  const reopenedBy = row?.reopenedBy ? await userName(db, row.reopenedBy) : null;
  return {
    contract,
    period: q.period,
    state,
    ...view,
    campaign,
    responseRate: campaign && !campaign.allowOpenLink && campaign.invitesIssued > 0 ? respondents / campaign.invitesIssued : null,
    findings: await deductionFindings(db, q.orgId, ids),
    blocks,
    revisions: history.revisions,
    reopen: state === "reopened" ? { reason: row?.reopenReason ?? null, at: row?.reopenedAt ?? null, byName: reopenedBy } : null,
  };
}

async function userName(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}
