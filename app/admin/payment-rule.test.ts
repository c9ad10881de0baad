import { describe, expect, it } from "vitest";
import { quarterPayment } from "../../scoring/payment";
import { DEFAULT_PAYMENT_RULE_VALUES, indexedRows, paymentRuleIssues, paymentRuleValues, toPaymentRule, type PaymentRuleValues } from "./payment-rule";

const steps = (rows: [string, string][], o: Partial<PaymentRuleValues> = {}): PaymentRuleValues => ({
  ...DEFAULT_PAYMENT_RULE_VALUES,
  steps: rows.map(([minTotal, percent]) => ({ minTotal, percent })),
  ...o,
});

describe("the payment rule form", () => {
  it("turns the default table into a rule the scoring module pays by", () => {
    const rule = toPaymentRule(DEFAULT_PAYMENT_RULE_VALUES)!;
    expect(rule).toEqual({ kind: "steps", steps: [{ minTotal: 90, percent: 100 }, { minTotal: 80, percent: 97 }, { minTotal: 60, percent: 90 }, { minTotal: 0, percent: 80 }] });
    expect(quarterPayment(rule, { total: 85, vetoed: false }, 100_00).percent).toBe(97);
  });

  it("ignores blank rows and sorts the steps", () => {
    expect(toPaymentRule(steps([["0", "80"], ["", ""], ["90", "100"]]))).toEqual({
      kind: "steps",
      steps: [{ minTotal: 90, percent: 100 }, { minTotal: 0, percent: 80 }],
    });
  });

  it("names each problem by row and field", () => {
    expect(paymentRuleIssues(steps([["90", "100"], ["60", "abc"]]))).toEqual([
      { path: ["steps", 1, "percent"], message: "admin.errors.number0to100" },
    ]);
    expect(paymentRuleIssues(steps([["90", "100"], ["60", "90"]]))).toEqual([{ path: ["steps"], message: "admin.errors.stepsNeedZero" }]);
    expect(paymentRuleIssues(steps([["0", "80"], ["60.25", "90"]]))).toEqual([
      { path: ["steps", 1, "minTotal"], message: 'admin.errors.decimals|{"decimals":1}' },
    ]);
    expect(paymentRuleIssues(steps([["0", "95"], ["90", "90"]]))).toEqual([
      { path: ["steps", 1, "percent"], message: 'admin.errors.stepNotMonotonic|{"min":90,"percent":90,"lowerMin":0,"lowerPercent":95}' },
    ]);
  });

  it("checks the linear rule's own fields only", () => {
    const linear = steps([["bad", "bad"]], { paymentKind: "linear_below", threshold: "90", base: "10", vetoPercent: "60" });
    expect(paymentRuleIssues(linear)).toEqual([]);
    expect(toPaymentRule(linear)).toEqual({ kind: "linear_below", threshold: 90, base: 10, vetoPercent: 60 });
    expect(paymentRuleIssues({ ...linear, base: "101" })).toEqual([{ path: ["base"], message: "admin.errors.number0to100" }]);
  });

  it("round-trips a stored rule through the form", () => {
    const rule = { kind: "steps" as const, steps: [{ minTotal: 0, percent: 85.5 }, { minTotal: 95, percent: 100 }], vetoPercent: 50 };
    expect(toPaymentRule(paymentRuleValues(rule))).toEqual({ ...rule, steps: [...rule.steps].reverse() });
  });

  it("reads posted rows keyed by row number as an array", () => {
    expect(indexedRows({ "1": { minTotal: "0", percent: "80" }, "0": { minTotal: "90", percent: "100" }, x: {} })).toEqual([
      { minTotal: "90", percent: "100" },
      { minTotal: "0", percent: "80" },
    ]);
    expect(indexedRows({ "2": { minTotal: "0", percent: "80" } })).toEqual([
      { minTotal: "", percent: "" },
      { minTotal: "", percent: "" },
      { minTotal: "0", percent: "80" },
    ]);
    expect(indexedRows(undefined)).toEqual([]);
  });
});
