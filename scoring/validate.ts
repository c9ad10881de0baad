/**
 * Rubric validation: the only door through which a rubric enters scoring.
 */
import { decimalOf, productUnits, toUnits } from "./decimal";
import { fail, show } from "./errors";
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

/** The smallest deduction an item may have, in points. */
export const MIN_DEDUCTION = 0.1;

/**
 * Checks that `rubric` is a complete, consistent rubric and returns a fresh
 * copy of it (only the known fields; the caller's object is never touched).
 * Throws a `ScoringInputError` whose `path` names the first field at fault,
 * e.g. `"dimensions[1].items[3].deduction.major"`.
 *
 * Besides the rules in SCORING.md it requires dimension maxima with at most
 * one decimal, as points are reported to 0.1 (they must add up to exactly
 * 100), and a `lateFactor` large
 * enough that every item's late cost, rounded to 0.001, is above its in-time
 * cost (any `lateFactor` ≥ 1.01 is).
 *
 * @example
 * const rubric = validateRubric(JSON.parse(text)); // throws on bad data
 */
export function validateRubric(rubric: unknown): Rubric {
  const r = record(rubric, "");
  const serviceType = oneOf(r.serviceType, SERVICE_TYPES, "serviceType");
  const ids = new Set<string>();
  const ownId = (value: unknown, path: string): string => {
    const id = text(value, path);
    if (!id.startsWith(`${serviceType}.`) || id.length === serviceType.length + 1) {
      fail(path, `ids must start with "${serviceType}." and name something after it, got ${show(id)}`);
    }
    if (ids.has(id)) fail(path, `duplicate id ${show(id)}`);
    ids.add(id);
    return id;
  };

  const out: Rubric = {
    id: text(r.id, "id"),
    version: text(r.version, "version"),
    serviceType,
    dimensions: dimensions(r.dimensions, ownId),
    vetoItems: list(r.vetoItems, "vetoItems").map((v, i) => {
      const p = `vetoItems[${i}]`;
      const item = record(v, p);
      return { id: ownId(item.id, `${p}.id`), label: label(item.label, `${p}.label`) };
    }),
    bonusItems: list(r.bonusItems, "bonusItems").map((v, i) => {
      const p = `bonusItems[${i}]`;
      const item = record(v, p);
      const points = finite(item.points, `${p}.points`);
      if (points <= 0) fail(`${p}.points`, `must be > 0, got ${points}`);
      return { id: ownId(item.id, `${p}.id`), label: label(item.label, `${p}.label`), points };
    }),
    bonusCap: atLeast(r.bonusCap, 0, "bonusCap"),
    gradeBands: gradeBands(r.gradeBands),
    lateFactor: finite(r.lateFactor, "lateFactor"),
    overdueFactor: finite(r.overdueFactor, "overdueFactor"),
    satisfaction: satisfaction(r.satisfaction),
    questionnaire: questionnaire(r.questionnaire),
  };
  factors(out);
  return out;
}

type IdReader = (value: unknown, path: string) => string;

function dimensions(value: unknown, ownId: IdReader): RubricDimension[] {
  const dims = list(value, "dimensions");
  if (dims.length === 0) fail("dimensions", "a rubric needs at least one dimension");
  const dimIds = new Set<string>();
  let surveyAt = -1;
  let hundredths = 0;
  const out = dims.map((v, i): RubricDimension => {
    const p = `dimensions[${i}]`;
    const d = record(v, p);
    const id = text(d.id, `${p}.id`);
    if (dimIds.has(id)) fail(`${p}.id`, `duplicate dimension id ${show(id)}`);
    dimIds.add(id);
    const max = finite(d.max, `${p}.max`);
    if (max <= 0) fail(`${p}.max`, `must be > 0, got ${max}`);
    if (decimalOf(max).scale > 1) fail(`${p}.max`, `at most one decimal (points are reported to 0.1), got ${max}`);
    hundredths += Number(toUnits(max, 2));
    const source = oneOf(d.source, ["findings", "survey"] as const, `${p}.source`);
    const items = list(d.items, `${p}.items`);
    if (source === "survey") {
      if (surveyAt >= 0) fail(`${p}.source`, `only one dimension may have source "survey" (${surveyAt} has it)`);
      surveyAt = i;
      if (items.length > 0) fail(`${p}.items`, "the survey dimension has no inspection items");
    } else if (items.length === 0) {
      fail(`${p}.items`, "a findings dimension needs at least one item");
    }
    return {
      id,
      label: label(d.label, `${p}.label`),
      max,
      source,
      items: items.map((it, j) => item(it, `${p}.items[${j}]`, max, ownId)),
    };
  });
  if (surveyAt < 0) fail("dimensions", 'exactly one dimension must have source "survey"');
  if (hundredths !== 10000) fail("dimensions", `dimension maxima must add up to 100, got ${hundredths / 100}`);
  return out;
}

function item(value: unknown, path: string, max: number, ownId: IdReader): RubricItem {
  const it = record(value, path);
  const id = ownId(it.id, `${path}.id`);
  const lbl = label(it.label, `${path}.label`);
  const ded = record(it.deduction, `${path}.deduction`);
  const deduction = {} as Record<Severity, number>;
  let previous = 0;
  for (const severity of SEVERITIES) {
    const p = `${path}.deduction.${severity}`;
    const points = finite(ded[severity], p);
    if (points < MIN_DEDUCTION) fail(p, `must be at least ${MIN_DEDUCTION}, got ${points}`);
    if (points > max) fail(p, `must not exceed the dimension's ${max} points, got ${points}`);
    if (points < previous) fail(p, `must not be below the lesser severity's ${previous}, got ${points}`);
    deduction[severity] = points;
    previous = points;
  }
  return { id, label: lbl, deduction };
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
    const id = text(q.id, `${p}.id`);
    if (ids.has(id)) fail(`${p}.id`, `duplicate question id ${show(id)}`);
    ids.add(id);
    return { id, label: label(q.label, `${p}.label`) };
  });
}

/** lateFactor > 1 and visibly so after rounding; overdueFactor ≥ lateFactor. */
function factors(r: Rubric): void {
  if (r.lateFactor <= 1) fail("lateFactor", `must be > 1, got ${r.lateFactor}`);
  if (r.overdueFactor < r.lateFactor) {
    fail("overdueFactor", `must be at least lateFactor (${r.lateFactor}), got ${r.overdueFactor}`);
  }
  const late = decimalOf(r.lateFactor);
  const one = decimalOf(1);
  for (const dim of r.dimensions) {
    for (const it of dim.items) {
      for (const severity of SEVERITIES) {
        const d = decimalOf(it.deduction[severity]);
        if (productUnits(d, late, 3) <= productUnits(d, one, 3)) {
          fail("lateFactor", `too close to 1: ${it.id} (${severity}) would cost the same late as in time`);
        }
      }
    }
  }
}

// --- small readers -------------------------------------------------------

/** A plain object (not null, not an array), or a ScoringInputError at `path`. */
export function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(path, `expected an object, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

/** An array, or a ScoringInputError at `path`. */
export function list(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${show(value)}`);
  return value;
}

/** A string with something besides white space in it. */
export function text(value: unknown, path: string): string {
  if (typeof value !== "string" || value.trim() === "") fail(path, `expected a non-empty string, got ${show(value)}`);
  return value;
}

/** A finite number. */
export function finite(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(path, `expected a finite number, got ${show(value)}`);
  return value;
}

/** A safe integer. */
export function integer(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) fail(path, `expected a whole number, got ${show(value)}`);
  return value;
}

function atLeast(value: unknown, min: number, path: string): number {
  const n = finite(value, path);
  if (n < min) fail(path, `must be at least ${min}, got ${n}`);
  return n;
}

/** One of the listed string values. */
export function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    fail(path, `expected one of ${options.join(", ")}, got ${show(value)}`);
  }
  return value as T;
}

function label(value: unknown, path: string): LocalisedText {
  const l = record(value, path);
  return { "zh-CN": text(l["zh-CN"], `${path}.zh-CN`), en: text(l.en, `${path}.en`) };
}
