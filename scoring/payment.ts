/**
 * Service-fee deduction (扣减服务费): the share of a quarter's fee that is paid.
 */
import { decimalOf, divRoundHalfUp, pow10, unitsToNumber, type Decimal } from "./decimal";
import { fail, show } from "./errors";
import type { PaymentRule, QuarterPayment, QuarterScore } from "./types";
import { finite, list, record } from "./read";

/** What `quarterPayment` reads of a quarter score. */
export type PaymentQuarter = Pick<QuarterScore, "total" | "vetoed">;

/**
 * The payable share of a quarter's service fee, in whole fen (0.01 yuan).
 *
 * - `steps`: the step with the highest `minTotal` at or below the total gives
 *   the percent; the table must have a `minTotal: 0` step (`"rule.steps"`).
 * - `linear_below`: a total at or above `threshold` pays 100 %, below it
 *   `base + total` %.
 *
 * The percent is clamped to 0..100; a vetoed quarter pays at most
 * `vetoPercent` when the rule has one (otherwise by its total like any other).
 * payable = fee × percent ÷ 100 rounded half-up to the fen, exactly;
 * deducted = fee − payable. The fee must be a whole number of fen ≥ 0
 * (`"quarterFeeFen"`).
 *
 * @example
 * quarterPayment({ kind: "linear_below", threshold: 90, base: 10 }, { total: 85.5, vetoed: false }, 12_345_600);
 * // { percent: 95.5, payableFen: 11_790_048, deductedFen: 555_552 }
 */
export function quarterPayment(rule: PaymentRule, score: PaymentQuarter, quarterFeeFen: number): QuarterPayment {
  const r = record(rule, "rule") as PaymentRule;
  const s = record(score, "score");
  const total = finite(s.total, "score.total");
  if (total < 0 || total > 100) fail("score.total", `must be within 0..100, got ${total}`);
  if (typeof s.vetoed !== "boolean") fail("score.vetoed", `expected true or false, got ${show(s.vetoed)}`);
  if (!Number.isSafeInteger(quarterFeeFen) || quarterFeeFen < 0) {
    fail("quarterFeeFen", `expected a whole number of fen ≥ 0, got ${show(quarterFeeFen)}`);
  }

  let percent = rulePercent(r, total);
  if (s.vetoed && r.vetoPercent !== undefined) {
    const cap = decimalOf(finite(r.vetoPercent, "rule.vetoPercent"));
    if (compare(cap, percent) < 0) percent = cap;
  }
  percent = clamp(percent);
  const payable = divRoundHalfUp(BigInt(quarterFeeFen) * percent.units, 100n * pow10(percent.scale));
  const payableFen = Number(payable);
  return { percent: unitsToNumber(percent.units, percent.scale), payableFen, deductedFen: quarterFeeFen - payableFen };
}

/** The rule's percent for a total, before clamping, as an exact decimal. */
function rulePercent(rule: PaymentRule, total: number): Decimal {
  if (rule.vetoPercent !== undefined) finite(rule.vetoPercent, "rule.vetoPercent");
  switch (rule.kind) {
    case "steps": {
      const steps = list(rule.steps, "rule.steps").map((value, i) => {
        const step = record(value, `rule.steps[${i}]`);
        const minTotal = finite(step.minTotal, `rule.steps[${i}].minTotal`);
        if (minTotal < 0 || minTotal > 100) fail(`rule.steps[${i}].minTotal`, `must be within 0..100, got ${minTotal}`);
        return { minTotal, percent: finite(step.percent, `rule.steps[${i}].percent`), at: i };
      });
      const seen = new Set<number>();
      for (const step of steps) {
        if (seen.has(step.minTotal)) fail(`rule.steps[${step.at}].minTotal`, `two steps start at ${step.minTotal}`);
        seen.add(step.minTotal);
      }
      if (!seen.has(0)) fail("rule.steps", "a step table needs a step with minTotal 0");
      let chosen = steps.find((step) => step.minTotal === 0)!;
      for (const step of steps) if (step.minTotal <= total && step.minTotal > chosen.minTotal) chosen = step;
      return decimalOf(chosen.percent);
    }
    case "linear_below": {
      const threshold = finite(rule.threshold, "rule.threshold");
      const base = finite(rule.base, "rule.base");
      return total >= threshold ? decimalOf(100) : add(decimalOf(base), decimalOf(total));
    }
    default:
      return assertNever(rule, "rule.kind");
  }
}

/**
 * Exhaustiveness check for discriminated unions: unreachable for well-typed
 * input, a `ScoringInputError` at `path` for anything else at run time.
 *
 * @example
 * default: return assertNever(rule, "rule.kind");
 */
export function assertNever(value: never, path: string): never {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return fail(path, `unexpected ${show(kind)}`);
}

function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * pow10(scale - a.scale) + b.units * pow10(scale - b.scale), scale };
}

function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const d = a.units * pow10(scale - a.scale) - b.units * pow10(scale - b.scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function clamp(p: Decimal): Decimal {
  if (p.units < 0n) return { units: 0n, scale: 0 };
  if (compare(p, { units: 100n, scale: 0 }) > 0) return { units: 100n, scale: 0 };
  return p;
}
