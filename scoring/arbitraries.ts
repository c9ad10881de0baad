/**
 * fast-check arbitraries for the scoring tests (test helper, not shipped).
 *
 * `arbRubric()` builds random rubrics that `validateRubric` accepts, with
 * varying dimension counts and maxima (adding up to exactly 100), item
 * deductions, factors, grade bands and satisfaction rules;
 * `arbQuarterInput(rubric)` builds a valid quarter for a rubric.
 */
import fc from "fast-check";
import { ScoringInputError } from "./errors";
import { addDays, dayNumber, periodEnd, periodFromIndex, periodStart } from "./dates";
import { defaultRubric } from "./rubrics/index";
import {
  GRADES,
  SERVICE_TYPES,
  SEVERITIES,
  type AnswerCounts,
  type Grade,
  type LocalisedText,
  type Period,
  type QuarterFinding,
  type QuarterInput,
  type Rubric,
  type RubricDimension,
  type ServiceType,
  type SurveyTally,
} from "./types";

const label = (name: string): LocalisedText => ({ "zh-CN": `项目 ${name}`, en: `Item ${name}` });

/** Splits 100 points into `weights.length` parts of whole tenths, each at least 0.1; in hundredths. */
function splitHundred(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const spare = 1000 - weights.length;
  const parts = weights.map((w) => 1 + Math.floor((spare * w) / total));
  parts[parts.length - 1]! += 1000 - parts.reduce((s, p) => s + p, 0);
  return parts.map((tenths) => tenths * 10);
}

/** A deduction triple (minor ≤ major ≤ critical) in 0.1..max, as milli or half points. */
function arbDeduction(maxMilli: number): fc.Arbitrary<Record<"minor" | "major" | "critical", number>> {
  const halves = Math.floor(maxMilli / 500);
  const milli =
    halves === 0
      ? fc.integer({ min: 100, max: maxMilli })
      : fc.oneof(fc.integer({ min: 100, max: maxMilli }), fc.integer({ min: 1, max: halves }).map((h) => h * 500));
  return fc.tuple(milli, milli, milli).map((t) => {
    const [minor, major, critical] = [...t].sort((a, b) => a - b) as [number, number, number];
    return { minor: minor / 1000, major: major / 1000, critical: critical / 1000 };
  });
}

function arbFindingsDimension(type: ServiceType, index: number, hundredths: number): fc.Arbitrary<RubricDimension> {
  const max = hundredths / 100;
  return fc.array(arbDeduction(hundredths * 10), { minLength: 1, maxLength: 4 }).map((deductions) => ({
    id: `d${index}`,
    label: label(`d${index}`),
    max,
    source: "findings" as const,
    items: deductions.map((deduction, j) => ({
      id: `${type}.d${index}.i${j}`,
      label: label(`${index}.${j}`),
      deduction,
    })),
  }));
}

const arbGradeBands: fc.Arbitrary<{ grade: Grade; min: number }[]> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 3, maxLength: 3 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }))
  .chain(([mins, keep]) => {
    const sorted = [...mins].sort((a, b) => b - a);
    const bands = GRADES.slice(0, 3)
      .map((grade, i) => ({ grade, min: sorted[i]! / 10, keep: keep[i] }))
      .filter((b) => b.keep)
      .map(({ grade, min }) => ({ grade, min }));
    return fc.shuffledSubarray([...bands, { grade: "fail" as const, min: 0 }], {
      minLength: bands.length + 1,
      maxLength: bands.length + 1,
    });
  });

const arbSatisfaction = fc
  .record({
    satisfiedAtOrAbove: fc.integer({ min: 2, max: 5 }),
    rates: fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 100 }).map((p) => p * 10), fc.integer({ min: 0, max: 1000 })), {
      minLength: 2,
      maxLength: 2,
    }),
    minRespondents: fc.integer({ min: 1, max: 30 }),
  })
  .map(({ satisfiedAtOrAbove, rates, minRespondents }) => {
    const [floor, target] = [...rates].sort((a, b) => a - b) as [number, number];
    return { satisfiedAtOrAbove, floorRate: floor / 1000, targetRate: target / 1000, minRespondents };
  });

/**
 * Random valid rubrics: 2..6 dimensions (one of them the survey) whose
 * maxima add up to exactly 100, 1..4 items per findings dimension, 0..3 veto
 * and bonus items, random grade bands, factors and satisfaction rules.
 *
 * @example
 * test.prop([arbRubric()])("is valid", (r) => { validateRubric(r); });
 */
export function arbRubric(serviceType?: ServiceType): fc.Arbitrary<Rubric> {
  const arbType = serviceType === undefined ? fc.constantFrom(...SERVICE_TYPES) : fc.constant(serviceType);
  return fc
    .record({
      type: arbType,
      weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 6 }),
      surveyAt: fc.nat(),
    })
    .chain(({ type, weights, surveyAt }) => {
      const parts = splitHundred(weights);
      const survey = surveyAt % parts.length;
      const dims = parts.map((hundredths, i) =>
        i === survey
          ? fc.constant<RubricDimension>({ id: "satisfaction", label: label("satisfaction"), max: hundredths / 100, source: "survey", items: [] })
          : arbFindingsDimension(type, i, hundredths),
      );
      return fc.record({
        id: fc.constantFrom("org-rubric", type),
        version: fc.constantFrom("2026.1", "2026.2", "x"),
        serviceType: fc.constant(type),
        dimensions: fc.tuple(...dims),
        vetoItems: fc.integer({ min: 0, max: 3 }).map((n) => Array.from({ length: n }, (_, k) => ({ id: `${type}.veto.v${k}`, label: label(`veto ${k}`) }))),
        bonusItems: fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 3 }).map((points) =>
          points.map((p, k) => ({ id: `${type}.bonus.b${k}`, label: label(`bonus ${k}`), points: p / 10 })),
        ),
        bonusCap: fc.integer({ min: 0, max: 100 }).map((c) => c / 10),
        gradeBands: arbGradeBands,
        factors: fc.tuple(fc.integer({ min: 101, max: 300 }), fc.integer({ min: 0, max: 200 })),
        // None (a stored rubric from before repeats), exactly 1, or 1.01..3.
        repeat: fc.oneof(fc.constant(undefined), fc.constant(100), fc.integer({ min: 101, max: 300 })),
        satisfaction: arbSatisfaction,
        questions: fc.integer({ min: 1, max: 8 }),
      });
    })
    .map(({ factors: [late, extra], repeat, questions, dimensions, ...rest }) => {
      const rubric: Rubric = {
        ...rest,
        dimensions: [...dimensions],
        lateFactor: late / 100,
        overdueFactor: (late + extra) / 100,
        questionnaire: Array.from({ length: questions }, (_, k) => ({ id: `q${k + 1}`, label: label(`q${k + 1}`) })),
      };
      return repeat === undefined ? rubric : { ...rubric, repeatFactor: repeat / 100 };
    });
}

/** The four default rubrics (fresh copies). */
export const arbDefaultRubric: fc.Arbitrary<Rubric> = fc
  .constantFrom(...SERVICE_TYPES)
  .map((t) => defaultRubric(t));

/** Generated rubrics and, about a third of the time, one of the four defaults. */
export const arbAnyRubric: fc.Arbitrary<Rubric> = fc.oneof({ arbitrary: arbRubric(), weight: 2 }, { arbitrary: arbDefaultRubric, weight: 1 });

/** A quarter between 2024-Q1 and 2028-Q4. */
export const arbPeriod: fc.Arbitrary<Period> = fc.integer({ min: 2024 * 4, max: 2028 * 4 + 3 }).map(periodFromIndex);

/** Every inspection item id of a rubric's findings dimensions. */
export function findingItemIds(rubric: Rubric): string[] {
  return rubric.dimensions.flatMap((d) => (d.source === "findings" ? d.items.map((i) => i.id) : []));
}

/** A day inside `period`. */
export function arbDayIn(period: Period): fc.Arbitrary<string> {
  const first = periodStart(period);
  const span = dayNumber(periodEnd(period)) - dayNumber(first);
  return fc.integer({ min: 0, max: span }).map((n) => addDays(first, n));
}

/**
 * One valid finding of `rubric` found inside `period`; with `repeats`, now and
 * then a repeat of an earlier finding (`repeatOf`), otherwise never one.
 */
export function arbFinding(rubric: Rubric, period: Period, opts: { repeats?: boolean } = {}): fc.Arbitrary<QuarterFinding> {
  const arbRepeatOf = opts.repeats
    ? fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<string | null>(null, "earlier-1", "earlier-2") })
    : fc.constant(undefined);
  return fc
    .record({
      id: fc.option(fc.integer({ min: 1, max: 10_000 }).map((n) => `f${n}`), { nil: undefined }),
      itemId: fc.constantFrom(...findingItemIds(rubric)),
      severity: fc.constantFrom(...SEVERITIES),
      foundOn: arbDayIn(period),
      dueIn: fc.integer({ min: 0, max: 45 }),
      rectifiedAfter: fc.option(fc.integer({ min: 0, max: 90 })),
      repeatOf: arbRepeatOf,
    })
    .map(({ id, itemId, severity, foundOn, dueIn, rectifiedAfter, repeatOf }) => {
      const f: QuarterFinding = {
        itemId,
        severity,
        foundOn,
        dueOn: addDays(foundOn, dueIn),
        rectifiedOn: rectifiedAfter === null ? null : addDays(foundOn, rectifiedAfter),
      };
      if (repeatOf !== undefined) f.repeatOf = repeatOf;
      return id === undefined ? f : { id, ...f };
    });
}

/** A valid tally for `rubric`: up to 40 respondents, each answering or skipping each question. */
export function arbTally(rubric: Rubric, maxRespondents = 40): fc.Arbitrary<SurveyTally> {
  return fc.integer({ min: 0, max: maxRespondents }).chain((respondents) =>
    fc
      .subarray(rubric.questionnaire.map((q) => q.id))
      .chain((ids) =>
        fc.tuple(
          ...ids.map((id) =>
            fc
              .array(fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4 }), { minLength: respondents, maxLength: respondents })
              .map((answers): [string, AnswerCounts] => {
                const counts: AnswerCounts = [0, 0, 0, 0, 0];
                for (const a of answers) if (a !== null) counts[a - 1]! += 1;
                return [id, counts];
              }),
          ),
        ),
      )
      .map((rows) => ({ respondents, questions: Object.fromEntries(rows) })),
  );
}

/**
 * A valid quarter input for `rubric`: 0..25 findings, a tally, bonuses and
 * (now and then) a veto; `asOf` anywhere from inside the quarter to four
 * months after it.
 *
 * @example
 * test.prop([arbRubric().chain((r) => fc.tuple(fc.constant(r), arbQuarterInput(r)))])(…)
 */
export function arbQuarterInput(rubric: Rubric, opts: { period?: Period; repeats?: boolean } = {}): fc.Arbitrary<QuarterInput> {
  const arbP = opts.period === undefined ? arbPeriod : fc.constant(opts.period);
  return arbP.chain((period) =>
    fc
      .record({
        asOfAfter: fc.integer({ min: 0, max: 92 + 120 }),
        survey: arbTally(rubric),
        findings: fc.array(arbFinding(rubric, period, { repeats: opts.repeats ?? true }), { maxLength: 25 }),
        bonuses:
          rubric.bonusItems.length === 0
            ? fc.constant<{ itemId: string }[]>([])
            : fc.array(fc.constantFrom(...rubric.bonusItems.map((b) => b.id)).map((itemId) => ({ itemId })), { maxLength: 4 }),
        vetoes:
          rubric.vetoItems.length === 0
            ? fc.constant<{ itemId: string; occurredOn: string }[]>([])
            : fc.oneof(
                { weight: 4, arbitrary: fc.constant<{ itemId: string; occurredOn: string }[]>([]) },
                {
                  weight: 1,
                  arbitrary: fc.array(
                    fc.record({ itemId: fc.constantFrom(...rubric.vetoItems.map((v) => v.id)), occurredOn: arbDayIn(period) }),
                    { minLength: 1, maxLength: 2 },
                  ),
                },
              ),
      })
      .map(({ asOfAfter, ...rest }) => ({ period, asOf: addDays(periodStart(period), asOfAfter), ...rest })),
  );
}

/** A rubric and a valid quarter input for it (with repeats now and then unless `repeats: false`). */
export function arbRubricAndInput(
  arbR: fc.Arbitrary<Rubric> = arbAnyRubric,
  opts: { repeats?: boolean } = {},
): fc.Arbitrary<[Rubric, QuarterInput]> {
  return arbR.chain((r) => fc.tuple(fc.constant(r), arbQuarterInput(r, opts)));
}

/** A deterministic permutation of `items` from a seed (for order-independence tests). */
export function permute<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A deep copy of `value` with every object's keys in a seed-dependent order (arrays keep theirs). */
export function reorderKeys<T>(value: T, seed: number): T {
  if (Array.isArray(value)) return value.map((v, i) => reorderKeys(v, seed + i)) as T;
  if (typeof value !== "object" || value === null) return value;
  const entries = permute(Object.entries(value), seed);
  return Object.fromEntries(entries.map(([k, v], i) => [k, reorderKeys(v, seed * 31 + i)])) as T;
}

/** Deep-freezes `value` (to prove a function never writes to its input). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The `path` of the `ScoringInputError` that `fn` throws, or a description of
 * what happened instead, so `expect(errorPath(…)).toBe("period")` fails readably.
 */
export function errorPath(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScoringInputError) return e.path;
    return `not a ScoringInputError: ${String(e)}`;
  }
  return "no error thrown";
}
