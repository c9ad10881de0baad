/**
 * Properties of scoreQuarter (SCORING.md, "Rules that must hold") on generated
 * rubrics and on the four defaults.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  arbAnyRubric,
  arbDayIn,
  arbFinding,
  arbQuarterInput,
  arbRubricAndInput,
  deepFreeze,
  errorPath,
  permute,
  reorderKeys,
} from "./arbitraries";
import { addDays, dayNumber } from "./dates";
import { scoreQuarter } from "./score";
import { GRADES, type QuarterFinding, type QuarterInput, type QuarterScore, type Rubric } from "./types";

const oneDecimal = (x: number) => Math.round(x * 10) / 10 === x;
const dimensionOf = (r: Rubric, itemId: string) => r.dimensions.find((d) => d.items.some((i) => i.id === itemId))!;
const points = (s: QuarterScore, dimensionId: string) => s.dimensions.find((d) => d.id === dimensionId)!.points;
const probeOf = (s: QuarterScore, dimensionId: string) =>
  s.dimensions.find((d) => d.id === dimensionId)!.deductions.find((d) => d.findingId === "probe")!;
const surveyDimension = (r: Rubric) => r.dimensions.find((d) => d.source === "survey")!;

/** A rubric, a quarter, and one more finding of the same quarter. */
const arbWithExtra = arbRubricAndInput().chain(([r, q]) =>
  fc.tuple(fc.constant(r), fc.constant(q), arbFinding(r, q.period).map((f) => ({ ...f, id: "probe" }))),
);

/**
 * A rubric, a quarter and three versions of one extra finding: rectified in
 * time, rectified late, and still open after its deadline; `asOf` is moved to
 * after the late rectification.
 */
const arbTimeliness = arbRubricAndInput().chain(([r, q]) =>
  fc
    .record({
      probe: arbFinding(r, q.period),
      early: fc.nat(),
      lateBy: fc.integer({ min: 1, max: 40 }),
      asOfAfter: fc.integer({ min: 0, max: 40 }),
      stillOpen: fc.boolean(),
    })
    .map(({ probe, early, lateBy, asOfAfter, stillOpen }) => {
      const dueIn = dayNumber(probe.dueOn) - dayNumber(probe.foundOn);
      const lateOn = addDays(probe.dueOn, lateBy);
      const asOf = addDays(lateOn, asOfAfter);
      const base = { ...probe, id: "probe" };
      const with_ = (f: QuarterFinding): QuarterInput => ({ ...q, asOf, findings: [...q.findings, f] });
      return {
        r,
        dimensionId: dimensionOf(r, probe.itemId).id,
        inTime: with_({ ...base, rectifiedOn: addDays(probe.foundOn, early % (dueIn + 1)) }),
        late: with_({ ...base, rectifiedOn: lateOn }),
        overdue: with_({ ...base, rectifiedOn: stillOpen ? null : addDays(asOf, 1) }),
      };
    }),
);

/** A rubric, a quarter, and a question/value whose count can move one step up. */
const arbAnswerUp = arbRubricAndInput().chain(([r, q]) => {
  const movable = Object.entries(q.survey.questions).flatMap(([id, counts]) =>
    counts.flatMap((c, k) => (c > 0 && k < 4 ? [[id, k] as const] : [])),
  );
  return fc.tuple(fc.constant(r), fc.constant(q), movable.length === 0 ? fc.constant(null) : fc.constantFrom(...movable));
});

describe("scoreQuarter stays in bounds", () => {
  test.prop([arbRubricAndInput()])("total is within 0..100, to one decimal", ([r, q]) => {
    const { total } = scoreQuarter(r, q);
    expect(total >= 0 && total <= 100 && oneDecimal(total)).toBe(true);
  });

  test.prop([arbRubricAndInput()])("each dimension's points are within 0..max, to one decimal", ([r, q]) => {
    for (const d of scoreQuarter(r, q).dimensions) {
      expect(d.points >= 0 && d.points <= d.max && oneDecimal(d.points)).toBe(true);
    }
  });

  test.prop([arbRubricAndInput()])("total is the sum of the dimensions' points plus the bonus, within rounding", ([r, q]) => {
    const s = scoreQuarter(r, q);
    const sum = s.dimensions.reduce((acc, d) => acc + d.points, 0) + s.bonus;
    expect(Math.abs(s.total - sum)).toBeLessThanOrEqual(0.05 + 1e-9);
  });

  test.prop([arbRubricAndInput()])("every number in the result is finite", ([r, q]) => {
    const numbers: unknown[] = [];
    JSON.stringify(scoreQuarter(r, q), (_k, v: unknown) => (typeof v === "number" && numbers.push(v), v));
    expect(numbers.every((n) => Number.isFinite(n))).toBe(true);
  });

  test.prop([arbRubricAndInput()])("the bonus is at most the cap, the entries and the room below 100", ([r, q]) => {
    const s = scoreQuarter(r, q);
    const entries = (q.bonuses ?? []).reduce((acc, b) => acc + r.bonusItems.find((i) => i.id === b.itemId)!.points, 0);
    const room = 100 - s.dimensions.reduce((acc, d) => acc + d.points, 0);
    expect(s.bonus >= 0 && s.bonus <= r.bonusCap && s.bonus <= entries + 1e-9 && s.bonus <= room + 1e-9).toBe(true);
  });

  test.prop([arbRubricAndInput()])("the applied bonus entries add up to the bonus", ([r, q]) => {
    const s = scoreQuarter(r, q);
    expect(s.bonuses).toHaveLength((q.bonuses ?? []).length);
    expect(Math.round(s.bonuses.reduce((acc, b) => acc + b.points * 1000, 0))).toBe(Math.round(s.bonus * 1000));
  });
});

describe("scoreQuarter grades", () => {
  test.prop([arbRubricAndInput()])("a vetoed quarter fails, whatever its points", ([r, q]) => {
    const s = scoreQuarter(r, q);
    expect(s.vetoed).toBe((q.vetoes ?? []).length > 0);
    if (s.vetoed) expect(s.grade).toBe("fail");
  });

  test.prop([arbRubricAndInput()])("a quarter without veto gets the highest band its total reaches", ([r, q]) => {
    const s = scoreQuarter(r, { ...q, vetoes: [] });
    const best = GRADES.find((g) => r.gradeBands.some((b) => b.grade === g && b.min <= s.total));
    expect(s.grade).toBe(best);
  });
});

describe("scoreQuarter deducts", () => {
  test.prop([arbWithExtra])("adding a finding never raises the total", ([r, q, f]) => {
    const before = scoreQuarter(r, q).total;
    expect(scoreQuarter(r, { ...q, findings: [...q.findings, f] }).total).toBeLessThanOrEqual(before);
  });

  test.prop([arbWithExtra])("adding a finding strictly lowers its dimension while that is above 0", ([r, q, f]) => {
    const id = dimensionOf(r, f.itemId).id;
    const before = points(scoreQuarter(r, q), id);
    const after = points(scoreQuarter(r, { ...q, findings: [...q.findings, f] }), id);
    if (before > 0) expect(after).toBeLessThan(before);
    else expect(after).toBe(0);
  });

  test.prop([arbRubricAndInput()])("lists every finding once in its dimension, applying at most its cost", ([r, q]) => {
    const s = scoreQuarter(r, q);
    for (const dim of r.dimensions.filter((d) => d.source === "findings")) {
      const listed = s.dimensions.find((d) => d.id === dim.id)!.deductions;
      expect(listed).toHaveLength(q.findings.filter((f) => dimensionOf(r, f.itemId) === dim).length);
      expect(listed.every((d) => d.points >= 0 && d.cost !== undefined && d.points <= d.cost)).toBe(true);
    }
  });

  test.prop([arbRubricAndInput()])("a dimension's points are its max less the points applied, rounded", ([r, q]) => {
    for (const d of scoreQuarter(r, q).dimensions) {
      const applied = d.deductions.reduce((acc, x) => acc + Math.round(x.points * 1000), 0);
      expect(Math.abs(Math.round(d.max * 1000) - applied - Math.round(d.points * 1000))).toBeLessThanOrEqual(50);
    }
  });

  test.prop([arbTimeliness])("a finding rectified late costs more than one rectified in time", ({ r, dimensionId, inTime, late }) => {
    expect(probeOf(scoreQuarter(r, late), dimensionId).cost!).toBeGreaterThan(probeOf(scoreQuarter(r, inTime), dimensionId).cost!);
  });

  test.prop([arbTimeliness])("a late finding takes more points while its dimension has room", ({ r, dimensionId, inTime, late }) => {
    const onTime = scoreQuarter(r, inTime);
    const tardy = scoreQuarter(r, late);
    const probe = probeOf(tardy, dimensionId);
    expect(points(tardy, dimensionId)).toBeLessThanOrEqual(points(onTime, dimensionId));
    if (probe.points === probe.cost) expect(probe.points).toBeGreaterThan(probeOf(onTime, dimensionId).points);
  });

  test.prop([arbTimeliness])("a finding still open after its deadline costs at least as much as a late one", ({ r, dimensionId, late, overdue }) => {
    const tardy = scoreQuarter(r, late);
    const open = scoreQuarter(r, overdue);
    expect(probeOf(open, dimensionId).cost!).toBeGreaterThanOrEqual(probeOf(tardy, dimensionId).cost!);
    expect(points(open, dimensionId)).toBeLessThanOrEqual(points(tardy, dimensionId));
  });

  test.prop([arbRubricAndInput()])("an open finding still within its deadline costs its plain deduction", ([r, q]) => {
    fc.pre(q.findings.length > 0);
    const f = { ...q.findings[0]!, id: "probe", rectifiedOn: null, repeatOf: null };
    const s = scoreQuarter(r, { ...q, asOf: f.dueOn, findings: [f] });
    const item = dimensionOf(r, f.itemId).items.find((i) => i.id === f.itemId)!;
    expect(probeOf(s, dimensionOf(r, f.itemId).id).cost).toBe(Math.round(item.deduction[f.severity] * 1000) / 1000);
  });
});

describe("scoreQuarter and the survey", () => {
  test.prop([arbAnswerUp])("moving one answer up the scale never lowers the score", ([r, q, move]) => {
    fc.pre(move !== null);
    const [id, k] = move!;
    const up = structuredClone(q);
    up.survey.questions[id]![k]! -= 1;
    up.survey.questions[id]![k + 1]! += 1;
    const [before, after] = [scoreQuarter(r, q), scoreQuarter(r, up)];
    expect(after.total).toBeGreaterThanOrEqual(before.total);
    expect(points(after, surveyDimension(r).id)).toBeGreaterThanOrEqual(points(before, surveyDimension(r).id));
  });

  test.prop([arbRubricAndInput()])("a quarter with fewer respondents than the minimum is provisional", ([r, q]) => {
    const s = scoreQuarter(r, q);
    expect(s.provisional).toBe(q.survey.respondents < r.satisfaction.minRespondents);
    expect(s.satisfaction.sufficient).toBe(!s.provisional);
  });

  test.prop([arbRubricAndInput()])("with no respondents: provisional, rate null, all satisfaction points lost with a reason", ([r, q]) => {
    const s = scoreQuarter(r, { ...q, survey: { respondents: 0, questions: {} } });
    const dim = s.dimensions.find((d) => d.id === surveyDimension(r).id)!;
    expect(s.provisional).toBe(true);
    expect(s.satisfaction.rate).toBeNull();
    expect(dim.points).toBe(0);
    expect(dim.deductions).toEqual([
      expect.objectContaining({ points: dim.max, reason: { "zh-CN": "无有效问卷，满意度得分记 0", en: "No survey answers: satisfaction scores 0" } }),
    ]);
  });

  test.prop([arbRubricAndInput()])("a rate below target is stated as a deduction quoting rate and target", ([r, q]) => {
    const s = scoreQuarter(r, q);
    fc.pre(s.satisfaction.rate !== null && s.satisfaction.rate < r.satisfaction.targetRate);
    const dim = s.dimensions.find((d) => d.id === surveyDimension(r).id)!;
    expect(dim.deductions).toHaveLength(1);
    const [lost] = dim.deductions;
    expect(Math.abs(dim.max - lost!.points - dim.points)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(lost!.reason["zh-CN"]).toMatch(/^满意率 \d+\.\d%，(低于目标|不高于下限) [\d.]+%/);
    expect(lost!.reason.en).toMatch(/^Satisfaction rate \d+\.\d%, (below the|at or below the) [\d.]+% (target|floor)/);
  });

  test.prop([arbRubricAndInput()])("a rate at or above target earns the full satisfaction points", ([r, q]) => {
    const s = scoreQuarter(r, q);
    fc.pre(s.satisfaction.rate !== null && s.satisfaction.rate >= r.satisfaction.targetRate);
    expect(points(s, surveyDimension(r).id)).toBe(surveyDimension(r).max);
  });
});

describe("scoreQuarter is a function of its input's content", () => {
  test.prop([arbRubricAndInput(), fc.nat()])("shuffling the input's arrays and object keys changes nothing", ([r, q], seed) => {
    const shuffled = reorderKeys(
      {
        ...q,
        findings: permute(q.findings, seed),
        bonuses: permute(q.bonuses ?? [], seed + 1),
        vetoes: permute(q.vetoes ?? [], seed + 2),
      },
      seed,
    );
    expect(scoreQuarter(reorderKeys(r, seed + 3), shuffled)).toStrictEqual(scoreQuarter(r, q));
  });

  test.prop([arbRubricAndInput(), fc.nat()])("the order of items, vetoes, bonuses, bands and questions in the rubric changes nothing", ([r, q], seed) => {
    const shuffled: Rubric = {
      ...r,
      dimensions: r.dimensions.map((d, i) => ({ ...d, items: permute(d.items, seed + i) })),
      vetoItems: permute(r.vetoItems, seed + 1),
      bonusItems: permute(r.bonusItems, seed + 2),
      gradeBands: permute(r.gradeBands, seed + 3),
      questionnaire: permute(r.questionnaire, seed + 4),
    };
    expect(scoreQuarter(shuffled, q)).toStrictEqual(scoreQuarter(r, q));
  });

  test.prop([arbRubricAndInput()])("the same input always gives the same output", ([r, q]) => {
    expect(JSON.stringify(scoreQuarter(structuredClone(r), structuredClone(q)))).toBe(JSON.stringify(scoreQuarter(r, q)));
  });

  test.prop([arbRubricAndInput()])("neither the rubric nor the input is mutated", ([r, q]) => {
    const before = JSON.stringify([r, q]);
    scoreQuarter(deepFreeze(r), deepFreeze(q));
    expect(JSON.stringify([r, q])).toBe(before);
  });

  test.prop([arbRubricAndInput()])("a deep-frozen rubric, validated once, scores like a fresh copy", ([r, q]) => {
    const published = deepFreeze(structuredClone(r));
    const first = scoreQuarter(published, q);
    expect([first, scoreQuarter(published, q)]).toStrictEqual([scoreQuarter(r, q), scoreQuarter(r, q)]);
  });

  test.prop([arbRubricAndInput()])("a rubric frozen only at the top is validated on every call", ([r, q]) => {
    const shallow = Object.freeze(structuredClone(r));
    scoreQuarter(shallow, q);
    const f = shallow.dimensions.findIndex((d) => d.source === "findings");
    shallow.dimensions[f]!.items[0]!.deduction.minor = 0.01;
    expect(errorPath(() => scoreQuarter(shallow, q))).toBe(`dimensions[${f}].items[0].deduction.minor`);
  });

  test.prop([arbRubricAndInput()])("the result shares no object with the input", ([r, q]) => {
    const s = scoreQuarter(r, q);
    s.dimensions.forEach((d) => d.deductions.forEach((x) => (x.reason.en = "changed")));
    s.vetoes.forEach((v) => (v.label.en = "changed"));
    s.bonuses.forEach((b) => (b.label.en = "changed"));
    expect(JSON.stringify(r)).not.toContain('"changed"');
  });
});

describe("scoreQuarter on quarters of one period", () => {
  test.prop([arbAnyRubric.chain((r) => fc.tuple(fc.constant(r), arbQuarterInput(r, { period: "2026-Q3" }), arbDayIn("2026-Q3")))])(
    "scores findings on the first and last day of the quarter",
    ([r, q, day]) => {
      fc.pre(q.findings.length > 0);
      const edge = [
        { ...q.findings[0]!, foundOn: "2026-07-01", dueOn: day < "2026-07-01" ? "2026-07-01" : day, rectifiedOn: null },
        { ...q.findings[0]!, foundOn: "2026-09-30", dueOn: "2026-09-30", rectifiedOn: null },
      ];
      expect(() => scoreQuarter(r, { ...q, findings: edge })).not.toThrow();
    },
  );
});
