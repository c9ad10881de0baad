import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { errorPath } from "./arbitraries";
import { quarterPayment, type PaymentQuarter } from "./payment";
import type { PaymentRule } from "./types";

/** Percent values in hundredths, some outside 0..100 to exercise the clamp. */
const arbPercentHundredths = fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: -5000, max: 15000 }));
const arbTotalTenths = fc.integer({ min: 0, max: 1000 });
const arbFee = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1_000_000_000_000 }));
const arbScore: fc.Arbitrary<PaymentQuarter> = fc.record({ total: arbTotalTenths.map((t) => t / 10), vetoed: fc.boolean() });

const arbSteps = fc
  .record({
    starts: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 5 }),
    percents: fc.array(arbPercentHundredths, { minLength: 6, maxLength: 6 }),
    veto: fc.option(arbPercentHundredths, { nil: undefined }),
  })
  .map(({ starts, percents, veto }): PaymentRule => {
    const steps = [0, ...starts].map((tenths, i) => ({ minTotal: tenths / 10, percent: percents[i]! / 100 }));
    return veto === undefined ? { kind: "steps", steps } : { kind: "steps", steps, vetoPercent: veto / 100 };
  });

const arbLinear = fc
  .record({ threshold: arbTotalTenths, base: fc.integer({ min: -1000, max: 1500 }), veto: fc.option(arbPercentHundredths, { nil: undefined }) })
  .map(({ threshold, base, veto }): PaymentRule => {
    const rule = { kind: "linear_below" as const, threshold: threshold / 10, base: base / 10 };
    return veto === undefined ? rule : { ...rule, vetoPercent: veto / 100 };
  });

const arbRule = fc.oneof(arbSteps, arbLinear);

/** The rule's percent in hundredths, before clamping, computed in integers. */
function rawHundredths(rule: PaymentRule, totalTenths: number): number {
  if (rule.kind === "steps") {
    const step = [...rule.steps].filter((s) => s.minTotal * 10 <= totalTenths).sort((a, b) => b.minTotal - a.minTotal)[0]!;
    return Math.round(step.percent * 100);
  }
  return totalTenths >= Math.round(rule.threshold * 10) ? 10000 : Math.round(rule.base * 100) + totalTenths * 10;
}

/** The expected percent in hundredths: veto cap, then clamp to 0..100. */
function expectedHundredths(rule: PaymentRule, score: PaymentQuarter): number {
  let p = rawHundredths(rule, Math.round(score.total * 10));
  if (score.vetoed && rule.vetoPercent !== undefined) p = Math.min(p, Math.round(rule.vetoPercent * 100));
  return Math.min(10000, Math.max(0, p));
}

describe("quarterPayment pays", () => {
  test.prop([arbRule, arbScore, arbFee])("between 0 and 100 %", (rule, score, fee) => {
    const { percent } = quarterPayment(rule, score, fee);
    expect(percent >= 0 && percent <= 100).toBe(true);
  });

  test.prop([arbRule, arbScore, arbFee])("the rule's percent: the step reached or base + total, clamped, capped when vetoed", (rule, score, fee) => {
    expect(quarterPayment(rule, score, fee).percent).toBe(expectedHundredths(rule, score) / 100);
  });

  test.prop([arbRule, arbScore, arbFee])("fee × percent ÷ 100 rounded half-up to the fen, exactly", (rule, score, fee) => {
    const hundredths = BigInt(expectedHundredths(rule, score));
    const payable = (2n * BigInt(fee) * hundredths + 10000n) / 20000n;
    expect(quarterPayment(rule, score, fee).payableFen).toBe(Number(payable));
  });

  test.prop([arbRule, arbScore, arbFee])("whole fen, with payable + deducted = fee", (rule, score, fee) => {
    const { payableFen, deductedFen } = quarterPayment(rule, score, fee);
    expect(Number.isSafeInteger(payableFen) && Number.isSafeInteger(deductedFen)).toBe(true);
    expect(payableFen >= 0 && deductedFen >= 0 && payableFen + deductedFen === fee).toBe(true);
  });

  test.prop([arbRule, arbScore, arbFee])("a vetoed quarter at most vetoPercent when the rule has one", (rule, score, fee) => {
    fc.pre(rule.vetoPercent !== undefined);
    expect(quarterPayment(rule, { ...score, vetoed: true }, fee).percent).toBeLessThanOrEqual(Math.max(0, rule.vetoPercent!));
  });

  test.prop([arbRule, arbScore, arbFee])("a vetoed quarter by its total when the rule has no vetoPercent", (rule, score, fee) => {
    const { vetoPercent: _ignored, ...plain } = rule;
    expect(quarterPayment(plain, { ...score, vetoed: true }, fee)).toEqual(quarterPayment(plain, { ...score, vetoed: false }, fee));
  });

  test.prop([arbLinear, arbScore, arbFee])("in full at or above a linear rule's threshold", (rule, score, fee) => {
    fc.pre(rule.kind === "linear_below" && score.total >= rule.threshold && !score.vetoed);
    expect(quarterPayment(rule, score, fee)).toEqual({ percent: 100, payableFen: fee, deductedFen: 0 });
  });

  it("exactly where floating point would not: 250 fen at 64.6 % is 161.5 → 162 fen", () => {
    expect(quarterPayment({ kind: "linear_below", threshold: 90, base: 10 }, { total: 54.6, vetoed: false }, 250)).toEqual({
      percent: 64.6,
      payableFen: 162,
      deductedFen: 88,
    });
  });

  it("by the step reached", () => {
    const rule: PaymentRule = {
      kind: "steps",
      steps: [
        { minTotal: 90, percent: 100 },
        { minTotal: 0, percent: 80 },
        { minTotal: 80, percent: 97.5 },
        { minTotal: 60, percent: 90 },
      ],
      vetoPercent: 70,
    };
    expect(quarterPayment(rule, { total: 85.2, vetoed: false }, 1_000_000)).toEqual({ percent: 97.5, payableFen: 975_000, deductedFen: 25_000 });
    expect(quarterPayment(rule, { total: 85.2, vetoed: true }, 1_000_000)).toEqual({ percent: 70, payableFen: 700_000, deductedFen: 300_000 });
    expect(quarterPayment(rule, { total: 59.9, vetoed: false }, 1_000_000).percent).toBe(80);
  });
});

describe("quarterPayment refuses", () => {
  test.prop([arbSteps, arbScore, arbFee])("a step table without a minTotal 0 step, at rule.steps", (rule, score, fee) => {
    fc.pre(rule.kind === "steps");
    const steps = (rule as Extract<PaymentRule, { kind: "steps" }>).steps.filter((s) => s.minTotal !== 0);
    expect(errorPath(() => quarterPayment({ ...rule, kind: "steps", steps }, score, fee))).toBe("rule.steps");
  });

  test.prop([arbRule, arbScore, fc.constantFrom(-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, "100")])("a fee that is not whole fen ≥ 0, at quarterFeeFen", (rule, score, fee) => {
    expect(errorPath(() => quarterPayment(rule, score, fee as number))).toBe("quarterFeeFen");
  });

  test.prop([arbScore, arbFee, fc.constantFrom("percent", "ladder", undefined)])("an unknown kind of rule, at rule.kind", (score, fee, kind) => {
    expect(errorPath(() => quarterPayment({ kind, threshold: 90, base: 0 } as unknown as PaymentRule, score, fee))).toBe("rule.kind");
  });

  test.prop([arbRule, arbFee, fc.constantFrom(-0.1, 100.1, Number.NaN)])("a total outside 0..100, at score.total", (rule, fee, total) => {
    expect(errorPath(() => quarterPayment(rule, { total, vetoed: false }, fee))).toBe("score.total");
  });

  test.prop([arbScore, arbFee])("a step with a non-finite percent, at rule.steps[i].percent", (score, fee) => {
    const rule: PaymentRule = { kind: "steps", steps: [{ minTotal: 0, percent: 50 }, { minTotal: 80, percent: Number.POSITIVE_INFINITY }] };
    expect(errorPath(() => quarterPayment(rule, score, fee))).toBe("rule.steps[1].percent");
  });
});
