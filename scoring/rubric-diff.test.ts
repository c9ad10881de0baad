import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbAnyRubric, arbRubric, deepFreeze } from "./arbitraries";
import { diffRubrics, type Change, type RubricDiff } from "./rubric-diff";
import { defaultRubric, defaultRubricVersion } from "./rubrics/index";
import type { Rubric } from "./types";

const PARTS = ["dimensions", "items", "vetoItems", "bonusItems", "questions", "settings"] as const;

const empty: RubricDiff = { dimensions: [], items: [], vetoItems: [], bonusItems: [], questions: [], settings: [] };

/** Every change of a diff with the part it is in. */
const all = (d: RubricDiff) => PARTS.flatMap((part) => d[part].map((c) => ({ part, ...c })));

const findingsDims = (r: Rubric) => r.dimensions.map((d, i) => ({ d, i })).filter(({ d }) => d.source === "findings");

/** One edit of a rubric and the single change the diff must report for it. */
type Edit = (r: Rubric, pick: number) => { part: (typeof PARTS)[number]; change: Change } | null;

/** The "changed" change of one number. */
const numberChange = (part: (typeof PARTS)[number], id: string, path: string, label: Change["label"], field: string, before: number, after: number) => ({
  part,
  change: { kind: "changed" as const, id, path, label, field, before, after },
});

const edits: Record<string, Edit> = {
  "a deduction": (r, pick) => {
    const dims = findingsDims(r);
    const { d, i } = dims[pick % dims.length]!;
    const j = pick % d.items.length;
    const item = d.items[j]!;
    const old = item.deduction.major;
    item.deduction.major = old + 0.5;
    const path = `dimensions[${i}].items[${j}]`;
    return {
      part: "items",
      change: { kind: "changed", id: item.id, path: `${path}.deduction.major`, label: item.label, field: "deduction.major", before: old, after: old + 0.5 },
    };
  },
  "an item's label": (r, pick) => {
    const dims = findingsDims(r);
    const { d, i } = dims[pick % dims.length]!;
    const j = pick % d.items.length;
    const item = d.items[j]!;
    const old = item.label;
    item.label = { ...old, en: `${old.en} (new)` };
    return { part: "items", change: { kind: "renamed", id: item.id, path: `dimensions[${i}].items[${j}]`, label: item.label, before: old, after: item.label } };
  },
  "a removed item": (r, pick) => {
    const dims = findingsDims(r);
    const { d, i } = dims[pick % dims.length]!;
    const j = pick % d.items.length;
    const [item] = d.items.splice(j, 1);
    return { part: "items", change: { kind: "removed", id: item!.id, path: `dimensions[${i}].items[${j}]`, label: item!.label } };
  },
  "an added item": (r, pick) => {
    const dims = findingsDims(r);
    const { d, i } = dims[pick % dims.length]!;
    const j = pick % (d.items.length + 1);
    const item = { id: `${r.serviceType}.new.item`, label: { "zh-CN": "新", en: "New" }, deduction: { minor: 0.1, major: 0.2, critical: 0.3 } };
    d.items.splice(j, 0, item);
    return { part: "items", change: { kind: "added", id: item.id, path: `dimensions[${i}].items[${j}]`, label: item.label } };
  },
  "an item moved to another dimension": (r, pick) => {
    const dims = findingsDims(r);
    if (dims.length < 2) return null;
    const from = dims[pick % dims.length]!;
    const to = dims[(pick + 1) % dims.length]!;
    const [item] = from.d.items.splice(pick % from.d.items.length, 1);
    to.d.items.push(item!);
    const path = `dimensions[${to.i}].items[${to.d.items.length - 1}]`;
    return { part: "items", change: { kind: "changed", id: item!.id, path, label: item!.label, field: "dimension", before: from.d.id, after: to.d.id } };
  },
  "a dimension's max": (r, pick) => {
    const i = pick % r.dimensions.length;
    const d = r.dimensions[i]!;
    const old = d.max;
    d.max = old + 1;
    return numberChange("dimensions", d.id, `dimensions[${i}].max`, d.label, "max", old, d.max);
  },
  "a dimension's label": (r, pick) => {
    const i = pick % r.dimensions.length;
    const d = r.dimensions[i]!;
    const old = d.label;
    d.label = { ...old, "zh-CN": `${old["zh-CN"]}（新）` };
    return { part: "dimensions", change: { kind: "renamed", id: d.id, path: `dimensions[${i}]`, label: d.label, before: old, after: d.label } };
  },
  "a removed veto item": (r, pick) => {
    if (r.vetoItems.length === 0) return null;
    const j = pick % r.vetoItems.length;
    const [v] = r.vetoItems.splice(j, 1);
    return { part: "vetoItems", change: { kind: "removed", id: v!.id, path: `vetoItems[${j}]`, label: v!.label } };
  },
  "a bonus item's points": (r, pick) => {
    if (r.bonusItems.length === 0) return null;
    const j = pick % r.bonusItems.length;
    const b = r.bonusItems[j]!;
    const old = b.points;
    b.points = old + 1;
    return numberChange("bonusItems", b.id, `bonusItems[${j}].points`, b.label, "points", old, b.points);
  },
  "an added question": (r, pick) => {
    const j = pick % (r.questionnaire.length + 1);
    const q = { id: "q-new", label: { "zh-CN": "新问题", en: "New question" } };
    r.questionnaire.splice(j, 0, q);
    return { part: "questions", change: { kind: "added", id: q.id, path: `questionnaire[${j}]`, label: q.label } };
  },
  "a removed question": (r, pick) => {
    const j = pick % r.questionnaire.length;
    const [q] = r.questionnaire.splice(j, 1);
    return { part: "questions", change: { kind: "removed", id: q!.id, path: `questionnaire[${j}]`, label: q!.label } };
  },
  "the late factor": (r) => {
    const old = r.lateFactor;
    r.lateFactor = old + 0.25;
    return {
      part: "settings",
      change: { kind: "changed", id: "lateFactor", path: "lateFactor", label: { "zh-CN": "逾期整改系数", en: "Late factor" }, field: "lateFactor", before: old, after: old + 0.25 },
    };
  },
  "the repeat factor": (r) => {
    const old = r.repeatFactor ?? 1;
    r.repeatFactor = old + 0.5;
    return {
      part: "settings",
      change: { kind: "changed", id: "repeatFactor", path: "repeatFactor", label: { "zh-CN": "重复问题系数", en: "Repeat factor" }, field: "repeatFactor", before: old, after: old + 0.5 },
    };
  },
  "the fail band": (r) => {
    const i = r.gradeBands.findIndex((b) => b.grade === "fail");
    const old = r.gradeBands[i]!.min;
    r.gradeBands[i]!.min = old + 0.1;
    return {
      part: "settings",
      change: { kind: "changed", id: "gradeBands.fail", path: `gradeBands[${i}].min`, label: { "zh-CN": "不合格等次下限", en: "Fail from" }, field: "gradeBands.fail", before: old, after: old + 0.1 },
    };
  },
  "the target rate": (r) => {
    const old = r.satisfaction.targetRate;
    r.satisfaction.targetRate = old / 2;
    return {
      part: "settings",
      change: {
        kind: "changed",
        id: "satisfaction.targetRate",
        path: "satisfaction.targetRate",
        label: { "zh-CN": "满分满意率", en: "Full-points rate" },
        field: "satisfaction.targetRate",
        before: old,
        after: old / 2,
      },
    };
  },
};

describe("diffRubrics", () => {
  test.prop([arbAnyRubric])("a rubric against itself (or a copy) has no changes", (r) => {
    expect(diffRubrics(r, r)).toEqual(empty);
    expect(diffRubrics(r, structuredClone(r))).toEqual(empty);
  });

  test.prop([arbAnyRubric, fc.constantFrom(...Object.keys(edits)), fc.nat()])("a single edit is reported as exactly that edit", (r, name, pick) => {
    const after = structuredClone(r);
    const expected = edits[name]!(after, pick);
    fc.pre(expected !== null);
    const diff = diffRubrics(deepFreeze(r), after);
    expect(all(diff)).toEqual([{ part: expected!.part, ...expected!.change }]);
  });

  test.prop([arbRubric("catering"), arbRubric("catering")])("what one way adds, the other way removes", (a, b) => {
    const ab = diffRubrics(a, b);
    const ba = diffRubrics(b, a);
    for (const part of PARTS) {
      const ids = (d: RubricDiff, kind: Change["kind"]) => d[part].filter((c) => c.kind === kind).map((c) => c.id).sort();
      expect(ids(ab, "added")).toEqual(ids(ba, "removed"));
      expect(ids(ab, "removed")).toEqual(ids(ba, "added"));
      expect(ids(ab, "renamed")).toEqual(ids(ba, "renamed"));
    }
  });

  test.prop([arbAnyRubric])("never changes its arguments", (r) => {
    const other = structuredClone(r);
    other.dimensions.reverse();
    diffRubrics(deepFreeze(r), deepFreeze(other));
  });

  it("2026.1 → 2026.2 of the defaults is the repeat factor alone", () => {
    const diff = diffRubrics(defaultRubricVersion("catering", "2026.1"), defaultRubricVersion("catering", "2026.2"));
    expect(all(diff)).toEqual([
      {
        part: "settings",
        kind: "changed",
        id: "repeatFactor",
        path: "repeatFactor",
        label: { "zh-CN": "重复问题系数", en: "Repeat factor" },
        field: "repeatFactor",
        before: 1,
        after: 1.5,
      },
    ]);
  });

  it("lists changes in the new order, removed ones where they were", () => {
    const before = defaultRubric("catering");
    const after = structuredClone(before);
    const quality = after.dimensions[0]!;
    const removed = quality.items.splice(1, 1)[0]!; // tableware-disinfection
    const added = { id: "catering.quality.allergens", label: { "zh-CN": "过敏原标识", en: "Allergen labels" }, deduction: { minor: 1, major: 2, critical: 4 } };
    quality.items.unshift(added);
    quality.items[3]!.deduction.minor += 0.5;
    quality.max -= 5;
    after.dimensions[1]!.max += 5;
    const diff = diffRubrics(before, after);
    expect(diff.items.map((c) => [c.kind, c.id, c.path])).toEqual([
      ["added", "catering.quality.allergens", "dimensions[0].items[0]"],
      ["removed", removed.id, "dimensions[0].items[1]"],
      ["changed", quality.items[3]!.id, "dimensions[0].items[3].deduction.minor"],
    ]);
    expect(diff.dimensions.map((c) => [c.id, c.field, c.before, c.after])).toEqual([
      ["quality", "max", before.dimensions[0]!.max, before.dimensions[0]!.max - 5],
      ["satisfaction", "max", before.dimensions[1]!.max, before.dimensions[1]!.max + 5],
    ]);
  });

  it("a removed grade band and a removed first item", () => {
    const before = defaultRubric("greening");
    const after = structuredClone(before);
    const first = after.dimensions[0]!.items.shift()!;
    after.gradeBands = after.gradeBands.filter((b) => b.grade !== "good");
    const diff = diffRubrics(before, after);
    expect(diff.items[0]).toMatchObject({ kind: "removed", id: first.id, path: "dimensions[0].items[0]" });
    const goodAt = before.gradeBands.findIndex((b) => b.grade === "good");
    expect(diff.settings).toEqual([
      { kind: "removed", id: "gradeBands.good", path: `gradeBands[${goodAt}].min`, label: { "zh-CN": "良好等次下限", en: "Good from" }, before: before.gradeBands[goodAt]!.min },
    ]);
  });
});
