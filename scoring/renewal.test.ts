import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { errorPath, permute } from "./arbitraries";
import { periodFromIndex, periodIndex } from "./dates";
import { DEFAULT_RENEWAL_POLICY, recommendRenewal, type RenewalQuarter } from "./renewal";
import type { Decision, Grade, RenewalPolicy } from "./types";

const FIRST = 2024 * 4;

function gradeOf(total: number, vetoed: boolean): Grade {
  if (vetoed) return "fail";
  return total >= 90 ? "excellent" : total >= 80 ? "good" : total >= 60 ? "pass" : "fail";
}

const quarterAt = (index: number, total: number, vetoed = false, provisional = false): RenewalQuarter => ({
  period: periodFromIndex(index),
  total,
  grade: gradeOf(total, vetoed),
  vetoed,
  provisional,
});

const arbTotal = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 550, max: 1000 }), fc.integer({ min: 850, max: 1000 })).map((t) => t / 10);

/** Quarter scores over distinct periods of 2024..2027, in shuffled order. */
const arbHistory: fc.Arbitrary<RenewalQuarter[]> = fc
  .uniqueArray(fc.integer({ min: FIRST, max: FIRST + 15 }), { maxLength: 10 })
  .chain((indexes) =>
    fc.tuple(
      ...indexes.map((i) =>
        fc
          .record({ total: arbTotal, vetoed: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), provisional: fc.boolean() })
          .map(({ total, vetoed, provisional }) => quarterAt(i, total, vetoed, provisional)),
      ),
    ),
  )
  .map((qs) => [...qs]);

const arbPolicy: fc.Arbitrary<Partial<RenewalPolicy>> = fc.record(
  {
    minQuarters: fc.integer({ min: 1, max: 8 }),
    renewMinAverage: fc.integer({ min: 700, max: 1000 }).map((x) => x / 10),
    renewMinQuarter: fc.integer({ min: 500, max: 950 }).map((x) => x / 10),
    conditionalMinAverage: fc.integer({ min: 500, max: 950 }).map((x) => x / 10),
    failStreakToReject: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: [] },
);

/** The decision order of SCORING.md, written out independently. */
function expectedDecision(history: RenewalQuarter[], policy: Partial<RenewalPolicy>): Decision {
  const p = { ...DEFAULT_RENEWAL_POLICY, ...policy };
  const qs = [...history].sort((a, b) => periodIndex(a.period) - periodIndex(b.period));
  let run = 0;
  let longest = 0;
  qs.forEach((q, i) => {
    const follows = i > 0 && periodIndex(q.period) === periodIndex(qs[i - 1]!.period) + 1;
    run = q.grade === "fail" ? (follows && qs[i - 1]!.grade === "fail" ? run + 1 : 1) : 0;
    longest = Math.max(longest, run);
  });
  if (qs.some((q) => q.vetoed) || longest >= p.failStreakToReject) return "do_not_renew";
  if (qs.length < p.minQuarters) return "insufficient_data";
  const tenths = qs.reduce((s, q) => s + Math.round(q.total * 10), 0);
  const avg = Math.floor((2 * tenths + qs.length) / (2 * qs.length)) / 10;
  if (avg >= p.renewMinAverage && qs.every((q) => q.total >= p.renewMinQuarter)) return "renew";
  if (avg >= p.conditionalMinAverage && qs.every((q) => q.grade !== "fail")) return "renew_with_conditions";
  return "retender";
}

const RULES = ["veto", "fail_streak", "too_few_quarters", "average_at_least", "average_below", "quarter_below", "failed_quarter", "provisional_quarters"];

describe("recommendRenewal decides", () => {
  test.prop([arbHistory, arbPolicy])("in the order SCORING.md gives", (history, policy) => {
    expect(recommendRenewal(history, policy).decision).toBe(expectedDecision(history, policy));
  });

  test.prop([arbHistory])("do_not_renew on a veto anywhere, citing the vetoed quarters", (history) => {
    const vetoed = history.filter((q) => q.vetoed).map((q) => q.period).sort();
    fc.pre(vetoed.length > 0);
    const rec = recommendRenewal(history);
    expect(rec.decision).toBe("do_not_renew");
    expect(rec.reasons.find((r) => r.rule === "veto")?.periods).toEqual(vetoed);
  });

  test.prop([fc.integer({ min: FIRST, max: FIRST + 20 }), fc.integer({ min: 1, max: 4 }), fc.array(arbTotal, { minLength: 0, maxLength: 3 })])(
    "do_not_renew on failStreakToReject failed quarters in a row, citing them",
    (start, streak, before) => {
      const good = before.map((t, i) => quarterAt(start - before.length - 1 + i, Math.max(t, 60)));
      const failed = Array.from({ length: streak }, (_, i) => quarterAt(start + i, 45));
      const rec = recommendRenewal([...good, ...failed], { failStreakToReject: streak });
      expect(rec.decision).toBe("do_not_renew");
      expect(rec.reasons.find((r) => r.rule === "fail_streak")?.periods).toEqual(failed.map((q) => q.period));
    },
  );

  test.prop([fc.integer({ min: FIRST, max: FIRST + 20 }), fc.integer({ min: 2, max: 4 })])("not on failed quarters with a missing quarter between them", (start, streak) => {
    const failed = Array.from({ length: streak }, (_, i) => quarterAt(start + 2 * i, 45));
    const rec = recommendRenewal(failed, { failStreakToReject: streak, minQuarters: 1 });
    expect(rec.decision).toBe("retender");
    expect(rec.reasons.map((r) => r.rule)).not.toContain("fail_streak");
  });

  test.prop([arbHistory, fc.integer({ min: 1, max: 12 })])("insufficient_data below minQuarters when nothing rules renewal out", (history, minQuarters) => {
    fc.pre(history.length < minQuarters && expectedDecision(history, { minQuarters }) !== "do_not_renew");
    const rec = recommendRenewal(history, { minQuarters });
    expect(rec.decision).toBe("insufficient_data");
    expect(rec.reasons[0]).toMatchObject({ rule: "too_few_quarters", periods: history.map((q) => q.period).sort() });
  });

  test.prop([arbHistory, arbPolicy])("renew only with the average and every quarter above their thresholds", (history, policy) => {
    const rec = recommendRenewal(history, policy);
    fc.pre(rec.decision === "renew");
    const p = { ...DEFAULT_RENEWAL_POLICY, ...policy };
    expect(rec.averageTotal! >= p.renewMinAverage && history.every((q) => q.total >= p.renewMinQuarter)).toBe(true);
  });
});

describe("recommendRenewal explains", () => {
  test.prop([arbHistory, arbPolicy])("with at least one known rule, citing only quarters of the history", (history, policy) => {
    const rec = recommendRenewal(history, policy);
    const periods = new Set(history.map((q) => q.period));
    expect(rec.reasons.length).toBeGreaterThan(0);
    for (const r of rec.reasons) {
      expect(RULES).toContain(r.rule);
      expect(r.periods.every((p) => periods.has(p))).toBe(true);
      expect(r.detail["zh-CN"].length > 0 && r.detail.en.length > 0).toBe(true);
    }
  });

  test.prop([arbHistory, arbPolicy])("why a quarter below the threshold or a failed one blocks a better decision", (history, policy) => {
    const rec = recommendRenewal(history, policy);
    const rules = rec.reasons.map((r) => r.rule);
    if (rec.decision === "renew") expect(rules).toContain("average_at_least");
    if (rec.decision === "renew_with_conditions") expect(rules.some((r) => r === "average_below" || r === "quarter_below")).toBe(true);
    if (rec.decision === "retender") expect(rules.some((r) => r === "average_below" || r === "failed_quarter")).toBe(true);
  });

  test.prop([arbHistory])("provisional quarters, for information", (history) => {
    const provisional = history.filter((q) => q.provisional).map((q) => q.period).sort();
    const info = recommendRenewal(history).reasons.find((r) => r.rule === "provisional_quarters");
    expect(info?.periods ?? []).toEqual(provisional);
  });

  test.prop([arbHistory])("the average of the totals to one decimal, or null without quarters", (history) => {
    const tenths = history.reduce((s, q) => s + Math.round(q.total * 10), 0);
    const expected = history.length === 0 ? null : Math.floor((2 * tenths + history.length) / (2 * history.length)) / 10;
    expect(recommendRenewal(history).averageTotal).toBe(expected);
  });
});

describe("recommendRenewal is a function of the history's content", () => {
  test.prop([arbHistory, arbPolicy, fc.nat()])("whatever the order of the quarters", (history, policy, seed) => {
    expect(recommendRenewal(permute(history, seed), policy)).toStrictEqual(recommendRenewal(history, policy));
  });

  test.prop([arbHistory])("without mutating it", (history) => {
    const before = JSON.stringify(history);
    recommendRenewal(Object.freeze(history.map((q) => Object.freeze({ ...q }))));
    recommendRenewal(history);
    expect(JSON.stringify(history)).toBe(before);
  });
});

describe("recommendRenewal refuses", () => {
  test.prop([arbHistory, fc.nat(), fc.nat()])("the same period twice, at the later history[i].period", (history, a, b) => {
    fc.pre(history.length > 0);
    const copy = { ...history[a % history.length]! };
    const at = b % (history.length + 1);
    const withDup = [...history.slice(0, at), copy, ...history.slice(at)];
    const first = withDup.findIndex((q) => q.period === copy.period);
    const second = withDup.findIndex((q, i) => i > first && q.period === copy.period);
    expect(errorPath(() => recommendRenewal(withDup))).toBe(`history[${second}].period`);
  });

  test.prop([
    fc.constantFrom<[keyof RenewalPolicy | "minQuarter", unknown]>(
      ["minQuarters", 0],
      ["minQuarters", 1.5],
      ["failStreakToReject", 0],
      ["renewMinAverage", 101],
      ["renewMinQuarter", -1],
      ["conditionalMinAverage", Number.NaN],
      ["minQuarter", 3],
    ),
  ])("a bad policy field, at policy.<field>", ([field, value]) => {
    expect(errorPath(() => recommendRenewal([], { [field]: value } as Partial<RenewalPolicy>))).toBe(`policy.${field}`);
  });

  test.prop([
    arbHistory,
    fc.nat(),
    fc.constantFrom<[string, unknown]>(["period", "2026-Q5"], ["total", 100.1], ["total", Number.NaN], ["grade", "great"], ["vetoed", "no"], ["provisional", undefined]),
  ])("a malformed quarter, at history[i].<field>", (history, n, [field, value]) => {
    fc.pre(history.length > 0);
    const i = n % history.length;
    const broken = history.map((q, j) => (j === i ? { ...q, [field]: value } : q));
    expect(errorPath(() => recommendRenewal(broken))).toBe(`history[${i}].${field}`);
  });
});

describe("recommendRenewal on the demo stories", () => {
  const term = (totals: number[], vetoAt = -1) => totals.map((t, i) => quarterAt(FIRST + 8 + i, t, i === vetoAt));

  it("renews excellent meeting services", () => {
    expect(recommendRenewal(term([93.5, 95, 94.2, 96, 92.8, 95.5, 94, 93]))).toMatchObject({ decision: "renew", averageTotal: 94.3 });
  });

  it("does not renew the canteen with a food-poisoning veto two quarters ago", () => {
    const rec = recommendRenewal(term([88, 87.5, 89, 86, 88.5, 87, 85, 88], 5));
    expect(rec.decision).toBe("do_not_renew");
    expect(rec.reasons[0]).toEqual({
      rule: "veto",
      detail: { "zh-CN": "2027-Q2 发生一票否决事项", en: "Veto event in 2027-Q2" },
      periods: ["2027-Q2"],
    });
  });

  it("renews with conditions a good canteen just under target", () => {
    const rec = recommendRenewal(term([86, 87.5, 85, 88, 86.5, 87, 85.5, 88]));
    expect(rec.decision).toBe("renew_with_conditions");
    expect(rec.reasons.map((r) => r.rule)).toEqual(["average_below", "average_at_least"]);
    expect(rec.reasons[0]!.detail.en).toBe("Average score 86.7, below 90");
  });

  it("re-tenders a declining greening contractor", () => {
    const rec = recommendRenewal(term([84, 80, 76.5, 71, 66, 62, 58, 64]));
    expect(rec.decision).toBe("retender");
    expect(rec.reasons.map((r) => r.rule)).toEqual(["average_below", "quarter_below", "average_below", "failed_quarter"]);
    expect(rec.reasons[3]!.periods).toEqual(["2027-Q3"]);
  });
});
