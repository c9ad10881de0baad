/**
 * What-if re-scoring: finalised quarters scored again under a draft rubric,
 * side by side with their finalised scores, and each contract's renewal
 * recommendation under both. Pure: nothing is stored or read.
 */
import { comparePeriods } from "./dates";
import { ScoringInputError } from "./errors";
import { recommendRenewal, type RenewalQuarter } from "./renewal";
import { scoreQuarterSummary } from "./score";
import type { Grade, Period, QuarterInput, RenewalPolicy, RenewalRecommendation, Rubric } from "./types";
import { checkRubric, type CheckedRubric } from "./validate";

/** A finalised quarter as stored: its scoring input and what it was finalised with. */
export interface WhatIfQuarter {
  contractId: string;
  period: Period;
  input: QuarterInput;
  finalised: { total: number; grade: Grade; vetoed: boolean; provisional: boolean };
}

/** One quarter: its finalised score, its score under the draft, and the findings the draft could not score. */
export interface WhatIfRow {
  contractId: string;
  period: Period;
  before: { total: number; grade: Grade };
  after: { total: number; grade: Grade };
  /** after.total − before.total, to 0.1. */
  change: number;
  /** Findings of items the draft does not have, left out. */
  removedFindings: number;
}

export interface WhatIfResult {
  /** By |change|, largest first, then contract id, then period. */
  rows: WhatIfRow[];
  /** Σ rows' removedFindings. */
  removedFindings: number;
  /** By contract id: the recommendation over its finalised quarters, and over the same quarters re-scored. */
  contracts: { contractId: string; before: RenewalRecommendation; after: RenewalRecommendation }[];
}

/**
 * Re-scores every given finalised quarter under `draft` with `scoreQuarterSummary` (the totals `scoreQuarter` gives, without the deductions' texts).
 * The draft is validated once (a `ScoringInputError` with the draft's own
 * path, e.g. `"dimensions[1].max"`). Each quarter's input is first fitted to
 * the draft: findings, bonuses and vetoes of items the draft does not have
 * are left out (the findings counted in `removedFindings`), and the answers
 * to questions it does not have are dropped from the tally (respondents
 * unchanged; a new question simply has no answers). A quarter whose input
 * still fails throws a `ScoringInputError` at `"quarters[i].input.<path>"`.
 * `policy` is passed to `recommendRenewal` for both recommendations.
 * Never changes its arguments.
 *
 * @example
 * const result = whatIfRescore(draft, await whatIfQuarters(db, { orgId, serviceType: "catering" }));
 * result.rows[0]; // { contractId, period, before: { total: 92.5, grade: "excellent" }, after: { total: 88, grade: "good" }, change: -4.5, removedFindings: 0 }
 */
export function whatIfRescore(draft: Rubric, quarters: readonly WhatIfQuarter[], policy: Partial<RenewalPolicy> = {}): WhatIfResult {
  const checked = checkRubric(draft);
  // Frozen, so scoring validates it on the first quarter only.
  const rubric = deepFreeze(checked.rubric);
  const rows: WhatIfRow[] = [];
  const histories = new Map<string, { before: RenewalQuarter[]; after: RenewalQuarter[] }>();
  let removedFindings = 0;
  quarters.forEach((q, i) => {
    const { input, removed } = fitInput(checked, q.input);
    let score;
    try {
      score = scoreQuarterSummary(rubric, input);
    } catch (e) {
      if (e instanceof ScoringInputError) {
        throw new ScoringInputError(e.path === "" ? `quarters[${i}].input` : `quarters[${i}].input.${e.path}`, e.message);
      }
      throw e;
    }
    const f = q.finalised;
    rows.push({
      contractId: q.contractId,
      period: q.period,
      before: { total: f.total, grade: f.grade },
      after: { total: score.total, grade: score.grade },
      change: Math.round((score.total - f.total) * 10) / 10,
      removedFindings: removed,
    });
    removedFindings += removed;
    const history = histories.get(q.contractId) ?? { before: [], after: [] };
    history.before.push({ period: q.period, total: f.total, grade: f.grade, vetoed: f.vetoed, provisional: f.provisional });
    history.after.push({ period: q.period, total: score.total, grade: score.grade, vetoed: score.vetoed, provisional: score.provisional });
    histories.set(q.contractId, history);
  });
  rows.sort(
    (a, b) =>
      Math.abs(b.change) - Math.abs(a.change) || compareText(a.contractId, b.contractId) || comparePeriods(a.period, b.period),
  );
  const contracts = [...histories.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([contractId, h]) => ({
      contractId,
      before: recommendRenewal(h.before, policy),
      after: recommendRenewal(h.after, policy),
    }));
  return { rows, removedFindings, contracts };
}

/** A copy of `input` with only what the draft knows; `removed` counts the findings left out. */
function fitInput(checked: CheckedRubric, input: QuarterInput): { input: QuarterInput; removed: number } {
  const findings = Array.isArray(input.findings) ? input.findings.filter((f) => checked.items.has(f?.itemId)) : input.findings;
  const removed = Array.isArray(input.findings) ? input.findings.length - findings.length : 0;
  const out: QuarterInput = { ...input, findings };
  if (Array.isArray(input.bonuses)) out.bonuses = input.bonuses.filter((b) => checked.bonusItems.has(b?.itemId));
  if (Array.isArray(input.vetoes)) out.vetoes = input.vetoes.filter((v) => checked.vetoItems.has(v?.itemId));
  const survey = input.survey;
  if (typeof survey === "object" && survey !== null && typeof survey.questions === "object" && survey.questions !== null) {
    const questions = Object.fromEntries(Object.entries(survey.questions).filter(([id]) => checked.questions.has(id)));
    out.survey = { ...survey, questions };
  }
  return { input: out, removed };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
