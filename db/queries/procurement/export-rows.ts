/**
 * The rows of procurement's exports (issue 12), for one contract or the whole
 * organisation, as async generators that read a page at a time by keyset
 * (the last row's sort key, never an OFFSET), so an export holds one page in
 * memory however large the organisation is.
 *
 * Scores and survey tallies come from the latest snapshot of each counted
 * quarter (finalised, or reopened on its latest revision: ADR 007) — the
 * quarter row's revision names it, so no max() per row. The survey rows are
 * the released tallies the snapshot was scored with (`input.survey`, never a
 * response), expanded by SQLite's json_each so the snapshot's JSON is never
 * parsed in JS. Findings are every finding that is not withdrawn. Appeals
 * (issue 14) are every appeal, with the contested item, the reasons and the
 * outcome — never the filer or the evidence.
 */
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type {
  AppealOutcome,
  AppealState,
  AppealTarget,
} from "../../../domain/appeals";
import type { FindingState } from "../../../domain/findings";
import type {
  Grade,
  LocalisedText,
  ServiceType,
  Severity,
} from "../../../scoring/types";
import type { Db } from "../../client";
import {
  appeals,
  contractors,
  contractQuarters,
  contracts,
  findings,
  quarterScores,
  vetoEvents,
} from "../../schema";
import { itemLabeller } from "../item-labels";

export interface ExportScope {
  orgId: string;
  /** One contract's rows; all of the organisation's without. */
  contractId?: string;
  /** Rows per page (1,000 unless given; tests use small pages to cross page ends). */
  pageSize?: number;
}

export interface ScoreExportRow {
  contractId: string;
  contractTitle: string;
  contractorName: string;
  serviceType: ServiceType;
  period: string;
  revision: number;
  total: number;
  grade: Grade;
  satisfactionRate: number | null;
  respondents: number;
  provisional: boolean;
  vetoed: boolean;
  deductedFen: number;
}

export interface FindingExportRow {
  id: string;
  contractId: string;
  contractTitle: string;
  period: string;
  foundOn: string;
  itemId: string;
  /** The built-in rubric's label of the item; null for an item it does not have. */
  itemLabel: LocalisedText | null;
  severity: Severity;
  status: FindingState;
  dueOn: string;
  rectifiedOn: string | null;
  verifiedOn: string | null;
  /** Marked as a repeat and the mark not cleared. */
  repeat: boolean;
  /** The inspector's text, as typed. */
  note: string;
}

export interface SurveyExportRow {
  contractId: string;
  contractTitle: string;
  period: string;
  questionId: string;
  /** The question's wording in the rubric the quarter was scored with. */
  label: LocalisedText | null;
  answered: number;
  /** Answers of the values 1..5. */
  counts: [number, number, number, number, number];
  /** Share of answers at or above the rubric's "satisfied" value; null without answers. */
  satisfiedShare: number | null;
}

export interface AppealExportRow {
  id: string;
  contractId: string;
  contractTitle: string;
  period: string;
  filedOn: string;
  target: AppealTarget;
  itemId: string | null;
  /** The built-in rubric's label of the contested item; null for an item it does not have. */
  itemLabel: LocalisedText | null;
  /** The contractor's reason and the supervisor's, as typed. */
  reason: string;
  status: AppealState;
  outcome: AppealOutcome | null;
  severityFrom: Severity | null;
  severityTo: Severity | null;
  decisionReason: string | null;
  decidedOn: string | null;
}

const PAGE = 1000;

/** The quarter's latest snapshot, if counted: the quarter row is finalised or reopened on that revision. */
const countedSnapshot = and(
  eq(contractQuarters.orgId, quarterScores.orgId),
  eq(contractQuarters.contractId, quarterScores.contractId),
  eq(contractQuarters.period, quarterScores.period),
  eq(contractQuarters.revision, quarterScores.revision),
  inArray(contractQuarters.status, ["finalised", "reopened"])
);

/** `(a, b) > (x, y)`: the keyset condition after the last row read. */
const after = (columns: SQL[], last: unknown[] | null) =>
  last
    ? sql`(${sql.join(columns, sql`, `)}) > (${sql.join(
        last.map((v) => sql`${v}`),
        sql`, `
      )})`
    : undefined;

/** The scope's snapshots after the key `last`; with {@link SNAPSHOT_ORDER} and {@link snapshotKey}, the snapshots' keyset (the (org, contract, period) index). */
const snapshotsAfter = (q: ExportScope, last: unknown[] | null) =>
  and(
    eq(quarterScores.orgId, q.orgId),
    q.contractId === undefined
      ? undefined
      : eq(quarterScores.contractId, q.contractId),
    after(
      [sql`${quarterScores.contractId}`, sql`${quarterScores.period}`],
      last
    )
  );
const SNAPSHOT_ORDER = [
  asc(quarterScores.contractId),
  asc(quarterScores.period),
] as const;
const snapshotKey = (r: { contractId: string; period: string }) => [
  r.contractId,
  r.period,
];

/**
 * Pages of `read(last)` until one comes back short: `read` returns the page
 * after the key `last` (null for the first), `keyOf` a row's key.
 */
async function* keyset<T>(
  pageSize: number,
  read: (last: unknown[] | null, limit: number) => Promise<T[]>,
  keyOf: (row: T) => unknown[]
): AsyncGenerator<T> {
  let last: unknown[] | null = null;
  for (;;) {
    const page = await read(last, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    last = keyOf(page.at(-1)!);
  }
}

/**
 * The latest revision of each counted quarter, by contract then quarter.
 * @example for await (const row of quarterScoreRows(db, { orgId })) …
 */
export function quarterScoreRows(
  db: Db,
  q: ExportScope
): AsyncGenerator<ScoreExportRow> {
  return keyset(
    q.pageSize ?? PAGE,
    (last, limit) =>
      db
        .select({
          contractId: quarterScores.contractId,
          contractTitle: contracts.title,
          contractorName: contractors.name,
          serviceType: contracts.serviceType,
          period: quarterScores.period,
          revision: quarterScores.revision,
          total: quarterScores.total,
          grade: quarterScores.grade,
          satisfactionRate: quarterScores.satisfactionRate,
          respondents: quarterScores.respondents,
          provisional: quarterScores.provisional,
          vetoed: quarterScores.vetoed,
          deductedFen: quarterScores.deductedFen,
        })
        .from(quarterScores)
        .innerJoin(contractQuarters, countedSnapshot)
        .innerJoin(
          contracts,
          and(
            eq(contracts.id, quarterScores.contractId),
            eq(contracts.orgId, q.orgId)
          )
        )
        .innerJoin(
          contractors,
          and(
            eq(contractors.id, contracts.contractorId),
            eq(contractors.orgId, q.orgId)
          )
        )
        .where(snapshotsAfter(q, last))
        .orderBy(...SNAPSHOT_ORDER)
        .limit(limit),
    snapshotKey
  );
}

/**
 * Findings that are not withdrawn, by day found (then id).
 * @example for await (const row of findingRows(db, { orgId, contractId })) …
 */
export async function* findingRows(
  db: Db,
  q: ExportScope
): AsyncGenerator<FindingExportRow> {
  const labelOf = itemLabeller(db, q.orgId);
  const rows = keyset(
    q.pageSize ?? PAGE,
    (last, limit) =>
      db
        .select({
          id: findings.id,
          contractId: findings.contractId,
          contractTitle: contracts.title,
          serviceType: contracts.serviceType,
          rubricVersionId: contracts.rubricVersionId,
          period: findings.period,
          foundOn: findings.foundOn,
          itemId: findings.itemId,
          severity: findings.severity,
          status: findings.status,
          dueOn: findings.dueOn,
          rectifiedOn: findings.rectifiedOn,
          verifiedOn: findings.verifiedOn,
          repeat: sql<number>`${findings.repeatOfId} is not null and ${findings.repeatClearedReason} is null`,
          note: findings.note,
        })
        .from(findings)
        .innerJoin(
          contracts,
          and(
            eq(contracts.id, findings.contractId),
            eq(contracts.orgId, q.orgId)
          )
        )
        .where(
          and(
            eq(findings.orgId, q.orgId),
            q.contractId === undefined
              ? undefined
              : eq(findings.contractId, q.contractId),
            ne(findings.status, "withdrawn"),
            after([sql`${findings.foundOn}`, sql`${findings.id}`], last)
          )
        )
        .orderBy(asc(findings.foundOn), asc(findings.id))
        .limit(limit),
    (r) => [r.foundOn, r.id]
  );
  for await (const { serviceType, rubricVersionId, repeat, ...r } of rows)
    yield {
      ...r,
      itemLabel: await labelOf({ serviceType, rubricVersionId }, r.itemId),
      repeat: Boolean(repeat),
    };
}

/**
 * The released tallies per counted quarter and question, by contract, quarter
 * and the questionnaire's order. Pages are of snapshots (each gives one row per question).
 * @example for await (const row of surveyTallyRows(db, { orgId })) …
 */
export async function* surveyTallyRows(
  db: Db,
  q: ExportScope
): AsyncGenerator<SurveyExportRow> {
  const snapshots = keyset(
    Math.max(1, Math.floor((q.pageSize ?? PAGE) / 10)),
    (last, limit) =>
      db
        .select({
          id: quarterScores.id,
          contractId: quarterScores.contractId,
          period: quarterScores.period,
        })
        .from(quarterScores)
        .innerJoin(contractQuarters, countedSnapshot)
        .where(snapshotsAfter(q, last))
        .orderBy(...SNAPSHOT_ORDER)
        .limit(limit),
    snapshotKey
  );
  let batch: string[] = [];
  for await (const s of snapshots) {
    batch.push(s.id);
    if (batch.length === 100) {
      yield* await tallyRowsOf(db, q.orgId, batch);
      batch = [];
    }
  }
  if (batch.length) yield* await tallyRowsOf(db, q.orgId, batch);
}

interface RawTally {
  contract_id: string;
  title: string;
  period: string;
  question_id: string;
  label: string | null;
  v1: number;
  v2: number;
  v3: number;
  v4: number;
  v5: number;
  satisfied_from: number;
}

/** The tally rows of the snapshots `ids` (the organisation's), one per question, in the stored order. */
async function tallyRowsOf(
  db: Db,
  orgId: string,
  ids: string[]
): Promise<SurveyExportRow[]> {
  const rows = await db.all<RawTally>(sql`
    SELECT s.contract_id, c.title, s.period, q.key AS question_id,
      (SELECT json_extract(x.value, '$.label') FROM json_each(s.rubric, '$.questionnaire') x WHERE json_extract(x.value, '$.id') = q.key) AS label,
      json_extract(q.value, '$[0]') AS v1, json_extract(q.value, '$[1]') AS v2, json_extract(q.value, '$[2]') AS v3,
      json_extract(q.value, '$[3]') AS v4, json_extract(q.value, '$[4]') AS v5,
      json_extract(s.rubric, '$.satisfaction.satisfiedAtOrAbove') AS satisfied_from
    FROM ${quarterScores} s
    JOIN ${contracts} c ON c.id = s.contract_id AND c.org_id = ${orgId},
      json_each(s.input, '$.survey.questions') q
    WHERE s.org_id = ${orgId} AND s.id IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `
  )})
    ORDER BY s.contract_id, s.period, q.id`);
  return rows.map((r) => {
    const counts: SurveyExportRow["counts"] = [
      r.v1 ?? 0,
      r.v2 ?? 0,
      r.v3 ?? 0,
      r.v4 ?? 0,
      r.v5 ?? 0,
    ];
    const answered = counts.reduce((a, b) => a + b, 0);
    const satisfied = counts
      .slice(Math.max(0, r.satisfied_from - 1))
      .reduce((a, b) => a + b, 0);
    return {
      contractId: r.contract_id,
      contractTitle: r.title,
      period: r.period,
      questionId: r.question_id,
      label: r.label === null ? null : (JSON.parse(r.label) as LocalisedText),
      answered,
      counts,
      satisfiedShare: answered === 0 ? null : satisfied / answered,
    };
  });
}

/**
 * Every appeal of the scope, by day filed (then id), with the contested item.
 * @example for await (const row of appealRows(db, { orgId, contractId })) …
 */
export async function* appealRows(
  db: Db,
  q: ExportScope
): AsyncGenerator<AppealExportRow> {
  const labelOf = itemLabeller(db, q.orgId);
  const rows = keyset(
    q.pageSize ?? PAGE,
    (last, limit) =>
      db
        .select({
          id: appeals.id,
          contractId: appeals.contractId,
          contractTitle: contracts.title,
          serviceType: contracts.serviceType,
          rubricVersionId: contracts.rubricVersionId,
          period: appeals.period,
          filedOn: appeals.filedOn,
          target: appeals.target,
          itemId: sql<
            string | null
          >`coalesce(${findings.itemId}, ${vetoEvents.itemId})`,
          reason: appeals.reason,
          status: appeals.status,
          outcome: appeals.outcome,
          severityFrom: appeals.severityFrom,
          severityTo: appeals.severityTo,
          decisionReason: appeals.decisionReason,
          decidedOn: appeals.decidedOn,
        })
        .from(appeals)
        .innerJoin(
          contracts,
          and(
            eq(contracts.id, appeals.contractId),
            eq(contracts.orgId, q.orgId)
          )
        )
        .leftJoin(
          findings,
          and(eq(findings.id, appeals.findingId), eq(findings.orgId, q.orgId))
        )
        .leftJoin(
          vetoEvents,
          and(
            eq(vetoEvents.id, appeals.vetoEventId),
            eq(vetoEvents.orgId, q.orgId)
          )
        )
        .where(
          and(
            eq(appeals.orgId, q.orgId),
            q.contractId === undefined
              ? undefined
              : eq(appeals.contractId, q.contractId),
            after([sql`${appeals.filedOn}`, sql`${appeals.id}`], last)
          )
        )
        .orderBy(asc(appeals.filedOn), asc(appeals.id))
        .limit(limit),
    (r) => [r.filedOn, r.id]
  );
  for await (const { serviceType, rubricVersionId, ...r } of rows)
    yield {
      ...r,
      itemLabel: await labelOf({ serviceType, rubricVersionId }, r.itemId),
    };
}
