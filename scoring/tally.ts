/**
 * Survey answers: counting raw responses and checking counted ones.
 */
import { fail, show } from "./errors";
import type { AnswerCounts, Rubric, SurveyTally } from "./types";
import { integer, list, record, validateRubric } from "./validate";

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
  const counts = new Map<string, AnswerCounts>();
  for (let i = 0; i < rs.length; i++) {
    const answers = record(record(rs[i], `responses[${i}]`).answers, `responses[${i}].answers`);
    for (const qid of Object.keys(answers)) {
      const value = answers[qid];
      let row = counts.get(qid);
      if (row === undefined) {
        row = [0, 0, 0, 0, 0];
        counts.set(qid, row);
      }
      if (value === null || value === undefined) continue;
      if (value !== 1 && value !== 2 && value !== 3 && value !== 4 && value !== 5) {
        fail(`responses[${i}].answers.${qid}`, `an answer is a whole number 1..5, got ${show(value)}`);
      }
      row[value - 1] = row[value - 1]! + 1;
    }
  }
  const ids = [...counts.keys()].sort();
  return { respondents: rs.length, questions: Object.fromEntries(ids.map((id) => [id, counts.get(id)!])) };
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
export function validateTally(rubric: Rubric, tally: unknown, basePath = "survey"): SurveyTally {
  const t = record(tally, basePath);
  const respondents = integer(t.respondents, `${basePath}.respondents`);
  if (respondents < 0) fail(`${basePath}.respondents`, `must not be negative, got ${respondents}`);
  const questions = record(t.questions, `${basePath}.questions`);
  const known = new Set(rubric.questionnaire.map((q) => q.id));
  const ids = Object.keys(questions).sort();
  const out: [string, AnswerCounts][] = [];
  for (const id of ids) {
    const p = `${basePath}.questions.${id}`;
    if (!known.has(id)) fail(p, `the questionnaire of ${rubric.id} ${rubric.version} has no question ${show(id)}`);
    const row = list(questions[id], p);
    if (row.length !== 5) fail(p, `expected five counts (answers 1..5), got ${row.length}`);
    let sum = 0;
    const counts = row.map((c, k) => {
      const n = integer(c, `${p}[${k}]`);
      if (n < 0) fail(`${p}[${k}]`, `a count must not be negative, got ${n}`);
      sum += n;
      return n;
    }) as AnswerCounts;
    if (sum > respondents) fail(p, `${sum} answers but only ${respondents} respondents`);
    out.push([id, counts]);
  }
  return { respondents, questions: Object.fromEntries(out) };
}

/** Satisfied answers and all answers of a valid tally (skipped ones excluded). */
export function countAnswers(rubric: Rubric, tally: SurveyTally): { satisfied: number; answered: number } {
  const from = rubric.satisfaction.satisfiedAtOrAbove - 1;
  let satisfied = 0;
  let answered = 0;
  for (const counts of Object.values(tally.questions)) {
    for (let k = 0; k < 5; k++) {
      answered += counts[k]!;
      if (k >= from) satisfied += counts[k]!;
    }
  }
  return { satisfied, answered };
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
  const { satisfied, answered } = countAnswers(r, validateTally(r, tally, "survey"));
  return answered === 0 ? null : satisfied / answered;
}
