import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbAnyRubric, arbDefaultRubric, arbQuarterInput, deepFreeze, errorPath } from "./arbitraries";
import { comparePeriods, periodFromIndex } from "./dates";
import { recommendRenewal } from "./renewal";
import { defaultRubric } from "./rubrics/index";
import { scoreQuarter } from "./score";
import type { QuarterInput, Rubric } from "./types";
import { whatIfRescore, type WhatIfQuarter, type WhatIfResult } from "./what-if";

const CONTRACTS = ["c-b", "c-a", "c-c"];

/** Finalised quarters of up to three contracts, scored (and so finalised) under `r`. */
function arbQuarters(r: Rubric, maxLength = 8): fc.Arbitrary<WhatIfQuarter[]> {
  return fc
    .uniqueArray(fc.integer({ min: 2024 * 4, max: 2028 * 4 + 3 }), { minLength: 1, maxLength })
    .chain((indexes) => fc.tuple(...indexes.map((i) => arbQuarterInput(r, { period: periodFromIndex(i) }))))
    .map((inputs) => inputs.map((input, k) => finalise(r, CONTRACTS[k % CONTRACTS.length]!, input)));
}

function finalise(r: Rubric, contractId: string, input: QuarterInput): WhatIfQuarter {
  const s = scoreQuarter(r, input);
  return { contractId, period: input.period, input, finalised: { total: s.total, grade: s.grade, vetoed: s.vetoed, provisional: s.provisional } };
}

const arbCase = (arbR: fc.Arbitrary<Rubric> = arbAnyRubric) => arbR.chain((r) => fc.tuple(fc.constant(r), arbQuarters(r)));

/** The row of a quarter. */
const rowOf = (res: WhatIfResult, q: WhatIfQuarter) => res.rows.find((row) => row.contractId === q.contractId && row.period === q.period)!;

/** A rubric with a findings dimension of at least two items, and the index of that dimension. */
const multiItemDim = (r: Rubric) => r.dimensions.findIndex((d) => d.source === "findings" && d.items.length >= 2);

describe("whatIfRescore", () => {
  test.prop([arbCase()])("quarters re-scored under their own rubric do not change", ([r, quarters]) => {
    const res = whatIfRescore(r, quarters);
    expect(res.rows).toHaveLength(quarters.length);
    expect(res.rows.every((row) => row.change === 0 && row.removedFindings === 0)).toBe(true);
    expect(res.rows.every((row) => row.before.total === row.after.total && row.before.grade === row.after.grade)).toBe(true);
    expect(res.removedFindings).toBe(0);
    for (const c of res.contracts) expect(c.after).toEqual(c.before);
  });

  test.prop([arbCase(), fc.nat(), fc.nat()])("a renamed item keeps its findings' scores", ([r, quarters], d, i) => {
    const draft = structuredClone(r);
    const dims = draft.dimensions.filter((x) => x.source === "findings");
    const item = dims[d % dims.length]!.items[i % dims[d % dims.length]!.items.length]!;
    item.label = { "zh-CN": `${item.label["zh-CN"]}（改）`, en: `${item.label.en} (renamed)` };
    const res = whatIfRescore(draft, quarters);
    for (const q of quarters) expect(rowOf(res, q).after).toEqual(rowOf(res, q).before);
  });

  test.prop([arbCase(), fc.nat()])("a removed item's findings are left out and counted", ([r, quarters], pick) => {
    const at = multiItemDim(r);
    fc.pre(at >= 0);
    const draft = structuredClone(r);
    const [gone] = draft.dimensions[at]!.items.splice(pick % draft.dimensions[at]!.items.length, 1);
    const res = whatIfRescore(draft, quarters);
    let total = 0;
    for (const q of quarters) {
      const n = q.input.findings.filter((f) => f.itemId === gone!.id).length;
      total += n;
      const byHand = scoreQuarter(draft, { ...q.input, findings: q.input.findings.filter((f) => f.itemId !== gone!.id) });
      expect(rowOf(res, q)).toMatchObject({ removedFindings: n, after: { total: byHand.total, grade: byHand.grade } });
    }
    expect(res.removedFindings).toBe(total);
  });

  test.prop([arbCase(), fc.nat()])("answers to a removed question are dropped from the tally", ([r, quarters], pick) => {
    fc.pre(r.questionnaire.length >= 2);
    const draft = structuredClone(r);
    const [gone] = draft.questionnaire.splice(pick % draft.questionnaire.length, 1);
    const res = whatIfRescore(draft, quarters);
    for (const q of quarters) {
      const { [gone!.id]: _dropped, ...questions } = q.input.survey.questions;
      const byHand = scoreQuarter(draft, { ...q.input, survey: { respondents: q.input.survey.respondents, questions } });
      expect(rowOf(res, q).after).toEqual({ total: byHand.total, grade: byHand.grade });
      expect(rowOf(res, q).removedFindings).toBe(0);
    }
  });

  test.prop([arbCase()])("a new question has no answers: the tally and the totals stay as they were", ([r, quarters]) => {
    const draft = structuredClone(r);
    draft.questionnaire.push({ id: "brand-new", label: { "zh-CN": "新问题", en: "New question" } });
    const res = whatIfRescore(draft, quarters);
    for (const q of quarters) expect(rowOf(res, q).change).toBe(0);
  });

  test.prop([arbCase(arbDefaultRubric)])("removed veto and bonus items no longer count", ([r, quarters]) => {
    const draft = { ...structuredClone(r), vetoItems: [], bonusItems: [] };
    const res = whatIfRescore(draft, quarters);
    for (const q of quarters) {
      const byHand = scoreQuarter(draft, { ...q.input, vetoes: [], bonuses: [] });
      expect(rowOf(res, q).after).toEqual({ total: byHand.total, grade: byHand.grade });
    }
    expect(res.contracts.every((c) => !c.after.reasons.some((x) => x.rule === "veto"))).toBe(true);
  });

  test.prop([arbCase(fc.constantFrom(defaultRubric("catering"), defaultRubric("property")))])(
    "lowering one dimension and raising another changes totals as scoreQuarter says",
    ([r, quarters]) => {
      const draft = structuredClone(r);
      const survey = draft.dimensions.find((d) => d.source === "survey")!;
      const quality = draft.dimensions.find((d) => d.id === "quality")!;
      quality.max -= 5;
      survey.max += 5;
      const res = whatIfRescore(draft, quarters);
      for (const q of quarters) {
        const byHand = scoreQuarter(draft, q.input);
        const row = rowOf(res, q);
        expect(row.after).toEqual({ total: byHand.total, grade: byHand.grade });
        expect(row.change).toBe(Math.round((byHand.total - q.finalised.total) * 10) / 10);
      }
    },
  );

  test.prop([arbCase(), fc.record({ minQuarters: fc.integer({ min: 1, max: 4 }) })])(
    "rows are sorted by the size of the change; contracts carry both recommendations",
    ([r, quarters], policy) => {
      const draft = structuredClone(r);
      draft.lateFactor += 1;
      draft.overdueFactor += 2;
      const res = whatIfRescore(draft, quarters, policy);
      for (let k = 1; k < res.rows.length; k++) {
        const a = res.rows[k - 1]!;
        const b = res.rows[k]!;
        const cmp =
          Math.abs(b.change) - Math.abs(a.change) ||
          (a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0) ||
          comparePeriods(a.period, b.period);
        expect(cmp).toBeLessThan(0);
      }
      const ids = [...new Set(quarters.map((q) => q.contractId))].sort();
      expect(res.contracts.map((c) => c.contractId)).toEqual(ids);
      for (const c of res.contracts) {
        const mine = quarters.filter((q) => q.contractId === c.contractId);
        expect(c.before).toEqual(recommendRenewal(mine.map((q) => ({ period: q.period, ...q.finalised })), policy));
        const after = mine.map((q) => {
          const s = scoreQuarter(draft, q.input);
          return { period: q.period, total: s.total, grade: s.grade, vetoed: s.vetoed, provisional: s.provisional };
        });
        expect(c.after).toEqual(recommendRenewal(after, policy));
      }
    },
  );

  test.prop([arbCase(), fc.nat()])("never changes the draft or the quarters", ([r, quarters], pick) => {
    const draft = structuredClone(r);
    const at = multiItemDim(draft);
    if (at >= 0) draft.dimensions[at]!.items.splice(pick % draft.dimensions[at]!.items.length, 1);
    draft.questionnaire = draft.questionnaire.slice(1).concat({ id: "new-q", label: { "zh-CN": "新", en: "New" } });
    const copy = structuredClone(quarters);
    const draftCopy = structuredClone(draft);
    whatIfRescore(deepFreeze(draft), deepFreeze(quarters));
    expect(quarters).toEqual(copy);
    expect(draft).toEqual(draftCopy);
  });

  it("refuses a bad draft at the draft's field, and a broken quarter at its own", () => {
    const r = defaultRubric("greening");
    const bad = structuredClone(r);
    bad.dimensions[0]!.max -= 1;
    expect(errorPath(() => whatIfRescore(bad, []))).toBe("dimensions");
    const negative = structuredClone(r);
    negative.dimensions[0]!.items[0]!.deduction.minor = -1;
    expect(errorPath(() => whatIfRescore(negative, []))).toBe("dimensions[0].items[0].deduction.minor");
    const input: QuarterInput = { period: "2026-Q1", asOf: "2026-04-05", survey: { respondents: 0, questions: {} }, findings: [] };
    const ok = finalise(r, "c1", input);
    const broken = { ...ok, period: "2026-Q2", input: { ...input, period: "2026-Q2", asOf: "not a day" } };
    expect(errorPath(() => whatIfRescore(r, [ok, broken]))).toBe("quarters[1].input.asOf");
  });

  it("an empty list gives an empty result", () => {
    expect(whatIfRescore(defaultRubric("meeting"), [])).toEqual({ rows: [], removedFindings: 0, contracts: [] });
  });
});
