import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbAnyRubric, arbRubric } from "../../../scoring/arbitraries";
import { ScoringInputError } from "../../../scoring/errors";
import { DEFAULT_RUBRICS_BY_VERSION, DEFAULT_RUBRIC_VERSIONS } from "../../../scoring/rubrics/index";
import { SERVICE_TYPES, type Rubric } from "../../../scoring/types";
import { validateRubric } from "../../../scoring/validate";
import { fieldOfRubricPath, rubricErrorMessage, rubricFieldErrors } from "./errors";
import { formToRubric, rubricToForm, runningTotal, takenIds, type RubricFormValues } from "./form-model";
import { RubricFormSchema } from "./schema";
import { formEntries } from "./test-entries";
import { serverT } from "~/i18n/instance";
import { decodeMsg } from "~/utils/messages";
import { parseEntries } from "~/utils/forms";

const defaults: Rubric[] = DEFAULT_RUBRIC_VERSIONS.flatMap((v) => SERVICE_TYPES.map((t) => structuredClone(DEFAULT_RUBRICS_BY_VERSION[v][t]) as Rubric));

/** The form posted as a browser without JavaScript posts it, parsed by the action's schema. */
function posted(values: RubricFormValues): RubricFormValues {
  const parsed = parseEntries(formEntries(values), RubricFormSchema);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.data;
}

describe("rubricToForm / formToRubric", () => {
  it.each(defaults.map((r) => [`${r.serviceType} ${r.version}`, r] as const))("round-trips the default %s exactly", (_name, r) => {
    expect(formToRubric(rubricToForm(r), r)).toStrictEqual(r);
    expect(formToRubric(posted(rubricToForm(r)), r)).toStrictEqual(r);
  });

  test.prop([arbAnyRubric])("round-trips any valid rubric exactly, also through a posted form", (r) => {
    expect(formToRubric(rubricToForm(r), r)).toStrictEqual(r);
    expect(formToRubric(posted(rubricToForm(r)), r)).toStrictEqual(r);
    expect(validateRubric(formToRubric(posted(rubricToForm(r)), r))).toStrictEqual(r);
  });

  it("keeps a rubric without repeatFactor without one, and takes the version from the form", () => {
    const r = DEFAULT_RUBRICS_BY_VERSION["2026.1"].catering;
    const values = rubricToForm(r);
    expect(values.repeatFactor).toBe("");
    const out = formToRubric({ ...values, version: "2027.1" }, r) as Rubric;
    expect("repeatFactor" in out).toBe(false);
    expect(out).toMatchObject({ id: "catering", version: "2027.1", serviceType: "catering" });
  });

  it("passes text that is no number on as text, for validateRubric to refuse at its field", () => {
    const r = structuredClone(DEFAULT_RUBRICS_BY_VERSION["2026.2"].catering) as Rubric;
    const values = rubricToForm(r);
    values.dimensions[0]!.items[2]!.deduction.major = "六";
    const e = catchError(() => validateRubric(formToRubric(values, r)));
    expect(fieldOfRubricPath(e.path)).toBe("dimensions.0.items.2.deduction.major");
  });

  it("sums the dimensions in tenths exactly", () => {
    expect(runningTotal([{ max: "33.3" }, { max: "33.3" }, { max: "33.4" }])).toBe(100);
    expect(runningTotal([{ max: "45" }, { max: "" }])).toBeNull();
    expect(runningTotal([{ max: "45" }, { max: "54" }])).toBe(99);
  });

  it("lists every item, veto, bonus and question id as taken", () => {
    const r = DEFAULT_RUBRICS_BY_VERSION["2026.2"].catering;
    const taken = takenIds([r]);
    expect(taken).toContain("catering.quality.sample-retention");
    expect(taken).toContain("catering.veto.food-poisoning");
    expect(taken).toContain("catering.bonus.commendation");
    expect(taken).toContain("catering.q.taste");
    expect(new Set(taken).size).toBe(taken.length);
  });
});

describe("RubricFormSchema", () => {
  const r = DEFAULT_RUBRICS_BY_VERSION["2026.2"].catering;
  const refused = (edit: (v: RubricFormValues) => void) => {
    const values = structuredClone(rubricToForm(r));
    edit(values);
    const parsed = parseEntries(formEntries(values), RubricFormSchema);
    expect(parsed.ok).toBe(false);
    return parsed.ok ? {} : parsed.fieldErrors;
  };

  it("refuses an empty label, a word for a number and a number out of range at their fields", () => {
    expect(refused((v) => (v.dimensions[0]!.items[1]!.label.en = " "))["dimensions.0.items.1.label.en"]).toEqual(["form.required"]);
    expect(refused((v) => (v.bonusCap = "五"))["bonusCap"]).toEqual(["rubriceditor.errors.number"]);
    expect(refused((v) => (v.dimensions[1]!.max = "120"))["dimensions.1.max"]).toEqual(['rubriceditor.errors.range|{"min":0,"max":100}']);
    expect(refused((v) => (v.satisfaction.targetRate = "98"))["satisfaction.targetRate"]).toEqual(['rubriceditor.errors.range|{"min":0,"max":1}']);
  });

  it("refuses garbage shapes without throwing", () => {
    for (const entries of [
      [["dimensions", "x"]],
      [["dimensions.0", "x"]],
      [["dimensions.0.items.0.label", "x"]],
      [["gradeBands.0.grade", "best"]],
      [["version", "2027.1"]],
    ] as [string, string][][]) {
      expect(parseEntries(entries, RubricFormSchema).ok).toBe(false);
    }
  });
});

function catchError(fn: () => unknown): ScoringInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScoringInputError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("validateRubric's refusals at the editor's fields", () => {
  const base = () => structuredClone(DEFAULT_RUBRICS_BY_VERSION["2026.2"].catering) as Rubric;
  const zh = serverT("zh-CN");
  const en = serverT("en");

  /** Breaks the rubric through its form values, as the admin would. */
  const cases: [string, (v: RubricFormValues) => void, string, string][] = [
    ["dimensions summing to 99", (v) => (v.dimensions[0]!.max = "44"), "dimensions", "rubriceditor.errors.total"],
    ["a negative deduction", (v) => (v.dimensions[0]!.items[3]!.deduction.minor = "-1"), "dimensions.0.items.3.deduction.minor", "rubriceditor.errors.atLeast"],
    ["a deduction above the dimension's points", (v) => (v.dimensions[2]!.items[0]!.deduction.critical = "99"), "dimensions.2.items.0.deduction.critical", "rubriceditor.errors.aboveMax"],
    ["a major deduction below the minor one", (v) => (v.dimensions[0]!.items[0]!.deduction.major = "1"), "dimensions.0.items.0.deduction.major", "rubriceditor.errors.belowLesser"],
    ["an empty label", (v) => (v.dimensions[0]!.items[1]!.label["zh-CN"] = ""), "dimensions.0.items.1.label.zh-CN", "form.required"],
    ["a duplicated item id", (v) => (v.dimensions[0]!.items[1]!.id = v.dimensions[0]!.items[0]!.id), "dimensions.0.items.1.id", "rubriceditor.errors.duplicateId"],
    ["an item id of another type", (v) => (v.vetoItems[0]!.id = "property.veto.x"), "vetoItems.0.id", "rubriceditor.errors.idPrefix"],
    ["grade bands out of order", (v) => (v.gradeBands[1]!.min = "95"), "gradeBands.1.min", "rubriceditor.errors.bandOrder"],
    ["a fail band above 0", (v) => (v.gradeBands[3]!.min = "1"), "gradeBands.3.min", "rubriceditor.errors.failBandZero"],
    ["a repeat factor below 1", (v) => (v.repeatFactor = "0.9"), "repeatFactor", "rubriceditor.errors.atLeast"],
    ["a repeat factor too close to 1", (v) => (v.repeatFactor = "1.001"), "repeatFactor", "rubriceditor.errors.tooCloseToOne"],
    ["a late factor of 1", (v) => (v.lateFactor = "1"), "lateFactor", "rubriceditor.errors.aboveOne"],
    ["an overdue factor below the late one", (v) => (v.overdueFactor = "1.1"), "overdueFactor", "rubriceditor.errors.overdueFactor"],
    ["a target rate below the floor", (v) => (v.satisfaction.targetRate = "0.5"), "satisfaction.targetRate", "rubriceditor.errors.targetRate"],
    ["a floor rate of 1", (v) => (v.satisfaction.floorRate = "1"), "satisfaction.floorRate", "rubriceditor.errors.floorRate"],
    ["a satisfied threshold of 1", (v) => (v.satisfaction.satisfiedAtOrAbove = "1"), "satisfaction.satisfiedAtOrAbove", "rubriceditor.errors.within"],
    ["a fractional minimum of respondents", (v) => (v.satisfaction.minRespondents = "2.5"), "satisfaction.minRespondents", "form.integer"],
    ["a maximum with two decimals", (v) => ((v.dimensions[0]!.max = "44.95"), (v.dimensions[1]!.max = "35.05")), "dimensions.0.max", "rubriceditor.errors.oneDecimal"],
    ["a bonus of 0 points", (v) => (v.bonusItems[0]!.points = "0"), "bonusItems.0.points", "rubriceditor.errors.positive"],
    ["a findings dimension without items", (v) => (v.dimensions[2]!.items = []), "dimensions.2.items", "rubriceditor.errors.needItem"],
    ["no question", (v) => (v.questionnaire = []), "questionnaire", "rubriceditor.errors.needQuestion"],
    ["a duplicated question id", (v) => (v.questionnaire[1]!.id = v.questionnaire[0]!.id), "questionnaire.1.id", "rubriceditor.errors.duplicateId"],
    ["a negative bonus cap", (v) => (v.bonusCap = "-1"), "bonusCap", "rubriceditor.errors.atLeast"],
  ];

  it.each(cases)("shows %s at its field, in zh-CN and en", (_name, edit, field, key) => {
    const r = base();
    const values = rubricToForm(r);
    edit(values);
    const e = catchError(() => validateRubric(formToRubric(values, r)));
    const errors = rubricFieldErrors(e.path, e.message);
    expect(Object.keys(errors)).toEqual([field]);
    const { key: got, params } = decodeMsg(errors[field]![0]!);
    expect(got, e.message).toBe(key);
    for (const t of [zh, en]) {
      const text = t(got, params);
      expect(text).not.toBe(got);
      expect(text).not.toMatch(/\{\{|\$t\(/);
    }
  });

  it("names the grade in the band-order message in both languages", () => {
    const m = decodeMsg(rubricErrorMessage("gradeBands[1].min", "gradeBands[1].min: must be below excellent's 90, got 95"));
    expect(m).toEqual({ key: "rubriceditor.errors.bandOrder", params: { grade: "excellent", min: "90" } });
    expect(zh(m.key, m.params)).toContain("优秀");
    expect(en(m.key, m.params)).toContain("Excellent");
  });

  it("maps paths with and without indexes, and the whole rubric to the form", () => {
    expect(fieldOfRubricPath("dimensions[1].items[3].deduction.major")).toBe("dimensions.1.items.3.deduction.major");
    expect(fieldOfRubricPath("questionnaire[12].label.zh-CN")).toBe("questionnaire.12.label.zh-CN");
    expect(fieldOfRubricPath("lateFactor")).toBe("lateFactor");
    expect(fieldOfRubricPath("")).toBe("_form");
  });

  it("falls back to validateRubric's English message for a rule it does not know", () => {
    const m = decodeMsg(rubricErrorMessage("x", "x: something new"));
    expect(m).toEqual({ key: "rubriceditor.errors.other", params: { message: "something new" } });
    expect(zh(m.key, m.params)).toContain("something new");
  });

  test.prop([arbRubric().chain((r) => fc.tuple(fc.constant(r), fc.nat({ max: 30 })))])(
    "names a field the form has for any broken deduction",
    ([r, n]) => {
      const values = rubricToForm(r);
      const items = values.dimensions.flatMap((d, i) => d.items.map((_, j) => [i, j] as const));
      const [i, j] = items[n % items.length]!;
      values.dimensions[i]!.items[j]!.deduction.minor = "0";
      const e = catchError(() => validateRubric(formToRubric(values, r)));
      expect(Object.keys(rubricFieldErrors(e.path, e.message))).toEqual([`dimensions.${i}.items.${j}.deduction.minor`]);
    },
  );
});
