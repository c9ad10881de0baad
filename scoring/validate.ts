/**
 * Rubric validation: the only door through which a rubric enters scoring.
 */
import { exactMilli, productMilli, productMilliOf, toMilli } from "./decimal";
import { fail, show } from "./errors";
import { finite, integer, list, oneOf, record, text } from "./read";
import {
  GRADES,
  SERVICE_TYPES,
  SEVERITIES,
  type Grade,
  type LocalisedText,
  type Rubric,
  type RubricDimension,
  type RubricItem,
  type SatisfactionRule,
  type Severity,
} from "./types";

/**
 * The smallest deduction an item may have, in points.
 *
 * @example
 * item.deduction.minor >= MIN_DEDUCTION; // true for every item of a valid rubric
 */
export const MIN_DEDUCTION = 0.1;

/**
 * Checks that `rubric` is a complete, consistent rubric and returns a fresh
 * copy of it (only the known fields; the caller's object is never touched).
 * Throws a `ScoringInputError` whose `path` names the first field at fault,
 * e.g. `"dimensions[1].items[3].deduction.major"`.
 *
 * Besides the rules in SCORING.md it requires dimension maxima with at most
 * one decimal, as points are reported to 0.1 (they must add up to exactly
 * 100), and a `lateFactor` large enough that every item's late cost, rounded
 * to 0.001, is above its in-time cost (any `lateFactor` ≥ 1.01 is).
 *
 * @example
 * const rubric = validateRubric(JSON.parse(text)); // throws on bad data
 */
export function validateRubric(rubric: unknown): Rubric {
  return checkRubric(rubric).rubric;
}

/** A valid rubric with its ids indexed, for scoring (internal). */
export interface CheckedRubric {
  rubric: Rubric;
  /** Inspection items by id, with the index of their dimension. */
  items: Map<string, { dimension: number; item: RubricItem }>;
  vetoItems: Map<string, Rubric["vetoItems"][number]>;
  bonusItems: Map<string, Rubric["bonusItems"][number]>;
  questions: Set<string>;
}

/**
 * {@link validateRubric}, also returning the rubric's ids indexed (internal).
 *
 * @example
 * const { rubric, items } = checkRubric(input);
 * items.get("catering.quality.pests")?.dimension; // 0
 */
export function checkRubric(rubric: unknown): CheckedRubric {
  const r = record(rubric, "");
  const serviceType = oneOf(r.serviceType, SERVICE_TYPES, "serviceType");
  const ids = new Ids(serviceType);
  const items: CheckedRubric["items"] = new Map();
  const vetoItems: CheckedRubric["vetoItems"] = new Map();
  const bonusItems: CheckedRubric["bonusItems"] = new Map();
  const out: Rubric = {
    id: text(r.id, "id"),
    version: text(r.version, "version"),
    serviceType,
    dimensions: dimensions(r.dimensions, ids, items),
    vetoItems: list(r.vetoItems, "vetoItems").map((v, i) => {
      const p = `vetoItems[${i}]`;
      const item = record(v, p);
      const veto = { id: ids.own(item.id, p), label: label(item.label, p) };
      vetoItems.set(veto.id, veto);
      return veto;
    }),
    bonusItems: list(r.bonusItems, "bonusItems").map((v, i) => {
      const p = `bonusItems[${i}]`;
      const item = record(v, p);
      const points = finite(item.points, p, ".points");
      if (points <= 0) fail(`${p}.points`, `must be > 0, got ${points}`);
      const bonus = { id: ids.own(item.id, p), label: label(item.label, p), points };
      bonusItems.set(bonus.id, bonus);
      return bonus;
    }),
    bonusCap: atLeast(r.bonusCap, 0, "bonusCap"),
    gradeBands: gradeBands(r.gradeBands),
    lateFactor: finite(r.lateFactor, "lateFactor"),
    overdueFactor: finite(r.overdueFactor, "overdueFactor"),
    satisfaction: satisfaction(r.satisfaction),
    questionnaire: questionnaire(r.questionnaire),
  };
  // Only a rubric that has one gets one: a rubric without it scores exactly as before.
  if (r.repeatFactor !== undefined) out.repeatFactor = finite(r.repeatFactor, "repeatFactor");
  factors(out);
  return { rubric: out, items, vetoItems, bonusItems, questions: new Set(out.questionnaire.map((q) => q.id)) };
}

/** Deep-frozen rubrics already checked: they cannot change, so neither can the result. */
const checkedFrozen = new WeakMap<object, CheckedRubric>();

/**
 * {@link checkRubric}, remembering the result for a deep-frozen rubric (one
 * that can never change), so scoring many quarters against one published
 * rubric version validates it once. Any other rubric is checked every time.
 * The result is shared: read it, never change it (internal).
 *
 * @example
 * const rubric = deepFreeze(loadRubricVersion(...));
 * for (const q of quarters) scoreQuarter(rubric, q); // validated on the first call only
 */
export function checkRubricOnce(rubric: unknown): CheckedRubric {
  if (typeof rubric !== "object" || rubric === null || !Object.isFrozen(rubric)) return checkRubric(rubric);
  const known = checkedFrozen.get(rubric);
  if (known !== undefined) return known;
  const checked = checkRubric(rubric);
  if (isDeepFrozen(rubric)) checkedFrozen.set(rubric, checked);
  return checked;
}

/** Frozen all the way down, with plain data properties only (no getters). */
function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if (!("value" in d) || !isDeepFrozen(d.value)) return false;
  }
  return true;
}

/** Item, veto and bonus ids: prefixed with the service type, unique across the rubric. */
class Ids {
  private readonly seen = new Set<string>();
  private readonly prefix: string;

  constructor(serviceType: string) {
    this.prefix = `${serviceType}.`;
  }

  /** Reads the `id` of the object at `path`. */
  own(value: unknown, path: string): string {
    const id = text(value, path, ".id");
    if (!id.startsWith(this.prefix) || id.length === this.prefix.length) {
      fail(`${path}.id`, `ids must start with "${this.prefix}" and name something after it, got ${show(id)}`);
    }
    if (this.seen.has(id)) fail(`${path}.id`, `duplicate id ${show(id)}`);
    this.seen.add(id);
    return id;
  }
}

function dimensions(value: unknown, ids: Ids, index: CheckedRubric["items"]): RubricDimension[] {
  const dims = list(value, "dimensions");
  if (dims.length === 0) fail("dimensions", "a rubric needs at least one dimension");
  const dimIds = new Set<string>();
  let surveyAt = -1;
  let tenths = 0;
  const out = dims.map((v, i): RubricDimension => {
    const p = `dimensions[${i}]`;
    const d = record(v, p);
    const id = text(d.id, p, ".id");
    if (dimIds.has(id)) fail(`${p}.id`, `duplicate dimension id ${show(id)}`);
    dimIds.add(id);
    const max = finite(d.max, p, ".max");
    if (max <= 0) fail(`${p}.max`, `must be > 0, got ${max}`);
    const milli = exactMilli(max);
    if (milli === null || milli % 100 !== 0) fail(`${p}.max`, `at most one decimal (points are reported to 0.1), got ${max}`);
    tenths += milli / 100;
    const source = oneOf(d.source, SOURCES, `${p}.source`);
    const items = list(d.items, `${p}.items`);
    if (source === "survey") {
      if (surveyAt >= 0) fail(`${p}.source`, `only one dimension may have source "survey" (${surveyAt} has it)`);
      surveyAt = i;
      if (items.length > 0) fail(`${p}.items`, "the survey dimension has no inspection items");
    } else if (items.length === 0) {
      fail(`${p}.items`, "a findings dimension needs at least one item");
    }
    const lbl = label(d.label, p);
    const checked = items.map((it, j) => {
      const item = readItem(it, p, j, max, ids);
      index.set(item.id, { dimension: i, item });
      return item;
    });
    return { id, label: lbl, max, source, items: checked };
  });
  if (surveyAt < 0) fail("dimensions", 'exactly one dimension must have source "survey"');
  if (tenths !== 1000) fail("dimensions", `dimension maxima must add up to 100, got ${tenths / 10}`);
  return out;
}

const SOURCES = ["findings", "survey"] as const;

/** Item `j` of the dimension at `dimPath`, its deductions within 0.1..max and ordered by severity. */
function readItem(value: unknown, dimPath: string, j: number, max: number, ids: Ids): RubricItem {
  const path = `${dimPath}.items[${j}]`;
  const it = record(value, path);
  const id = ids.own(it.id, path);
  const lbl = label(it.label, path);
  const ded = record(it.deduction, path, ".deduction");
  const minor = severityPoints(ded.minor, path, "minor", max, 0);
  const major = severityPoints(ded.major, path, "major", max, minor);
  const critical = severityPoints(ded.critical, path, "critical", max, major);
  return { id, label: lbl, deduction: { minor, major, critical } };
}

function severityPoints(value: unknown, path: string, severity: Severity, max: number, lesser: number): number {
  if (typeof value === "number" && value >= MIN_DEDUCTION && value <= max && value >= lesser) return value;
  const p = `${path}.deduction.${severity}`;
  const points = finite(value, p);
  if (points < MIN_DEDUCTION) fail(p, `must be at least ${MIN_DEDUCTION}, got ${points}`);
  if (points > max) fail(p, `must not exceed the dimension's ${max} points, got ${points}`);
  return fail(p, `must not be below the lesser severity's ${lesser}, got ${points}`);
}

function gradeBands(value: unknown): Rubric["gradeBands"] {
  const bands = list(value, "gradeBands");
  const seen = new Map<Grade, number>();
  const out = bands.map((v, i) => {
    const p = `gradeBands[${i}]`;
    const b = record(v, p);
    const grade = oneOf(b.grade, GRADES, `${p}.grade`);
    if (seen.has(grade)) fail(`${p}.grade`, `grade ${show(grade)} appears twice`);
    seen.set(grade, i);
    const min = finite(b.min, `${p}.min`);
    if (min < 0 || min > 100) fail(`${p}.min`, `must be within 0..100, got ${min}`);
    return { grade, min };
  });
  const failAt = seen.get("fail");
  if (failAt === undefined) fail("gradeBands", 'a "fail" band with min 0 is required');
  if (out[failAt]!.min !== 0) fail(`gradeBands[${failAt}].min`, `the "fail" band must have min 0`);
  let above: { grade: Grade; min: number } | undefined;
  for (const grade of GRADES) {
    const i = seen.get(grade);
    if (i === undefined) continue;
    const band = out[i]!;
    if (above !== undefined && band.min >= above.min) {
      fail(`gradeBands[${i}].min`, `must be below ${above.grade}'s ${above.min}, got ${band.min}`);
    }
    above = band;
  }
  return out;
}

function satisfaction(value: unknown): SatisfactionRule {
  const s = record(value, "satisfaction");
  const satisfiedAtOrAbove = integer(s.satisfiedAtOrAbove, "satisfaction.satisfiedAtOrAbove");
  if (satisfiedAtOrAbove < 2 || satisfiedAtOrAbove > 5) {
    fail("satisfaction.satisfiedAtOrAbove", `must be within 2..5, got ${satisfiedAtOrAbove}`);
  }
  const floorRate = finite(s.floorRate, "satisfaction.floorRate");
  if (floorRate < 0 || floorRate >= 1) fail("satisfaction.floorRate", `must be within 0..1 (excl.), got ${floorRate}`);
  const targetRate = finite(s.targetRate, "satisfaction.targetRate");
  if (targetRate <= floorRate || targetRate > 1) {
    fail("satisfaction.targetRate", `must be above floorRate (${floorRate}) and at most 1, got ${targetRate}`);
  }
  const minRespondents = integer(s.minRespondents, "satisfaction.minRespondents");
  if (minRespondents < 1) fail("satisfaction.minRespondents", `must be at least 1, got ${minRespondents}`);
  return { satisfiedAtOrAbove, targetRate, floorRate, minRespondents };
}

function questionnaire(value: unknown): Rubric["questionnaire"] {
  const qs = list(value, "questionnaire");
  if (qs.length === 0) fail("questionnaire", "at least one question is required");
  const ids = new Set<string>();
  return qs.map((v, i) => {
    const p = `questionnaire[${i}]`;
    const q = record(v, p);
    const id = text(q.id, p, ".id");
    if (ids.has(id)) fail(`${p}.id`, `duplicate question id ${show(id)}`);
    ids.add(id);
    return { id, label: label(q.label, p) };
  });
}

/**
 * lateFactor > 1 and visibly so after rounding; overdueFactor ≥ lateFactor;
 * repeatFactor ≥ 1 and, when above 1, visibly so after rounding.
 */
function factors(r: Rubric): void {
  repeatFactor(r);
  if (r.lateFactor <= 1) fail("lateFactor", `must be > 1, got ${r.lateFactor}`);
  if (r.overdueFactor < r.lateFactor) {
    fail("overdueFactor", `must be at least lateFactor (${r.lateFactor}), got ${r.overdueFactor}`);
  }
  // Deductions are ≥ 0.1, so from 1.01 on a late cost is always ≥ 0.001 more.
  if (r.lateFactor >= 1.01) return;
  for (const dim of r.dimensions) {
    for (const it of dim.items) {
      for (const severity of SEVERITIES) {
        const d = it.deduction[severity];
        if (productMilli(d, r.lateFactor) <= toMilli(d)) {
          fail("lateFactor", `too close to 1: ${it.id} (${severity}) would cost the same late as in time`);
        }
      }
    }
  }
}

/** A repeat costs strictly more than the same finding without `repeatOf`, in every timeliness case. */
function repeatFactor(r: Rubric): void {
  const f = r.repeatFactor;
  if (f === undefined) return;
  if (f < 1) fail("repeatFactor", `must be at least 1, got ${f}`);
  // Deductions are ≥ 0.1, so from 1.01 on a repeat always costs ≥ 0.001 more.
  if (f === 1 || f >= 1.01) return;
  for (const dim of r.dimensions) {
    for (const it of dim.items) {
      for (const severity of SEVERITIES) {
        const d = it.deduction[severity];
        for (const timeliness of [1, r.lateFactor, r.overdueFactor]) {
          if (productMilliOf(d, [timeliness, f]) <= productMilliOf(d, [timeliness])) {
            fail("repeatFactor", `too close to 1: ${it.id} (${severity}) would cost the same repeated as not`);
          }
        }
      }
    }
  }
}

function atLeast(value: unknown, min: number, path: string): number {
  const n = finite(value, path);
  if (n < min) fail(path, `must be at least ${min}, got ${n}`);
  return n;
}

/** The `label` of the object at `path`: non-empty zh-CN and en texts. */
function label(value: unknown, path: string): LocalisedText {
  const l = record(value, path, ".label");
  return { "zh-CN": text(l["zh-CN"], path, ".label.zh-CN"), en: text(l.en, path, ".label.en") };
}
