import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arbAnyRubric, arbDefaultRubric, arbRubric, deepFreeze, errorPath } from "./arbitraries";
import type { Rubric } from "./types";
import { validateRubric } from "./validate";

/** A rubric as loose data, for breaking it. */
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const surveyAt = (r: Rubric) => r.dimensions.findIndex((d) => d.source === "survey");
const findingsAt = (r: Rubric) => r.dimensions.findIndex((d) => d.source === "findings");
const bandAt = (r: Rubric, grade: string) => r.gradeBands.findIndex((b) => b.grade === grade);

interface BreakCase {
  name: string;
  /** Breaks a copy of a valid rubric; returns what to validate and the expected path. */
  apply: (r: Loose, valid: Rubric) => { path: string; skip?: boolean };
}

const cases: BreakCase[] = [
  { name: "an empty id", apply: (r) => ((r.id = ""), { path: "id" }) },
  { name: "a version that is not a string", apply: (r) => ((r.version = 3), { path: "version" }) },
  { name: "an unknown service type", apply: (r) => ((r.serviceType = "laundry"), { path: "serviceType" }) },
  {
    name: "dimension maxima not adding up to 100",
    apply: (r, v) => {
      r.dimensions[surveyAt(v)].max = (Math.round(v.dimensions[surveyAt(v)]!.max * 100) + 100) / 100;
      return { path: "dimensions" };
    },
  },
  {
    name: "a dimension max of 0",
    apply: (r, v) => ((r.dimensions[surveyAt(v)].max = 0), { path: `dimensions[${surveyAt(v)}].max` }),
  },
  {
    name: "a dimension max with two decimals",
    apply: (r, v) => ((r.dimensions[surveyAt(v)].max += 0.01), { path: `dimensions[${surveyAt(v)}].max` }),
  },
  {
    name: "two survey dimensions",
    apply: (r, v) => {
      const f = findingsAt(v);
      r.dimensions[f].source = "survey";
      r.dimensions[f].items = [];
      return { path: `dimensions[${Math.max(f, surveyAt(v))}].source` };
    },
  },
  {
    name: "no survey dimension",
    apply: (r, v) => {
      const d = r.dimensions[surveyAt(v)];
      d.source = "findings";
      d.items = [{ id: `${v.serviceType}.extra.item`, label: { "zh-CN": "新", en: "new" }, deduction: { minor: 0.1, major: 0.1, critical: 0.1 } }];
      return { path: "dimensions" };
    },
  },
  {
    name: "a survey dimension with items",
    apply: (r, v) => {
      const s = surveyAt(v);
      r.dimensions[s].items = [structuredClone(v.dimensions[findingsAt(v)]!.items[0])];
      return { path: `dimensions[${s}].items` };
    },
  },
  {
    name: "a findings dimension without items",
    apply: (r, v) => ((r.dimensions[findingsAt(v)].items = []), { path: `dimensions[${findingsAt(v)}].items` }),
  },
  {
    name: "a deduction below 0.1",
    apply: (r, v) => {
      r.dimensions[findingsAt(v)].items[0].deduction.minor = 0.09;
      return { path: `dimensions[${findingsAt(v)}].items[0].deduction.minor` };
    },
  },
  {
    name: "a deduction above the dimension max",
    apply: (r, v) => {
      const f = findingsAt(v);
      r.dimensions[f].items[0].deduction.critical = v.dimensions[f]!.max + 0.1;
      return { path: `dimensions[${f}].items[0].deduction.critical` };
    },
  },
  {
    name: "a major deduction below the minor one",
    apply: (r, v) => {
      const f = findingsAt(v);
      const max = v.dimensions[f]!.max;
      r.dimensions[f].items[0].deduction = { minor: max, major: 0.1, critical: max };
      return { path: `dimensions[${f}].items[0].deduction.major`, skip: max < 0.2 };
    },
  },
  {
    name: "a critical deduction below the major one",
    apply: (r, v) => {
      const f = findingsAt(v);
      const max = v.dimensions[f]!.max;
      r.dimensions[f].items[0].deduction = { minor: 0.1, major: max, critical: 0.1 };
      return { path: `dimensions[${f}].items[0].deduction.critical`, skip: max < 0.2 };
    },
  },
  {
    name: "a deduction that is NaN",
    apply: (r, v) => {
      r.dimensions[findingsAt(v)].items[0].deduction.major = Number.NaN;
      return { path: `dimensions[${findingsAt(v)}].items[0].deduction.major` };
    },
  },
  {
    name: "an item id of another service type",
    apply: (r, v) => {
      r.dimensions[findingsAt(v)].items[0].id = `${v.serviceType === "catering" ? "greening" : "catering"}.x.y`;
      return { path: `dimensions[${findingsAt(v)}].items[0].id` };
    },
  },
  {
    name: "a veto id that repeats an item id",
    apply: (r, v) => {
      r.vetoItems.push({ id: v.dimensions[findingsAt(v)]!.items[0]!.id, label: { "zh-CN": "否决", en: "veto" } });
      return { path: `vetoItems[${v.vetoItems.length}].id` };
    },
  },
  {
    name: "a bonus id without the service-type prefix",
    apply: (r, v) => {
      r.bonusItems.push({ id: "flood-duty", label: { "zh-CN": "防汛", en: "flood" }, points: 1 });
      return { path: `bonusItems[${v.bonusItems.length}].id` };
    },
  },
  {
    name: "an empty English item label",
    apply: (r, v) => {
      r.dimensions[findingsAt(v)].items[0].label.en = " ";
      return { path: `dimensions[${findingsAt(v)}].items[0].label.en` };
    },
  },
  {
    name: "a question without a Chinese label",
    apply: (r) => (delete r.questionnaire[0].label["zh-CN"], { path: "questionnaire[0].label.zh-CN" }),
  },
  {
    name: "a bonus item worth 0 points",
    apply: (r, v) => {
      r.bonusItems.push({ id: `${v.serviceType}.bonus.zero`, label: { "zh-CN": "零", en: "zero" }, points: 0 });
      return { path: `bonusItems[${v.bonusItems.length}].points` };
    },
  },
  { name: "a negative bonus cap", apply: (r) => ((r.bonusCap = -1), { path: "bonusCap" }) },
  {
    name: "grade bands without fail",
    apply: (r, v) => (r.gradeBands.splice(bandAt(v, "fail"), 1), { path: "gradeBands" }),
  },
  {
    name: "a fail band above 0",
    apply: (r, v) => {
      const i = bandAt(v, "fail");
      r.gradeBands[i].min = 0.1;
      return { path: `gradeBands[${i}].min`, skip: v.gradeBands.some((b) => b.grade !== "fail" && b.min <= 0.1) };
    },
  },
  {
    name: "a grade appearing twice",
    apply: (r, v) => (r.gradeBands.push({ grade: "fail", min: 0 }), { path: `gradeBands[${v.gradeBands.length}].grade` }),
  },
  {
    name: "an unknown grade",
    apply: (r, v) => (r.gradeBands.push({ grade: "outstanding", min: 99 }), { path: `gradeBands[${v.gradeBands.length}].grade` }),
  },
  {
    name: "a band min above 100",
    apply: (r, v) => (r.gradeBands.push({ grade: "excellent", min: 101 }), { path: `gradeBands[${v.gradeBands.length}].min`, skip: bandAt(v, "excellent") >= 0 }),
  },
  {
    name: "grade bands not descending",
    apply: (r) => {
      r.gradeBands = [
        { grade: "excellent", min: 70 },
        { grade: "good", min: 80 },
        { grade: "fail", min: 0 },
      ];
      return { path: "gradeBands[1].min" };
    },
  },
  { name: "a lateFactor of 1", apply: (r) => ((r.lateFactor = 1), { path: "lateFactor" }) },
  {
    name: "a lateFactor too close to 1 to show after rounding",
    apply: (r, v) => {
      const f = findingsAt(v);
      r.dimensions[f].items[0].deduction.minor = 0.1;
      r.lateFactor = 1.001;
      return { path: "lateFactor" };
    },
  },
  { name: "an overdueFactor below lateFactor", apply: (r, v) => ((r.overdueFactor = v.lateFactor - 0.005), { path: "overdueFactor" }) },
  { name: "an infinite overdueFactor", apply: (r) => ((r.overdueFactor = Infinity), { path: "overdueFactor" }) },
  { name: "a repeatFactor below 1", apply: (r) => ((r.repeatFactor = 0.99), { path: "repeatFactor" }) },
  { name: "a repeatFactor of 0", apply: (r) => ((r.repeatFactor = 0), { path: "repeatFactor" }) },
  { name: "a negative repeatFactor", apply: (r) => ((r.repeatFactor = -1.5), { path: "repeatFactor" }) },
  { name: "a NaN repeatFactor", apply: (r) => ((r.repeatFactor = Number.NaN), { path: "repeatFactor" }) },
  { name: "an infinite repeatFactor", apply: (r) => ((r.repeatFactor = Infinity), { path: "repeatFactor" }) },
  { name: "a repeatFactor that is not a number", apply: (r) => ((r.repeatFactor = "1.5"), { path: "repeatFactor" }) },
  { name: "a null repeatFactor", apply: (r) => ((r.repeatFactor = null), { path: "repeatFactor" }) },
  {
    name: "a repeatFactor too close to 1 to show after rounding",
    apply: (r, v) => {
      const f = findingsAt(v);
      r.dimensions[f].items[0].deduction.minor = 0.1;
      r.repeatFactor = 1.001;
      return { path: "repeatFactor" };
    },
  },
  {
    name: "satisfiedAtOrAbove of 1",
    apply: (r) => ((r.satisfaction.satisfiedAtOrAbove = 1), { path: "satisfaction.satisfiedAtOrAbove" }),
  },
  {
    name: "satisfiedAtOrAbove of 3.5",
    apply: (r) => ((r.satisfaction.satisfiedAtOrAbove = 3.5), { path: "satisfaction.satisfiedAtOrAbove" }),
  },
  {
    name: "a floor rate at the target rate",
    apply: (r, v) => ((r.satisfaction.floorRate = v.satisfaction.targetRate), { path: v.satisfaction.targetRate >= 1 ? "satisfaction.floorRate" : "satisfaction.targetRate" }),
  },
  { name: "a target rate above 1", apply: (r) => ((r.satisfaction.targetRate = 1.1), { path: "satisfaction.targetRate" }) },
  { name: "a negative floor rate", apply: (r) => ((r.satisfaction.floorRate = -0.1), { path: "satisfaction.floorRate" }) },
  { name: "minRespondents of 0", apply: (r) => ((r.satisfaction.minRespondents = 0), { path: "satisfaction.minRespondents" }) },
  { name: "an empty questionnaire", apply: (r) => ((r.questionnaire = []), { path: "questionnaire" }) },
  {
    name: "a repeated question id",
    apply: (r, v) => (r.questionnaire.push(structuredClone(v.questionnaire[0])), { path: `questionnaire[${v.questionnaire.length}].id` }),
  },
  { name: "a dimension that is not an object", apply: (r) => ((r.dimensions[0] = "quality"), { path: "dimensions[0]" }) },
];

describe("validateRubric accepts", () => {
  test.prop([arbRubric()])("every generated rubric", (r) => {
    expect(validateRubric(r)).toEqual(r);
  });

  test.prop([arbDefaultRubric])("the four default rubrics", (r) => {
    expect(validateRubric(r)).toEqual(r);
  });

  test.prop([arbAnyRubric, fc.constantFrom(1, 1.01, 1.5, 2, 10)])("a repeatFactor of 1 or more, kept as given", (r, f) => {
    expect(validateRubric({ ...r, repeatFactor: f }).repeatFactor).toBe(f);
  });

  test.prop([arbAnyRubric])("a rubric without repeatFactor, returned without one", (r) => {
    const { repeatFactor: _dropped, ...without } = r;
    expect("repeatFactor" in validateRubric(without)).toBe(false);
  });
});

describe("validateRubric returns a copy", () => {
  test.prop([arbAnyRubric])("sharing no object with its argument", (r) => {
    const out = validateRubric(r);
    expect(out).not.toBe(r);
    expect(out.dimensions[0]).not.toBe(r.dimensions[0]);
    expect(out.satisfaction).not.toBe(r.satisfaction);
    expect(out.gradeBands).not.toBe(r.gradeBands);
    expect(Object.isFrozen(out)).toBe(false);
  });

  test.prop([arbAnyRubric])("without touching its (frozen) argument", (r) => {
    const before = JSON.stringify(r);
    validateRubric(deepFreeze(r));
    expect(JSON.stringify(r)).toBe(before);
  });

  test.prop([arbAnyRubric])("holding only the known fields", (r) => {
    const out = validateRubric({ ...r, extra: 1, dimensions: r.dimensions.map((d) => ({ ...d, note: "x" })) });
    expect(out).toStrictEqual(validateRubric(r));
  });
});

describe("validateRubric refuses", () => {
  test.prop([fc.constantFrom(null, undefined, 3, "rubric", [])])("something that is not an object, at the root", (value) => {
    expect(errorPath(() => validateRubric(value))).toBe("");
  });

  for (const c of cases) {
    test.prop([arbAnyRubric])(`${c.name}, naming the field`, (valid) => {
      const broken = structuredClone(valid) as Loose;
      const { path, skip } = c.apply(broken, valid);
      fc.pre(skip !== true);
      expect(errorPath(() => validateRubric(broken))).toBe(path);
    });
  }
});
