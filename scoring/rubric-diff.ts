/**
 * What changed between two versions of a rubric: added, removed and renamed
 * dimensions, items, veto and bonus items and questions, and every number
 * that changed (deductions, maxima, points, factors, grade bands, the
 * satisfaction rule).
 */
import { GRADES, SEVERITIES, type Grade, type LocalisedText, type Rubric, type RubricItem } from "./types";

/** One difference between two rubric versions. */
export interface Change {
  kind: "added" | "removed" | "renamed" | "changed";
  /** The dimension, item or question id; for a setting, its field ("lateFactor", "gradeBands.good"). */
  id: string;
  /** Where it is in `after` (in `before` for a removed one): "dimensions[1].items[3]", "satisfaction.targetRate". */
  path: string;
  /** Its label in `after` (in `before` for a removed one); for a setting, the setting's name. */
  label: LocalisedText;
  /** The old value: a label for "renamed", a number (or dimension id, source) for "changed". */
  before?: unknown;
  /** The new value, like `before`. */
  after?: unknown;
  /** For "changed": which value, e.g. "max", "deduction.major", "points", "dimension", "source". */
  field?: string;
}

/** The differences between two rubric versions, by part, each in `after`'s order (removed ones where they were). */
export interface RubricDiff {
  dimensions: Change[];
  items: Change[];
  vetoItems: Change[];
  bonusItems: Change[];
  questions: Change[];
  settings: Change[];
}

/**
 * Compares two rubrics (versions of the same service type's rubric, as a
 * rule). Dimensions, items, veto and bonus items and questions are matched by
 * id: one only in `after` is "added", one only in `before` "removed", a kept
 * one with another label (in either language) "renamed", and each number of
 * a kept one that differs one "changed" change naming the field. Items are
 * matched across dimensions: an item moved to another dimension is "changed"
 * with field "dimension" (before/after: the dimension ids). A rubric without
 * `repeatFactor` counts as 1. Neither argument is validated or changed.
 *
 * @example
 * const d = diffRubrics(published, draft);
 * d.items.filter((c) => c.kind === "removed").map((c) => c.id); // ["catering.quality.menu"]
 * d.settings[0]; // { kind: "changed", id: "lateFactor", field: "lateFactor", before: 1.5, after: 1.6, ... }
 */
export function diffRubrics(before: Rubric, after: Rubric): RubricDiff {
  return {
    dimensions: diffDimensions(before, after),
    items: diffList(flatItems(before), flatItems(after), (b, a, path) => {
      const out: Change[] = [];
      if (b.dimension !== a.dimension) {
        out.push(changed(a.item.id, path, a.item.label, "dimension", b.dimension, a.dimension));
      }
      for (const s of SEVERITIES) {
        const field = `deduction.${s}`;
        pushNumber(out, a.item.id, `${path}.${field}`, a.item.label, field, b.item.deduction[s], a.item.deduction[s]);
      }
      return out;
    }),
    vetoItems: diffList(plain(before.vetoItems, "vetoItems"), plain(after.vetoItems, "vetoItems"), () => []),
    bonusItems: diffList(plain(before.bonusItems, "bonusItems"), plain(after.bonusItems, "bonusItems"), (b, a, path) => {
      const out: Change[] = [];
      pushNumber(out, a.item.id, `${path}.points`, a.item.label, "points", b.item.points, a.item.points);
      return out;
    }),
    questions: diffList(plain(before.questionnaire, "questionnaire"), plain(after.questionnaire, "questionnaire"), () => []),
    settings: diffSettings(before, after),
  };
}

/** Names of the rubric-wide settings, for the `label` of their changes. */
export const RUBRIC_SETTING_LABELS: Readonly<Record<string, LocalisedText>> = Object.freeze({
  bonusCap: { "zh-CN": "加分上限", en: "Bonus cap" },
  lateFactor: { "zh-CN": "逾期整改系数", en: "Late factor" },
  overdueFactor: { "zh-CN": "逾期未整改系数", en: "Overdue factor" },
  repeatFactor: { "zh-CN": "重复问题系数", en: "Repeat factor" },
  "gradeBands.excellent": { "zh-CN": "优秀等次下限", en: "Excellent from" },
  "gradeBands.good": { "zh-CN": "良好等次下限", en: "Good from" },
  "gradeBands.pass": { "zh-CN": "合格等次下限", en: "Pass from" },
  "gradeBands.fail": { "zh-CN": "不合格等次下限", en: "Fail from" },
  "satisfaction.satisfiedAtOrAbove": { "zh-CN": "满意分值（含）", en: "Satisfied at or above" },
  "satisfaction.targetRate": { "zh-CN": "满分满意率", en: "Full-points rate" },
  "satisfaction.floorRate": { "zh-CN": "零分满意率", en: "Zero-points rate" },
  "satisfaction.minRespondents": { "zh-CN": "最少答卷人数", en: "Minimum respondents" },
});

/** Something matched by id, with its label, where it sits and what else the comparison needs. */
interface Entry<T> {
  id: string;
  label: LocalisedText;
  path: string;
  item: T;
}

function diffDimensions(before: Rubric, after: Rubric): Change[] {
  const entries = (r: Rubric) => r.dimensions.map((d, i) => ({ id: d.id, label: d.label, path: `dimensions[${i}]`, item: d }));
  return diffList(entries(before), entries(after), (b, a, path) => {
    const out: Change[] = [];
    pushNumber(out, a.id, `${path}.max`, a.label, "max", b.max, a.max);
    if (b.source !== a.source) out.push(changed(a.id, `${path}.source`, a.label, "source", b.source, a.source));
    return out;
  });
}

/** Every inspection item, in dimension then item order, with its dimension's id. */
function flatItems(r: Rubric): Entry<{ id: string; label: LocalisedText; dimension: string; item: RubricItem }>[] {
  return r.dimensions.flatMap((d, i) =>
    d.items.map((item, j) => ({
      id: item.id,
      label: item.label,
      path: `dimensions[${i}].items[${j}]`,
      item: { id: item.id, label: item.label, dimension: d.id, item },
    })),
  );
}

function plain<T extends { id: string; label: LocalisedText }>(list: readonly T[], base: string): Entry<{ id: string; label: LocalisedText; item: T }>[] {
  return list.map((item, i) => ({ id: item.id, label: item.label, path: `${base}[${i}]`, item: { id: item.id, label: item.label, item } }));
}

/**
 * Matches two lists by id. In `after`'s order: each entry's own changes
 * ("added", or "renamed" then what `compare` finds); each removed entry right
 * after the last kept entry that preceded it in `before` (first if none).
 */
function diffList<T>(before: readonly Entry<T>[], after: readonly Entry<T>[], compare: (b: T, a: T, path: string) => Change[]): Change[] {
  const afterIds = new Set(after.map((e) => e.id));
  const beforeById = new Map(before.map((e) => [e.id, e]));
  /** Removed entries by the id of the kept entry they follow ("" for the start). */
  const removedAfter = new Map<string, Change[]>();
  let previous = "";
  for (const b of before) {
    if (afterIds.has(b.id)) {
      previous = b.id;
      continue;
    }
    const list = removedAfter.get(previous) ?? [];
    list.push({ kind: "removed", id: b.id, path: b.path, label: b.label });
    removedAfter.set(previous, list);
  }
  const out: Change[] = [...(removedAfter.get("") ?? [])];
  for (const a of after) {
    const b = beforeById.get(a.id);
    if (b === undefined) {
      out.push({ kind: "added", id: a.id, path: a.path, label: a.label });
      continue;
    }
    if (!sameLabel(b.label, a.label)) {
      out.push({ kind: "renamed", id: a.id, path: a.path, label: a.label, before: b.label, after: a.label });
    }
    out.push(...compare(b.item, a.item, a.path));
    out.push(...(removedAfter.get(a.id) ?? []));
  }
  return out;
}

function diffSettings(before: Rubric, after: Rubric): Change[] {
  const out: Change[] = [];
  const setting = (field: string, path: string, b: number | undefined, a: number | undefined) => {
    const label = RUBRIC_SETTING_LABELS[field]!;
    if (b === undefined && a === undefined) return;
    if (b === undefined) out.push({ kind: "added", id: field, path, label, after: a });
    else if (a === undefined) out.push({ kind: "removed", id: field, path, label, before: b });
    else pushNumber(out, field, path, label, field, b, a);
  };
  setting("bonusCap", "bonusCap", before.bonusCap, after.bonusCap);
  setting("lateFactor", "lateFactor", before.lateFactor, after.lateFactor);
  setting("overdueFactor", "overdueFactor", before.overdueFactor, after.overdueFactor);
  setting("repeatFactor", "repeatFactor", before.repeatFactor ?? 1, after.repeatFactor ?? 1);
  const bandAt = (r: Rubric, grade: Grade) => r.gradeBands.findIndex((g) => g.grade === grade);
  for (const grade of GRADES) {
    const bi = bandAt(before, grade);
    const ai = bandAt(after, grade);
    const path = ai >= 0 ? `gradeBands[${ai}].min` : `gradeBands[${bi}].min`;
    setting(`gradeBands.${grade}`, path, before.gradeBands[bi]?.min, after.gradeBands[ai]?.min);
  }
  for (const key of ["satisfiedAtOrAbove", "targetRate", "floorRate", "minRespondents"] as const) {
    setting(`satisfaction.${key}`, `satisfaction.${key}`, before.satisfaction[key], after.satisfaction[key]);
  }
  return out;
}

function pushNumber(out: Change[], id: string, path: string, label: LocalisedText, field: string, b: number, a: number): void {
  if (b !== a) out.push(changed(id, path, label, field, b, a));
}

function changed(id: string, path: string, label: LocalisedText, field: string, before: unknown, after: unknown): Change {
  return { kind: "changed", id, path, label, before, after, field };
}

function sameLabel(a: LocalisedText, b: LocalisedText): boolean {
  return a["zh-CN"] === b["zh-CN"] && a.en === b.en;
}
