/**
 * Tests of the built-in rubric data (not the engine): the shape SCORING.md
 * promises for every default, and that defaultRubric hands out copies.
 */
import { describe, expect, it } from "vitest";
import { GRADES, SERVICE_TYPES, SEVERITIES, type LocalisedText, type Rubric } from "../types";
import {
  DEFAULT_RUBRIC_VERSION,
  DEFAULT_RUBRICS,
  DIMENSION_LABELS,
  GRADE_LABELS,
  SERVICE_TYPE_LABELS,
  SEVERITY_LABELS,
  defaultRubric,
} from "./index";

const CJK = /[\u4e00-\u9fff]/;

/** Every id in a rubric: dimensions' items, vetoes, bonuses, questions. */
function prefixedIds(rubric: Rubric): string[] {
  return [
    ...rubric.dimensions.flatMap((d) => d.items.map((i) => i.id)),
    ...rubric.vetoItems.map((v) => v.id),
    ...rubric.bonusItems.map((b) => b.id),
    ...rubric.questionnaire.map((q) => q.id),
  ];
}

/** Every label in a rubric, with where it is, for a readable failure. */
function labels(rubric: Rubric): [string, LocalisedText][] {
  return [
    ...rubric.dimensions.flatMap((d): [string, LocalisedText][] => [
      [`dimension ${d.id}`, d.label],
      ...d.items.map((i): [string, LocalisedText] => [i.id, i.label]),
    ]),
    ...rubric.vetoItems.map((v): [string, LocalisedText] => [v.id, v.label]),
    ...rubric.bonusItems.map((b): [string, LocalisedText] => [b.id, b.label]),
    ...rubric.questionnaire.map((q): [string, LocalisedText] => [q.id, q.label]),
  ];
}

function findingsItems(rubric: Rubric) {
  return rubric.dimensions.filter((d) => d.source === "findings").flatMap((d) => d.items);
}

describe.each(SERVICE_TYPES)("default rubric %s", (type) => {
  const rubric = defaultRubric(type);

  it("is identified by its service type and the current version", () => {
    expect(rubric.id).toBe(type);
    expect(rubric.serviceType).toBe(type);
    expect(rubric.version).toBe(DEFAULT_RUBRIC_VERSION);
  });

  it("has dimensions whose max points add up to exactly 100", () => {
    // Whole or half points only, so the sum is exact in floating point.
    const sum = rubric.dimensions.reduce((s, d) => s + d.max, 0);
    expect(sum).toBe(100);
  });

  it("has the four standard dimensions, one of them survey-based with no items", () => {
    expect(rubric.dimensions.map((d) => d.id).sort()).toEqual(
      ["duty", "personnel", "quality", "satisfaction"],
    );
    const survey = rubric.dimensions.filter((d) => d.source === "survey");
    expect(survey.map((d) => d.id)).toEqual(["satisfaction"]);
    expect(survey[0]?.items).toEqual([]);
  });

  it("has at least 20 inspection items and at least 3 in every findings dimension", () => {
    expect(findingsItems(rubric).length).toBeGreaterThanOrEqual(20);
    for (const d of rubric.dimensions.filter((x) => x.source === "findings")) {
      expect(d.items.length, `items in ${d.id}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("has at least 6 survey questions, at least 1 veto and at least 1 bonus item", () => {
    expect(rubric.questionnaire.length).toBeGreaterThanOrEqual(6);
    expect(rubric.vetoItems.length).toBeGreaterThanOrEqual(1);
    expect(rubric.bonusItems.length).toBeGreaterThanOrEqual(1);
  });

  it("prefixes every id with the service type and the right section", () => {
    for (const d of rubric.dimensions) {
      for (const i of d.items) expect(i.id.startsWith(`${type}.${d.id}.`), i.id).toBe(true);
    }
    for (const v of rubric.vetoItems) expect(v.id.startsWith(`${type}.veto.`), v.id).toBe(true);
    for (const b of rubric.bonusItems) expect(b.id.startsWith(`${type}.bonus.`), b.id).toBe(true);
    for (const q of rubric.questionnaire) expect(q.id.startsWith(`${type}.q.`), q.id).toBe(true);
    for (const id of prefixedIds(rubric)) expect(id, id).toMatch(/^[a-z]+\.[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("has deductions of at least 0.1, non-decreasing by severity and within the dimension max", () => {
    for (const d of rubric.dimensions) {
      for (const i of d.items) {
        const [minor, major, critical] = SEVERITIES.map((s) => i.deduction[s]);
        expect(Object.keys(i.deduction).sort(), i.id).toEqual([...SEVERITIES].sort());
        expect(minor, i.id).toBeGreaterThanOrEqual(0.1);
        expect(major, i.id).toBeGreaterThanOrEqual(minor!);
        expect(critical, i.id).toBeGreaterThanOrEqual(major!);
        expect(critical, i.id).toBeLessThanOrEqual(d.max);
        // one decimal, like the points the engine reports
        for (const n of [minor, major, critical]) expect(Math.round(n! * 10) / 10, i.id).toBe(n);
      }
    }
  });

  it("has positive bonus points and a cap that at least one bonus can reach", () => {
    for (const b of rubric.bonusItems) expect(b.points, b.id).toBeGreaterThan(0);
    expect(rubric.bonusCap).toBeGreaterThan(0);
    expect(rubric.bonusCap).toBeGreaterThanOrEqual(Math.max(...rubric.bonusItems.map((b) => b.points)));
  });

  it("uses the standard grade bands, late/overdue factors and satisfaction mapping", () => {
    expect(rubric.gradeBands).toEqual([
      { grade: "excellent", min: 90 },
      { grade: "good", min: 80 },
      { grade: "pass", min: 60 },
      { grade: "fail", min: 0 },
    ]);
    expect(rubric.lateFactor).toBe(1.5);
    expect(rubric.overdueFactor).toBe(2);
    expect(rubric.satisfaction).toEqual({
      satisfiedAtOrAbove: 4,
      targetRate: 0.98,
      floorRate: 0.6,
      minRespondents: 10,
    });
  });

  it("labels everything in both languages, with Chinese in the zh-CN label", () => {
    for (const [where, label] of labels(rubric)) {
      expect(Object.keys(label).sort(), where).toEqual(["en", "zh-CN"]);
      expect(label["zh-CN"].trim(), where).not.toBe("");
      expect(label.en.trim(), where).not.toBe("");
      expect(label["zh-CN"], where).toMatch(CJK);
    }
  });

  it("is plain JSON data", () => {
    expect(JSON.parse(JSON.stringify(rubric))).toEqual(rubric);
  });
});

describe("the default rubrics together", () => {
  it("have ids that are unique across all four rubrics", () => {
    const all = SERVICE_TYPES.flatMap((t) => prefixedIds(defaultRubric(t)));
    const seen = new Set<string>();
    const duplicates = all.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(duplicates).toEqual([]);
  });

  it("are keyed by their own service type", () => {
    for (const t of SERVICE_TYPES) expect(DEFAULT_RUBRICS[t].serviceType).toBe(t);
  });

  it("include catering's food-sample retention item and a food-poisoning veto", () => {
    const catering = defaultRubric("catering");
    expect(findingsItems(catering).some((i) => i.id.includes("sample"))).toBe(true);
    expect(catering.vetoItems.some((v) => v.id === "catering.veto.food-poisoning")).toBe(true);
  });

  it("make food-sample retention and tableware disinfection the heaviest catering items", () => {
    const quality = defaultRubric("catering").dimensions.find((d) => d.id === "quality")!;
    const heaviest = Math.max(...quality.items.map((i) => i.deduction.critical));
    for (const id of ["catering.quality.sample-retention", "catering.quality.tableware-disinfection"]) {
      const item = quality.items.find((i) => i.id === id);
      expect(item?.deduction.critical, id).toBe(heaviest);
      // about a fifth of the dimension
      expect(item!.deduction.critical / quality.max, id).toBeGreaterThanOrEqual(0.15);
    }
  });
});

describe("defaultRubric", () => {
  it("returns a deep copy: mutating it does not change the next call", () => {
    const first = defaultRubric("property");
    const pristine = JSON.parse(JSON.stringify(first)) as Rubric;
    first.id = "changed";
    first.dimensions[0]!.max = 1;
    first.dimensions[0]!.items[0]!.deduction.minor = 99;
    first.dimensions[0]!.items[0]!.label["zh-CN"] = "改";
    first.questionnaire.pop();
    first.vetoItems.length = 0;
    expect(defaultRubric("property")).toEqual(pristine);
    expect(DEFAULT_RUBRICS.property).toEqual(pristine);
  });

  it("returns a new object each time", () => {
    expect(defaultRubric("meeting")).not.toBe(defaultRubric("meeting"));
    expect(defaultRubric("meeting")).not.toBe(DEFAULT_RUBRICS.meeting);
  });

  it("returns a mutable copy although the published data is frozen", () => {
    expect(Object.isFrozen(DEFAULT_RUBRICS.greening.dimensions[0]!.items[0]!.deduction)).toBe(true);
    const copy = defaultRubric("greening");
    expect(Object.isFrozen(copy)).toBe(false);
    expect(Object.isFrozen(copy.dimensions[0]!.items[0]!.deduction)).toBe(false);
  });

  it("throws a plain Error for an unknown service type", () => {
    expect(() => defaultRubric("cleaning" as never)).toThrow(Error);
    expect(() => defaultRubric("toString" as never)).toThrow(/toString/);
    expect(() => defaultRubric(undefined as never)).toThrow(Error);
  });
});

describe("display labels", () => {
  it("name every service type, severity, grade and standard dimension in both languages", () => {
    const tables: [string, Record<string, LocalisedText>, readonly string[]][] = [
      ["service type", SERVICE_TYPE_LABELS, SERVICE_TYPES],
      ["severity", SEVERITY_LABELS, SEVERITIES],
      ["grade", GRADE_LABELS, GRADES],
      ["dimension", DIMENSION_LABELS, ["quality", "satisfaction", "duty", "personnel"]],
    ];
    for (const [name, table, keys] of tables) {
      expect(Object.keys(table).sort(), name).toEqual([...keys].sort());
      for (const key of keys) {
        expect(table[key]!["zh-CN"], `${name} ${key}`).toMatch(CJK);
        expect(table[key]!.en.trim(), `${name} ${key}`).not.toBe("");
      }
    }
  });

  it("use the agreed names", () => {
    expect(SERVICE_TYPE_LABELS.catering["zh-CN"]).toBe("餐饮服务");
    expect(SEVERITY_LABELS.major["zh-CN"]).toBe("较重");
    expect(GRADE_LABELS.fail["zh-CN"]).toBe("不合格");
  });
});
