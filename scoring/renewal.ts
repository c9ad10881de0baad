/**
 * The renewal recommendation over a contract term's quarter scores.
 */
import { assertPeriod, isConsecutive, periodIndex } from "./dates";
import { divRoundHalfUp, formatUnits, toUnits } from "./decimal";
import { fail, show } from "./errors";
import {
  GRADES,
  type Decision,
  type Period,
  type QuarterScore,
  type RenewalPolicy,
  type RenewalReason,
  type RenewalRecommendation,
} from "./types";
import { finite, integer, record } from "./read";

/**
 * The policy used for every field `recommendRenewal` is not given.
 *
 * @example
 * recommendRenewal(history, { ...DEFAULT_RENEWAL_POLICY, minQuarters: 4 });
 */
export const DEFAULT_RENEWAL_POLICY: Readonly<RenewalPolicy> = Object.freeze({
  minQuarters: 2,
  renewMinAverage: 90,
  renewMinQuarter: 80,
  conditionalMinAverage: 80,
  failStreakToReject: 2,
});

/** What `recommendRenewal` reads of a quarter score. */
export type RenewalQuarter = Pick<QuarterScore, "period" | "total" | "grade" | "vetoed" | "provisional">;

/**
 * Recommends what to do at the end of a contract term, deciding in this
 * order: a veto anywhere, or `failStreakToReject` failed quarters in
 * consecutive calendar quarters → `do_not_renew`; fewer than `minQuarters`
 * quarters → `insufficient_data`; average ≥ `renewMinAverage` and no quarter
 * below `renewMinQuarter` → `renew`; average ≥ `conditionalMinAverage` and no
 * failed quarter → `renew_with_conditions`; otherwise `retender`.
 *
 * The average is the mean of the totals rounded half-up to one decimal
 * (`averageTotal`), and the thresholds are compared with that figure, the one
 * the reasons quote. Every reason names the rule (`"veto"`, `"fail_streak"`,
 * `"too_few_quarters"`, `"average_at_least"`, `"average_below"`,
 * `"quarter_below"`, `"failed_quarter"`, and `"provisional_quarters"` for
 * information) and the quarters behind it. The same period twice is a
 * `ScoringInputError` at `"history[i].period"`; a bad policy field one at
 * `"policy.<field>"`.
 *
 * @example
 * recommendRenewal([q1, q2, q3, q4]).decision; // "renew"
 * recommendRenewal(history, { minQuarters: 4 });
 */
export function recommendRenewal(
  history: readonly RenewalQuarter[],
  policy: Partial<RenewalPolicy> = {},
): RenewalRecommendation {
  const p = checkPolicy(policy);
  const quarters = checkHistory(history);
  const averageTotal = average(quarters);
  const info = provisionalReason(quarters);
  const decide = (decision: Decision, reasons: RenewalReason[]): RenewalRecommendation => ({
    decision,
    reasons: [...reasons, ...info],
    averageTotal,
  });

  const vetoed = quarters.filter((q) => q.vetoed).map((q) => q.period);
  const streaks = failStreaks(quarters, p.failStreakToReject);
  if (vetoed.length > 0 || streaks.length > 0) {
    const reasons: RenewalReason[] = [];
    if (vetoed.length > 0) {
      reasons.push(reason("veto", `${zhList(vetoed)} 发生一票否决事项`, `Veto event in ${enList(vetoed)}`, vetoed));
    }
    for (const run of streaks) {
      reasons.push(
        reason(
          "fail_streak",
          `连续 ${run.length} 个季度考核不合格（${zhList(run)}），达到连续 ${p.failStreakToReject} 个季度不合格不予续签的规定`,
          `${run.length} failed quarters in a row (${enList(run)}); ${p.failStreakToReject} in a row rule out renewal`,
          run,
        ),
      );
    }
    return decide("do_not_renew", reasons);
  }

  const all = quarters.map((q) => q.period);
  if (averageTotal === null || quarters.length < p.minQuarters) {
    return decide("insufficient_data", [
      reason(
        "too_few_quarters",
        `仅有 ${quarters.length} 个季度的考核结果，少于所需的 ${p.minQuarters} 个`,
        `Only ${quarters.length} scored quarter(s), fewer than the ${p.minQuarters} required`,
        all,
      ),
    ]);
  }

  const avg = formatAverage(averageTotal);
  const averageReason = (threshold: number): RenewalReason =>
    averageTotal >= threshold
      ? reason("average_at_least", `平均得分 ${avg}，不低于 ${threshold}`, `Average score ${avg}, at least ${threshold}`, all)
      : reason("average_below", `平均得分 ${avg}，低于 ${threshold}`, `Average score ${avg}, below ${threshold}`, all);
  const below = quarters.filter((q) => q.total < p.renewMinQuarter);
  const belowReason = reason(
    "quarter_below",
    `${below.map((q) => `${q.period}（${formatAverage(q.total)}）`).join("、")} 得分低于 ${p.renewMinQuarter}`,
    `Quarters scoring below ${p.renewMinQuarter}: ${below.map((q) => `${q.period} (${formatAverage(q.total)})`).join(", ")}`,
    below.map((q) => q.period),
  );
  const renewAverage = averageTotal >= p.renewMinAverage;
  if (renewAverage && below.length === 0) return decide("renew", [averageReason(p.renewMinAverage)]);

  const notRenew = [...(renewAverage ? [] : [averageReason(p.renewMinAverage)]), ...(below.length > 0 ? [belowReason] : [])];
  const failed = quarters.filter((q) => q.grade === "fail").map((q) => q.period);
  const conditionalAverage = averageTotal >= p.conditionalMinAverage;
  if (conditionalAverage && failed.length === 0) {
    return decide("renew_with_conditions", [...notRenew, averageReason(p.conditionalMinAverage)]);
  }
  const notConditional: RenewalReason[] = [];
  if (!conditionalAverage && p.conditionalMinAverage !== p.renewMinAverage) {
    notConditional.push(averageReason(p.conditionalMinAverage));
  }
  if (failed.length > 0) {
    notConditional.push(reason("failed_quarter", `${zhList(failed)} 考核不合格`, `Failed quarters: ${enList(failed)}`, failed));
  }
  return decide("retender", [...notRenew, ...notConditional]);
}

function checkPolicy(policy: unknown): RenewalPolicy {
  const given = record(policy, "policy");
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(DEFAULT_RENEWAL_POLICY, key)) fail(`policy.${key}`, `not a renewal policy field`);
  }
  const pick = <K extends keyof RenewalPolicy>(key: K): unknown => given[key] ?? DEFAULT_RENEWAL_POLICY[key];
  const count = (key: "minQuarters" | "failStreakToReject"): number => {
    const n = integer(pick(key), `policy.${key}`);
    if (n < 1) fail(`policy.${key}`, `must be at least 1, got ${n}`);
    return n;
  };
  const score = (key: "renewMinAverage" | "renewMinQuarter" | "conditionalMinAverage"): number => {
    const n = finite(pick(key), `policy.${key}`);
    if (n < 0 || n > 100) fail(`policy.${key}`, `must be within 0..100, got ${n}`);
    return n;
  };
  return {
    minQuarters: count("minQuarters"),
    renewMinAverage: score("renewMinAverage"),
    renewMinQuarter: score("renewMinQuarter"),
    conditionalMinAverage: score("conditionalMinAverage"),
    failStreakToReject: count("failStreakToReject"),
  };
}

/** Checks every quarter and returns copies in period order. */
function checkHistory(history: unknown): RenewalQuarter[] {
  if (!Array.isArray(history)) fail("history", `expected an array, got ${show(history)}`);
  const seen = new Map<Period, number>();
  const out = history.map((value: unknown, i): RenewalQuarter => {
    const p = `history[${i}]`;
    const q = record(value, p);
    const period = assertPeriod(q.period, `${p}.period`);
    const first = seen.get(period);
    if (first !== undefined) fail(`${p}.period`, `${period} is already history[${first}]`);
    seen.set(period, i);
    const total = finite(q.total, `${p}.total`);
    if (total < 0 || total > 100) fail(`${p}.total`, `must be within 0..100, got ${total}`);
    if (typeof q.grade !== "string" || !(GRADES as readonly string[]).includes(q.grade)) {
      fail(`${p}.grade`, `expected one of ${GRADES.join(", ")}, got ${show(q.grade)}`);
    }
    const grade = q.grade as RenewalQuarter["grade"];
    const vetoed = bool(q.vetoed, `${p}.vetoed`);
    if (vetoed && grade !== "fail") fail(`${p}.grade`, `a vetoed quarter's grade is "fail", got ${show(grade)}`);
    return { period, total, grade, vetoed, provisional: bool(q.provisional, `${p}.provisional`) };
  });
  return out.sort((a, b) => periodIndex(a.period) - periodIndex(b.period));
}

/** Runs of at least `length` failed quarters in consecutive calendar quarters. */
function failStreaks(quarters: RenewalQuarter[], length: number): Period[][] {
  const runs: Period[][] = [];
  let run: Period[] = [];
  let last: Period | undefined;
  for (const q of quarters) {
    if (q.grade !== "fail") {
      run = [];
    } else {
      if (last === undefined || !isConsecutive(last, q.period)) run = [];
      if (run.length === 0) runs.push(run);
      run.push(q.period);
    }
    last = q.period;
  }
  return runs.filter((r) => r.length >= length);
}

/** Mean of the totals, rounded half-up to one decimal; null with no quarters. */
function average(quarters: RenewalQuarter[]): number | null {
  if (quarters.length === 0) return null;
  const micro = quarters.reduce((sum, q) => sum + toUnits(q.total, 6), 0n);
  return Number(divRoundHalfUp(micro, BigInt(quarters.length) * 100_000n)) / 10;
}

function provisionalReason(quarters: RenewalQuarter[]): RenewalReason[] {
  const periods = quarters.filter((q) => q.provisional).map((q) => q.period);
  if (periods.length === 0) return [];
  return [
    reason(
      "provisional_quarters",
      `${zhList(periods)} 问卷样本不足，得分为暂定`,
      `Provisional scores (too few survey respondents): ${enList(periods)}`,
      periods,
    ),
  ];
}

function reason(rule: string, zh: string, en: string, periods: Period[]): RenewalReason {
  return { rule, detail: { "zh-CN": zh, en }, periods: [...periods] };
}

function formatAverage(total: number): string {
  return formatUnits(toUnits(total, 1), 1, 1);
}

function zhList(periods: Period[]): string {
  return periods.join("、");
}

function enList(periods: Period[]): string {
  return periods.join(", ");
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(path, `expected true or false, got ${show(value)}`);
  return value;
}
