import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbPeriod, errorPath } from "./arbitraries";
import { addDays, periodEnd, periodStart } from "./dates";
import { quarterFee, type FeeContract } from "./fee";
import { quarterPayment } from "./payment";
import type { PaymentRule } from "./types";

const year2026 = { startOn: "2026-01-01", endOn: "2026-12-31" };
const quarters = (year: number | string) => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

describe("quarterFee for quarters wholly inside the term", () => {
  test.prop([fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), arbPeriod])(
    "the four quarters of a calendar year add up to the annual value exactly, Q1..Q3 equal, Q4 carrying the remainder",
    (annualValueFen, period) => {
      const year = period.slice(0, 4);
      const contract = { annualValueFen, startOn: `${year}-01-01`, endOn: `${year}-12-31` };
      const fees = quarters(year).map((p) => quarterFee(contract, p));
      expect(fees.every((f) => f.basis === "annual_quarter" && f.termDays === f.quarterDays)).toBe(true);
      const [q1, q2, q3, q4] = fees.map((f) => f.quarterFeeFen) as [number, number, number, number];
      expect(BigInt(q1) + BigInt(q2) + BigInt(q3) + BigInt(q4)).toBe(BigInt(annualValueFen));
      expect([q2, q3]).toEqual([q1, q1]);
      expect(q1).toBe(Math.floor(annualValueFen / 4));
      expect(q4 - q1).toBe(annualValueFen % 4);
    },
  );

  it("puts the remainder on Q4 (hand-computed)", () => {
    const contract = { annualValueFen: 1_000_003, ...year2026 };
    expect(quarters(2026).map((p) => quarterFee(contract, p).quarterFeeFen)).toEqual([250_000, 250_000, 250_000, 250_003]);
    expect(quarterFee(contract, "2026-Q4")).toEqual({ quarterFeeFen: 250_003, basis: "annual_quarter", termDays: 92, quarterDays: 92 });
  });

  it("counts the quarter's days inside a term of several years", () => {
    const contract = { annualValueFen: 800, startOn: "2025-07-01", endOn: "2028-06-30" };
    expect(quarterFee(contract, "2027-Q1")).toEqual({ quarterFeeFen: 200, basis: "annual_quarter", termDays: 90, quarterDays: 90 });
    expect(quarterFee(contract, "2028-Q1")).toEqual({ quarterFeeFen: 200, basis: "annual_quarter", termDays: 91, quarterDays: 91 });
  });

  it("uses the contract's own quarterly fee when it is set, in every quarter", () => {
    const contract = { annualValueFen: 1_000_003, quarterlyFeeFen: 333_333, ...year2026 };
    for (const p of quarters(2026)) expect(quarterFee(contract, p)).toMatchObject({ quarterFeeFen: 333_333, basis: "quarterly_fee" });
    expect(quarterFee({ ...contract, quarterlyFeeFen: 0 }, "2026-Q2")).toMatchObject({ quarterFeeFen: 0, basis: "quarterly_fee" });
  });

  it("reads a null or absent quarterly fee as a quarter of the annual value", () => {
    expect(quarterFee({ annualValueFen: 400, quarterlyFeeFen: null, ...year2026 }, "2026-Q3")).toMatchObject({ quarterFeeFen: 100, basis: "annual_quarter" });
    expect(quarterFee({ annualValueFen: 400, ...year2026 }, "2026-Q3")).toMatchObject({ quarterFeeFen: 100, basis: "annual_quarter" });
  });
});

describe("quarterFee for quarters partly inside the term pays by days", () => {
  it("a partial first quarter: 300 000 × 44 ÷ 90 = 146 666.67 → 146 667", () => {
    const contract = { annualValueFen: 1_200_000, startOn: "2026-02-16", endOn: "2027-02-15" };
    // 13 days of February (16..28) + 31 of March, of 31 + 28 + 31.
    expect(quarterFee(contract, "2026-Q1")).toEqual({ quarterFeeFen: 146_667, basis: "partial_days", termDays: 44, quarterDays: 90 });
    expect(quarterFee(contract, "2026-Q2")).toMatchObject({ quarterFeeFen: 300_000, basis: "annual_quarter" });
  });

  it("a partial first quarter in a leap year: 912 500 × 51 ÷ 91 = 511 401.10 → 511 401", () => {
    const contract = { annualValueFen: 3_650_000, startOn: "2028-02-10", endOn: "2029-02-09" };
    // 20 days of February (10..29) + 31 of March, of 31 + 29 + 31.
    expect(quarterFee(contract, "2028-Q1")).toEqual({ quarterFeeFen: 511_401, basis: "partial_days", termDays: 51, quarterDays: 91 });
  });

  it("a partial last quarter, half a fen rounding up: 250 001 × 46 ÷ 92 = 125 000.5 → 125 001", () => {
    const contract = { annualValueFen: 1_000_004, startOn: "2025-08-16", endOn: "2026-08-15" };
    expect(quarterFee({ ...contract, quarterlyFeeFen: 250_001 }, "2026-Q3")).toEqual({ quarterFeeFen: 125_001, basis: "partial_days", termDays: 46, quarterDays: 92 });
    // 250 001 × 46 ÷ 92 from the annual value as well (1 000 004 ÷ 4 = 250 001).
    expect(quarterFee(contract, "2026-Q3")).toEqual({ quarterFeeFen: 125_001, basis: "partial_days", termDays: 46, quarterDays: 92 });
  });

  it("a partial Q4 shares out the Q4 fee with its remainder: 250 003 × 46 ÷ 92 = 125 001.5 → 125 002", () => {
    const contract = { annualValueFen: 1_000_003, startOn: "2025-11-16", endOn: "2026-11-15" };
    expect(quarterFee(contract, "2026-Q4")).toEqual({ quarterFeeFen: 125_002, basis: "partial_days", termDays: 46, quarterDays: 92 });
    // The first quarter of the same term: 16..30 November and December, 46 of 92 days of 250 003.
    expect(quarterFee(contract, "2025-Q4")).toEqual({ quarterFeeFen: 125_002, basis: "partial_days", termDays: 46, quarterDays: 92 });
  });

  it("the contract's own quarterly fee, partial: 333 333 × 44 ÷ 90 = 162 962.93 → 162 963", () => {
    const contract = { annualValueFen: 1_200_000, quarterlyFeeFen: 333_333, startOn: "2026-02-16", endOn: "2027-02-15" };
    expect(quarterFee(contract, "2026-Q1")).toEqual({ quarterFeeFen: 162_963, basis: "partial_days", termDays: 44, quarterDays: 90 });
  });

  it("a term inside one quarter: 300 000 × 11 ÷ 91 = 36 263.74 → 36 264", () => {
    const contract = { annualValueFen: 1_200_000, startOn: "2026-05-10", endOn: "2026-05-20" };
    expect(quarterFee(contract, "2026-Q2")).toEqual({ quarterFeeFen: 36_264, basis: "partial_days", termDays: 11, quarterDays: 91 });
    expect(quarterFee({ ...contract, endOn: "2026-05-10" }, "2026-Q2")).toMatchObject({ termDays: 1 });
  });

  it("a quarter wholly outside the term pays nothing", () => {
    const contract = { annualValueFen: 1_200_000, quarterlyFeeFen: 500_000, startOn: "2026-02-16", endOn: "2027-02-15" };
    expect(quarterFee(contract, "2025-Q4")).toEqual({ quarterFeeFen: 0, basis: "partial_days", termDays: 0, quarterDays: 92 });
    expect(quarterFee(contract, "2027-Q2")).toEqual({ quarterFeeFen: 0, basis: "partial_days", termDays: 0, quarterDays: 91 });
    // The day after the term ends begins the next quarter: nothing of it is inside.
    expect(quarterFee({ ...contract, endOn: "2026-12-31" }, "2027-Q1")).toMatchObject({ quarterFeeFen: 0, termDays: 0 });
  });

  test.prop([
    fc.integer({ min: 0, max: 10_000_000_000 }),
    fc.option(fc.integer({ min: 0, max: 10_000_000_000 }), { nil: null }),
    arbPeriod,
    fc.integer({ min: -120, max: 120 }),
    fc.integer({ min: 0, max: 400 }),
  ])("never pays more than the full quarter, and pays it exactly when the quarter is inside", (annualValueFen, quarterlyFeeFen, period, shift, length) => {
    const startOn = addDays(periodStart(period), shift);
    const contract: FeeContract = { annualValueFen, quarterlyFeeFen, startOn, endOn: addDays(startOn, length) };
    const full = quarterFee({ ...contract, startOn: "2020-01-01", endOn: "2030-12-31" }, period).quarterFeeFen;
    const fee = quarterFee(contract, period);
    expect(fee.termDays >= 0 && fee.termDays <= fee.quarterDays).toBe(true);
    expect(fee.quarterFeeFen <= full).toBe(true);
    const inside = startOn <= periodStart(period) && contract.endOn >= periodEnd(period);
    expect(fee.termDays === fee.quarterDays).toBe(inside);
    if (inside) expect(fee.quarterFeeFen).toBe(full);
    if (fee.termDays === 0) expect(fee.quarterFeeFen).toBe(0);
  });
});

describe("quarterFee with quarterPayment on a partial quarter (146 667 fen: 44 of 90 days of 300 000)", () => {
  const contract = { annualValueFen: 1_200_000, startOn: "2026-02-16", endOn: "2027-02-15" };
  const fee = quarterFee(contract, "2026-Q1").quarterFeeFen;
  const steps: PaymentRule = {
    kind: "steps",
    steps: [
      { minTotal: 0, percent: 70 },
      { minTotal: 80, percent: 90 },
      { minTotal: 90, percent: 100 },
    ],
    vetoPercent: 50,
  };
  const linear: PaymentRule = { kind: "linear_below", threshold: 90, base: 10, vetoPercent: 60 };

  it("steps: 85 points pay 90 %, 146 667 × 0.9 = 132 000.3 → 132 000", () => {
    expect(fee).toBe(146_667);
    expect(quarterPayment(steps, { total: 85, vetoed: false }, fee)).toEqual({ percent: 90, payableFen: 132_000, deductedFen: 14_667 });
  });

  it("steps, vetoed: 95 points capped at 50 %, 73 333.5 → 73 334", () => {
    expect(quarterPayment(steps, { total: 95, vetoed: true }, fee)).toEqual({ percent: 50, payableFen: 73_334, deductedFen: 73_333 });
  });

  it("linear_below: 85.5 points pay 95.5 %, 146 667 × 0.955 = 140 066.985 → 140 067", () => {
    expect(quarterPayment(linear, { total: 85.5, vetoed: false }, fee)).toEqual({ percent: 95.5, payableFen: 140_067, deductedFen: 6_600 });
  });

  it("linear_below, vetoed: 95.5 % capped at 60 %, 88 000.2 → 88 000", () => {
    expect(quarterPayment(linear, { total: 85.5, vetoed: true }, fee)).toEqual({ percent: 60, payableFen: 88_000, deductedFen: 58_667 });
  });
});

describe("quarterFee refuses bad input with the field's path", () => {
  const good = { annualValueFen: 1_200_000, startOn: "2026-01-01", endOn: "2026-12-31" };
  const call = (contract: unknown, period: unknown = "2026-Q1") => errorPath(() => quarterFee(contract as FeeContract, period as string));

  it.each([
    ["not an object", null, "contract"],
    ["an array", [], "contract"],
    ["a negative annual value", { ...good, annualValueFen: -1 }, "contract.annualValueFen"],
    ["a fraction of a fen", { ...good, annualValueFen: 100.5 }, "contract.annualValueFen"],
    ["an annual value as text", { ...good, annualValueFen: "100" }, "contract.annualValueFen"],
    ["NaN", { ...good, annualValueFen: Number.NaN }, "contract.annualValueFen"],
    ["beyond the safe integers", { ...good, annualValueFen: 2 ** 53 }, "contract.annualValueFen"],
    ["a missing annual value", { startOn: good.startOn, endOn: good.endOn }, "contract.annualValueFen"],
    ["a negative quarterly fee", { ...good, quarterlyFeeFen: -1 }, "contract.quarterlyFeeFen"],
    ["a fractional quarterly fee", { ...good, quarterlyFeeFen: 0.5 }, "contract.quarterlyFeeFen"],
    ["a quarterly fee as text", { ...good, quarterlyFeeFen: "" }, "contract.quarterlyFeeFen"],
    ["a day that does not exist", { ...good, startOn: "2026-02-29" }, "contract.startOn"],
    ["a missing start", { ...good, startOn: undefined }, "contract.startOn"],
    ["a malformed end", { ...good, endOn: "2026-12-31T00:00" }, "contract.endOn"],
    ["an end before the start", { ...good, endOn: "2025-12-31" }, "contract.endOn"],
  ])("%s", (_what, contract, path) => {
    expect(call(contract)).toBe(path);
  });

  it.each([["2026-Q5"], ["2026Q1"], [""], [null]])("a period %j", (period) => {
    expect(call(good, period)).toBe("period");
  });
});
