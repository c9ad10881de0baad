/**
 * Survey answers: counting raw responses and checking counted ones.
 */
import { fail, show } from "./errors";
import type { AnswerCounts, Rubric, SurveyTally } from "./types";
import { integer, list, record } from "./read";
import { validateRubric } from "./validate";

/** One anonymous survey response: question id → answer 1..5, or null when skipped. */
export interface SurveyResponse {
  answers: Readonly<Record<string, number | null | undefined>>;
}

/**
 * Counts raw survey responses into a tally. Every response is a respondent;
 * a `null` or missing answer is a skipped question; anything else must be a
 * whole number 1..5, or a `ScoringInputError` is thrown at
 * `"responses[i].answers.<questionId>"`. Question ids are not checked here
 * (the rubric does that when the tally is scored).
 *
 * @example
 * tallyResponses([{ answers: { q1: 5, q2: null } }, { answers: { q1: 3 } }]);
 * // { respondents: 2, questions: { q1: [0, 0, 1, 0, 1], q2: [0, 0, 0, 0, 0] } }
 */
export function tallyResponses(responses: readonly SurveyResponse[]): SurveyTally {
  const rs = list(responses, "responses");
  const rows = new RowsByPosition();
  for (let i = 0; i < rs.length; i++) {
    const response: unknown = rs[i];
    const given = typeof response === "object" && response !== null ? (response as { answers?: unknown }).answers : undefined;
    let answers =
      typeof given === "object" && given !== null && !Array.isArray(given)
        ? (given as Record<string, unknown>)
        : record(record(response, `responses[${i}]`).answers, `responses[${i}].answers`);
    const proto: unknown = Object.getPrototypeOf(answers);
    if (proto !== Object.prototype && proto !== null) answers = { ...answers }; // own keys only below
    let k = 0;
    for (const qid in answers) {
      const row = rows.keyAt[k] === qid ? rows.rowAt[k]! : rows.resolve(qid, k);
      k++;
      const value = answers[qid];
      if (typeof value === "number") {
        const v = value - 1;
        if (v >>> 0 === v && v <= 4) {
          row[v]! += 1;
          continue;
        }
      } else if (value === null || value === undefined) {
        continue; // skipped
      }
      fail(`responses[${i}].answers.${qid}`, `an answer is a whole number 1..5, got ${show(value)}`);
    }
  }
  const ids = [...rows.counts.keys()].sort();
  return { respondents: rs.length, questions: Object.fromEntries(ids.map((id) => [id, rows.counts.get(id)!])) };
}

/**
 * Answer counts by question id. Responses usually list the same questions in
 * the same order, so the row of the question last seen at each position is
 * remembered and looked up only when the key there changes.
 */
class RowsByPosition {
  readonly counts = new Map<string, AnswerCounts>();
  readonly keyAt: string[] = [];
  readonly rowAt: AnswerCounts[] = [];

  resolve(qid: string, position: number): AnswerCounts {
    let row = this.counts.get(qid);
    if (row === undefined) this.counts.set(qid, (row = [0, 0, 0, 0, 0]));
    this.keyAt[position] = qid;
    this.rowAt[position] = row;
    return row;
  }
}

/**
 * Checks a tally against a (valid) rubric and returns a fresh copy with the
 * question ids in sorted order. Paths start with `basePath`:
 * `"survey.respondents"` (a whole number ≥ 0), `"survey.questions.q1"` (a
 * question the questionnaire has, five counts, no more answers than
 * respondents), `"survey.questions.q1[2]"` (a whole number ≥ 0).
 *
 * @example
 * const tally = validateTally(rubric, input.survey, "survey");
 */
export function validateTally(
  rubric: Rubric,
  tally: unknown,
  basePath = "survey",
  known: ReadonlySet<string> = questionIds(rubric),
): SurveyTally {
  const rows: [string, AnswerCounts][] = [];
  const { respondents } = checkTally(rubric, tally, basePath, known, rows);
  return { respondents, questions: Object.fromEntries(rows) };
}

/** What scoring needs of a tally. */
export interface TallyTotals {
  respondents: number;
  /** Answers at or above the rubric's `satisfiedAtOrAbove`. */
  satisfied: number;
  /** All answers, skipped questions excluded. */
  answered: number;
}

/**
 * Checks a tally as {@link validateTally} does and adds it up; with `rows`,
 * also collects a copy of each question's counts, in question-id order
 * (internal).
 *
 * @example
 * checkTally(rubric, { respondents: 3, questions: { q1: [0, 0, 1, 1, 1] } }, "survey", questionIds(rubric));
 * // { respondents: 3, satisfied: 2, answered: 3 } when satisfiedAtOrAbove is 4
 */
export function checkTally(
  rubric: Rubric,
  tally: unknown,
  basePath: string,
  known: ReadonlySet<string>,
  rows?: [string, AnswerCounts][],
): TallyTotals {
  const t = record(tally, basePath);
  const respondents = integer(t.respondents, basePath, ".respondents");
  if (respondents < 0) fail(`${basePath}.respondents`, `must not be negative, got ${respondents}`);
  const questions = record(t.questions, basePath, ".questions");
  const from = rubric.satisfaction.satisfiedAtOrAbove - 1;
  let satisfied = 0;
  let answered = 0;
  for (const id of Object.keys(questions).sort()) {
    if (!known.has(id)) fail(questionPath(basePath, id), `the questionnaire of ${rubric.id} ${rubric.version} has no question ${show(id)}`);
    const row = questions[id];
    if (!Array.isArray(row) || row.length !== 5) fail(questionPath(basePath, id), `expected five counts (answers 1..5), got ${show(row)}`);
    let sum = 0;
    for (let k = 0; k < 5; k++) {
      const n: unknown = row[k];
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
        fail(questionPath(basePath, id, `[${k}]`), `a count is a whole number ≥ 0, got ${show(n)}`);
      }
      sum += n;
      if (k >= from) satisfied += n;
    }
    if (sum > respondents) fail(questionPath(basePath, id), `${sum} answers but only ${respondents} respondents`);
    answered += sum;
    rows?.push([id, [row[0], row[1], row[2], row[3], row[4]] as AnswerCounts]);
  }
  return { respondents, satisfied, answered };
}

/**
 * The ids of a rubric's questionnaire.
 *
 * @example
 * questionIds(rubric).has("q1");
 */
export function questionIds(rubric: Rubric): Set<string> {
  return new Set(rubric.questionnaire.map((q) => q.id));
}

function questionPath(basePath: string, id: string, suffix = ""): string {
  return `${basePath}.questions.${id}${suffix}`;
}

/**
 * Satisfied answers ÷ all answers, pooled over the questions (0..1), or
 * `null` when nobody answered anything. Validates both arguments; errors in
 * the tally have paths such as `"survey.questions.q1[2]"`.
 *
 * @example
 * satisfactionRate(rubric, { respondents: 2, questions: { q1: [0, 0, 1, 0, 1] } }); // 0.5
 */
export function satisfactionRate(rubric: Rubric, tally: SurveyTally): number | null {
  const r = validateRubric(rubric);
  const { satisfied, answered } = checkTally(r, tally, "survey", questionIds(r));
  return answered === 0 ? null : satisfied / answered;
}
