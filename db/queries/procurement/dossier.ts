/**
 * The contract dossier (tender file, issue 12): one contract's term with
 * everything a tender file cites. Scores, dimensions, fees and the survey come
 * from the latest snapshot of each finalised quarter (never a live score; the
 * survey figures are the released tallies the snapshot was scored with, never
 * a response); findings, bonuses and vetoes are read from their tables over
 * the whole term, and so are the term's appeals with their outcomes. Only the parts of a snapshot's JSON the dossier shows are
 * extracted by SQLite, so a big quarter's deduction list is never parsed.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { defaultRubric } from "../../../scoring/rubrics/index";
import type { AnswerCounts, LocalisedText, Rubric, Severity, SurveyTally } from "../../../scoring/types";
import { SEVERITIES } from "../../../scoring/types";
import type { Db } from "../../client";
import { bonusEvents, findings, quarterScores, vetoEvents, type StoredQuarterFee } from "../../schema";
import { appealCountsOf, contractAppeals, type AppealCounts, type ProcurementAppeal } from "./appeals";
import { findingMeasureColumns, termContracts, termFindingsOf, termRecords, type TermFindings, type TermQuery, type TermRecord } from "./term";

export interface DossierRevision {
  revision: number;
  total: number;
  grade: TermRecord["quarters"][number]["grade"];
  /** Why this revision exists (the reopen reason); null for the first. */
  reason: string | null;
  createdAt: string;
}

export interface DossierDimension {
  id: string;
  label: LocalisedText;
  points: number;
  max: number;
}

/** A counted quarter's detail, from its latest snapshot. */
export interface DossierQuarter {
  period: string;
  /** Every stored revision, oldest first; more than one means the quarter was corrected. */
  revisions: DossierRevision[];
  dimensions: DossierDimension[];
  fee: StoredQuarterFee;
}

export interface DossierFindingGroup extends TermFindings {
  itemId: string;
  label: LocalisedText;
  severity: Severity;
}

export interface DossierQuestion {
  id: string;
  label: LocalisedText;
  /** Answers over the counted quarters (a question may be skipped). */
  answered: number;
  /** Mean answer 1..5; null without answers. */
  mean: number | null;
  /** Share of answers at or above the rubric's "satisfied" value; null without answers. */
  satisfiedShare: number | null;
}

export interface DossierEvent {
  kind: "bonus" | "veto";
  period: string;
  itemId: string;
  label: LocalisedText;
  occurredOn: string;
  note: string;
}

export interface ContractDossier {
  record: TermRecord;
  /** The counted quarters' details, oldest first. */
  quarters: DossierQuarter[];
  /** Each dimension's mean points over the counted quarters (by the latest rubric's dimensions). */
  dimensionAverages: { id: string; label: LocalisedText; max: number; average: number }[];
  /** Findings of the term by item and severity, most first. */
  findingsByItem: DossierFindingGroup[];
  /** Per question over the counted quarters' released tallies. */
  questions: DossierQuestion[];
  /** Counted bonuses and confirmed vetoes, by day. */
  events: DossierEvent[];
  /** The appeals of the term (issue 14), by quarter and day filed, with their outcomes — every quarter's, counted or not. */
  appeals: ProcurementAppeal[];
  appealCounts: AppealCounts;
}

/**
 * The dossier of one contract; null when it is not the organisation's.
 * @example const d = await contractDossier(db, { orgId, contractId, today, policy });
 */
export async function contractDossier(db: Db, q: TermQuery & { contractId: string }): Promise<ContractDossier | null> {
  const given = await termContracts(db, { orgId: q.orgId, contractIds: [q.contractId] });
  const record = (await termRecords(db, given, q)).get(q.contractId);
  if (!record) return null;
  const counted = new Set(record.quarters.filter((x) => x.counted).map((x) => x.period));
  const [snapshots, groups, events, appeals] = await Promise.all([
    snapshotParts(db, q.orgId, q.contractId),
    findingGroups(db, { orgId: q.orgId, contractId: q.contractId, today: q.today }),
    termEvents(db, q.orgId, q.contractId),
    contractAppeals(db, { orgId: q.orgId, contractId: q.contractId }),
  ]);

  const latest = new Map<string, (typeof snapshots)[number]>();
  const revisions = new Map<string, DossierRevision[]>();
  for (const s of snapshots) {
    if (!counted.has(s.period)) continue;
    latest.set(s.period, s); // rows come oldest revision first
    const list = revisions.get(s.period) ?? [];
    list.push({ revision: s.revision, total: s.total, grade: s.grade, reason: s.reason, createdAt: s.createdAt });
    revisions.set(s.period, list);
  }
  const counts = [...latest.values()];
  const labels = labelsOf(defaultRubric(record.contract.serviceType), counts.map((s) => s.rubric));

  const quarters: DossierQuarter[] = counts.map((s) => ({
    period: s.period,
    revisions: revisions.get(s.period) ?? [],
    dimensions: s.dimensions.map((d) => ({ id: d.id, label: s.rubric.dimensions.find((r) => r.id === d.id)?.label ?? { "zh-CN": d.id, en: d.id }, points: d.points, max: d.max })),
    fee: s.fee,
  }));

  return {
    record,
    quarters,
    dimensionAverages: dimensionAverages(quarters),
    findingsByItem: groups.map((g) => ({ ...termFindingsOf(g), itemId: g.itemId, severity: g.severity, label: labels.items.get(g.itemId) ?? { "zh-CN": g.itemId, en: g.itemId } })),
    questions: questionsOf(counts, labels.questions),
    events: events.map((e) => ({
      ...e,
      label: (e.kind === "bonus" ? labels.bonuses : labels.vetoes).get(e.itemId) ?? { "zh-CN": e.itemId, en: e.itemId },
    })),
    // The newest wording of the contested item, as the findings and events above.
    appeals: appeals.map((a) => ({ ...a, itemLabel: a.itemId === null ? null : ((a.target === "veto" ? labels.vetoes : labels.items).get(a.itemId) ?? a.itemLabel) })),
    appealCounts: appealCountsOf(appeals),
  };
}

/** Every revision of the contract's snapshots, oldest first, with only the parts the dossier shows. */
async function snapshotParts(db: Db, orgId: string, contractId: string) {
  const rows = await db
    .select({
      period: quarterScores.period,
      revision: quarterScores.revision,
      total: quarterScores.total,
      grade: quarterScores.grade,
      reason: quarterScores.reason,
      createdAt: quarterScores.createdAt,
      dimensions: sql<string>`json_extract(${quarterScores.output}, '$.dimensions')`,
      survey: sql<string>`json_extract(${quarterScores.input}, '$.survey')`,
      rubricDimensions: sql<string>`json_extract(${quarterScores.rubric}, '$.dimensions')`,
      rubricRest: sql<string>`json_object('questionnaire', json_extract(${quarterScores.rubric}, '$.questionnaire'), 'bonusItems', json_extract(${quarterScores.rubric}, '$.bonusItems'), 'vetoItems', json_extract(${quarterScores.rubric}, '$.vetoItems'), 'satisfaction', json_extract(${quarterScores.rubric}, '$.satisfaction'))`,
      fee: quarterScores.fee,
    })
    .from(quarterScores)
    .where(and(eq(quarterScores.orgId, orgId), eq(quarterScores.contractId, contractId)))
    .orderBy(asc(quarterScores.period), asc(quarterScores.revision));
  return rows.map((r) => {
    const rest = JSON.parse(r.rubricRest) as Pick<Rubric, "questionnaire" | "bonusItems" | "vetoItems" | "satisfaction">;
    return {
      ...r,
      dimensions: JSON.parse(r.dimensions) as { id: string; points: number; max: number }[],
      survey: JSON.parse(r.survey) as SurveyTally,
      rubric: { dimensions: JSON.parse(r.rubricDimensions) as Rubric["dimensions"], ...rest },
    };
  });
}

type RubricLabels = Pick<Rubric, "dimensions" | "questionnaire" | "bonusItems" | "vetoItems">;

/**
 * Item, question, bonus and veto labels: the built-in rubric fills the gaps,
 * the stored rubrics (oldest first) overwrite it, so the newest wording wins.
 */
function labelsOf(fallback: RubricLabels, stored: RubricLabels[]) {
  const items = new Map<string, LocalisedText>();
  const questions = new Map<string, LocalisedText>();
  const bonuses = new Map<string, LocalisedText>();
  const vetoes = new Map<string, LocalisedText>();
  for (const r of [fallback, ...stored]) {
    for (const d of r.dimensions) for (const i of d.items) items.set(i.id, i.label);
    for (const x of r.questionnaire) questions.set(x.id, x.label);
    for (const x of r.bonusItems) bonuses.set(x.id, x.label);
    for (const x of r.vetoItems) vetoes.set(x.id, x.label);
  }
  return { items, questions, bonuses, vetoes };
}

function dimensionAverages(quarters: DossierQuarter[]): ContractDossier["dimensionAverages"] {
  const last = quarters.at(-1);
  if (!last) return [];
  return last.dimensions.map((d) => {
    const points = quarters.map((x) => x.dimensions.find((y) => y.id === d.id)?.points).filter((p): p is number => p !== undefined);
    const average = Math.round((points.reduce((a, b) => a + b, 0) / points.length) * 10) / 10;
    return { id: d.id, label: d.label, max: d.max, average };
  });
}

/** Sums the counted quarters' released tallies per question. */
function questionsOf(snapshots: { survey: SurveyTally; rubric: Pick<Rubric, "satisfaction"> }[], labels: Map<string, LocalisedText>): DossierQuestion[] {
  const sums = new Map<string, { counts: AnswerCounts; satisfied: number }>();
  for (const s of snapshots) {
    const from = s.rubric.satisfaction.satisfiedAtOrAbove - 1;
    for (const [id, counts] of Object.entries(s.survey.questions)) {
      const sum = sums.get(id) ?? { counts: [0, 0, 0, 0, 0], satisfied: 0 };
      counts.forEach((n, k) => {
        sum.counts[k] = (sum.counts[k] ?? 0) + n;
        if (k >= from) sum.satisfied += n;
      });
      sums.set(id, sum);
    }
  }
  const order = [...labels.keys()];
  return [...sums.entries()]
    .sort(([a], [b]) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0))
    .map(([id, { counts, satisfied }]) => {
      const answered = counts.reduce((a, b) => a + b, 0);
      const mean = answered === 0 ? null : Math.round((counts.reduce((a, n, k) => a + n * (k + 1), 0) / answered) * 100) / 100;
      return { id, label: labels.get(id) ?? { "zh-CN": id, en: id }, answered, mean, satisfiedShare: answered === 0 ? null : satisfied / answered };
    });
}

/** The term's findings (not withdrawn) by item and severity, with {@link findingMeasureColumns}. */
async function findingGroups(db: Db, q: { orgId: string; contractId: string; today: string }) {
  const rows = await db
    .select({ itemId: findings.itemId, severity: findings.severity, ...findingMeasureColumns(q.today) })
    .from(findings)
    .where(and(eq(findings.orgId, q.orgId), eq(findings.contractId, q.contractId), ne(findings.status, "withdrawn")))
    .groupBy(findings.itemId, findings.severity);
  return rows.sort((a, b) => b.total - a.total || a.itemId.localeCompare(b.itemId) || SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
}

async function termEvents(db: Db, orgId: string, contractId: string): Promise<Omit<DossierEvent, "label">[]> {
  const [bonuses, vetoes] = await Promise.all([
    db
      .select({ period: bonusEvents.period, itemId: bonusEvents.itemId, occurredOn: bonusEvents.occurredOn, note: bonusEvents.note })
      .from(bonusEvents)
      .where(and(eq(bonusEvents.orgId, orgId), eq(bonusEvents.contractId, contractId), eq(bonusEvents.status, "counted"))),
    db
      .select({ period: vetoEvents.period, itemId: vetoEvents.itemId, occurredOn: vetoEvents.occurredOn, note: vetoEvents.note })
      .from(vetoEvents)
      .where(and(eq(vetoEvents.orgId, orgId), eq(vetoEvents.contractId, contractId), eq(vetoEvents.status, "confirmed"))),
  ]);
  return [...bonuses.map((b) => ({ kind: "bonus" as const, ...b })), ...vetoes.map((v) => ({ kind: "veto" as const, ...v }))].sort((a, b) =>
    a.occurredOn.localeCompare(b.occurredOn),
  );
}
