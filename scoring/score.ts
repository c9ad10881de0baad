/**
 * One quarter's score: findings, survey, bonuses and vetoes against a rubric.
 *
 * All arithmetic is exact: points are held as integer thousandths (milli),
 * each finding's cost is rounded half-up to 0.001 once, dimension points are
 * reported rounded half-up to 0.1, and the total is the sum of the reported
 * dimension points plus the applied bonus, rounded to 0.1.
 */
import {
  decimalOf,
  divRoundHalfUp,
  exactMilli,
  formatUnits,
  pow10,
  productMilli,
  productMilliOf,
  toMilli,
  unitsToNumber,
  type Decimal,
} from "./decimal";
import { checkQuarterInput, type CheckedBonus, type CheckedFinding } from "./input";
import type { TallyTotals } from "./tally";
import {
  GRADES,
  SEVERITIES,
  type Deduction,
  type DimensionScore,
  type Grade,
  type LocalisedText,
  type QuarterBonus,
  type QuarterInput,
  type QuarterScore,
  type Rubric,
  type RubricDimension,
  type Severity,
} from "./types";
import { checkRubricOnce } from "./validate";

const SEVERITY_ZH: Record<Severity, string> = { minor: "一般", major: "较重", critical: "严重" };

/**
 * Scores one quarter. Validates the rubric and the input (a
 * `ScoringInputError` names the field at fault, e.g. `"findings[2].itemId"`)
 * and never mutates either. The result does not depend on the order of the
 * input's arrays or object keys. A deep-frozen rubric (such as
 * `DEFAULT_RUBRICS.catering`) is validated on its first use only, which
 * speeds up scoring many quarters against one rubric version.
 *
 * @example
 * const score = scoreQuarter(defaultRubric("catering"), {
 *   period: "2026-Q3",
 *   asOf: "2026-10-08",
 *   survey: tallyResponses(responses),
 *   findings: [{ itemId: "catering.quality.sample-retention", severity: "major",
 *                foundOn: "2026-08-03", dueOn: "2026-08-05", rectifiedOn: "2026-08-09" }],
 * });
 * score.total;  // e.g. 91.5
 * score.grade;  // "excellent"
 */
export function scoreQuarter(rubric: Rubric, input: QuarterInput): QuarterScore {
  const checked = checkRubricOnce(rubric);
  const r = checked.rubric;
  const q = checkQuarterInput(checked, input);
  const dimensions = r.dimensions.map(
    (d, i): Scored =>
      d.source === "survey"
        ? surveyDimension(r, d, q.survey)
        : findingsDimension(r, d, q.findings.filter((f) => f.dimension === i), q.asOf),
  );
  const dimensionTenths = dimensions.reduce((sum, d) => sum + d.tenths, 0);
  const bonus = applyBonus(r, q.bonuses, 1000 - dimensionTenths);
  const totalTenths = dimensionTenths + Math.floor((bonus.milli + 50) / 100);
  const total = totalTenths / 10;
  const vetoed = q.vetoes.length > 0;
  const { satisfied, answered } = q.survey;
  const provisional = q.survey.respondents < r.satisfaction.minRespondents;
  return {
    period: q.period,
    rubricId: r.id,
    rubricVersion: r.version,
    total,
    grade: vetoed ? "fail" : gradeOf(r, total),
    vetoed,
    provisional,
    dimensions: dimensions.map((d) => d.score),
    bonus: bonus.milli / 1000,
    satisfaction: {
      respondents: q.survey.respondents,
      rate: answered === 0 ? null : satisfied / answered,
      sufficient: !provisional,
    },
    vetoes: [...q.vetoes]
      .sort((a, b) => cmp(a.occurredOn, b.occurredOn) || cmp(a.itemId, b.itemId))
      .map((v) => ({ itemId: v.itemId, occurredOn: v.occurredOn, label: { ...v.label } })),
    bonuses: bonus.entries,
  };
}

/** What a what-if compares of a quarter: its total, grade and flags. */
export type QuarterSummary = Pick<QuarterScore, "total" | "grade" | "vetoed" | "provisional">;

/**
 * The total, grade and flags `scoreQuarter` gives, without the deductions'
 * reasons and order (what-if re-scores thousands of findings and shows only
 * these). The same input checks and arithmetic: a dimension loses
 * min(Σ costs, max), which is what taking the costs one by one down to the
 * floor adds up to in any order. Not part of the public contract; a property
 * test holds it equal to `scoreQuarter`.
 */
export function scoreQuarterSummary(rubric: Rubric, input: QuarterInput): QuarterSummary {
  const checked = checkRubricOnce(rubric);
  const r = checked.rubric;
  const q = checkQuarterInput(checked, input);
  const spent = r.dimensions.map(() => 0);
  for (const f of q.findings) spent[f.dimension] = (spent[f.dimension] ?? 0) + findingCost(r, f, q.asOf).cost;
  const dimensionTenths = r.dimensions.reduce((sum, d, i) => {
    if (d.source === "survey") return sum + surveyDimension(r, d, q.survey).tenths;
    const remaining = toMilli(d.max) - Math.min(spent[i] ?? 0, toMilli(d.max));
    return sum + Math.floor((remaining + 50) / 100);
  }, 0);
  const bonus = applyBonus(r, q.bonuses, 1000 - dimensionTenths);
  const total = (dimensionTenths + Math.floor((bonus.milli + 50) / 100)) / 10;
  const vetoed = q.vetoes.length > 0;
  return { total, grade: vetoed ? "fail" : gradeOf(r, total), vetoed, provisional: q.survey.respondents < r.satisfaction.minRespondents };
}

interface Scored {
  score: DimensionScore;
  /** Reported points in tenths. */
  tenths: number;
}

function findingsDimension(r: Rubric, d: RubricDimension, findings: CheckedFinding[], asOf: string): Scored {
  let remaining = toMilli(d.max);
  const deductions = [...findings].sort(compareFindings).map((f): Deduction => {
    const { cost, kind, factor, repeat } = findingCost(r, f, asOf);
    const applied = Math.min(cost, remaining);
    remaining -= applied;
    const points = applied / 1000;
    const reason = findingReason(f, kind, factor, repeat, applied, cost);
    return f.id === undefined
      ? { itemId: f.itemId, points, cost: cost / 1000, reason }
      : { itemId: f.itemId, findingId: f.id, points, cost: cost / 1000, reason };
  });
  return dimension(d, remaining, deductions);
}

/** A finding's cost in milli-points: deduction × its factor (× the repeat factor for a repeat). */
function findingCost(r: Rubric, f: CheckedFinding, asOf: string) {
  const { factor, kind } = factorOf(r, f, asOf);
  const repeat = f.repeatOf === null ? null : (r.repeatFactor ?? 1);
  const deduction = f.item.deduction[f.severity];
  // A finding that is not a repeat is costed exactly as before repeats existed.
  const cost = repeat === null ? productMilli(deduction, factor) : productMilliOf(deduction, [factor, repeat]);
  return { cost, kind, factor, repeat };
}

type FactorKind = "in_time" | "late" | "overdue" | "open";

/** deduction × 1 in time or still within the deadline; × lateFactor late; × overdueFactor overdue. */
function factorOf(r: Rubric, f: CheckedFinding, asOf: string): { factor: number; kind: FactorKind } {
  if (f.rectifiedOn !== null && f.rectifiedOn <= asOf) {
    return f.rectifiedOn <= f.dueOn ? { factor: 1, kind: "in_time" } : { factor: r.lateFactor, kind: "late" };
  }
  return asOf > f.dueOn ? { factor: r.overdueFactor, kind: "overdue" } : { factor: 1, kind: "open" };
}

/** The item and severity, then each factor applied (repeat, late, overdue), then the floor if reached. */
function findingReason(
  f: CheckedFinding,
  kind: FactorKind,
  factor: number,
  repeat: number | null,
  applied: number,
  cost: number,
): LocalisedText {
  let zh = `${f.item.label["zh-CN"]}（${SEVERITY_ZH[f.severity]}）`;
  let en = `${f.item.label.en} (${f.severity})`;
  if (repeat !== null) {
    zh += repeat === 1 ? "，重复出现" : `，重复出现 ×${repeat}`;
    en += repeat === 1 ? ", repeat" : `, repeat ×${repeat}`;
  }
  if (kind === "late") {
    zh += `，逾期整改 ×${factor}`;
    en += `, rectified late ×${factor}`;
  } else if (kind === "overdue") {
    zh += `，逾期未整改 ×${factor}`;
    en += `, overdue, not rectified ×${factor}`;
  }
  if (applied < cost) {
    const shown = formatUnits(BigInt(applied), 3);
    zh += `；本维度已扣至 0 分，实扣 ${shown}`;
    en += `; the dimension reached 0, ${shown} applied`;
  }
  return { "zh-CN": zh, en };
}

function surveyDimension(r: Rubric, d: RubricDimension, { satisfied, answered }: TallyTotals): Scored {
  const max = BigInt(toMilli(d.max));
  if (answered === 0) {
    const lost = unitsToNumber(max, 3);
    return dimension(d, 0, [
      {
        itemId: d.id,
        points: lost,
        cost: lost,
        reason: { "zh-CN": "无有效问卷，满意度得分记 0", en: "No survey answers: satisfaction scores 0" },
      },
    ]);
  }
  // points = max × clamp((rate − floor) / (target − floor), 0, 1), rate = satisfied / answered.
  const floor = rateDecimal(r.satisfaction.floorRate);
  const target = rateDecimal(r.satisfaction.targetRate);
  const scale = Math.max(floor.scale, target.scale);
  const floorUnits = floor.units * pow10(scale - floor.scale);
  const targetUnits = target.units * pow10(scale - target.scale);
  const n = BigInt(answered);
  const above = BigInt(satisfied) * pow10(scale) - floorUnits * n;
  const span = n * (targetUnits - floorUnits);
  const points = above <= 0n ? 0n : above >= span ? max : divRoundHalfUp(max * above, span);
  const belowTarget = BigInt(satisfied) * pow10(scale) < targetUnits * n;
  if (!belowTarget) return dimension(d, Number(points), []);
  // The rate is shown rounded down, so a rate below target never reads as the target.
  const rate = formatUnits((BigInt(satisfied) * 1000n) / n, 1, 1);
  const targetPct = percentText(targetUnits, scale);
  const floorPct = percentText(floorUnits, scale);
  const lost = unitsToNumber(max - points, 3);
  const reason: LocalisedText =
    points === 0n
      ? {
          "zh-CN": `满意率 ${rate}%，不高于下限 ${floorPct}%，满意度得分记 0`,
          en: `Satisfaction rate ${rate}%, at or below the ${floorPct}% floor: satisfaction scores 0`,
        }
      : {
          "zh-CN": `满意率 ${rate}%，低于目标 ${targetPct}%`,
          en: `Satisfaction rate ${rate}%, below the ${targetPct}% target`,
        };
  return dimension(d, Number(points), [{ itemId: d.id, points: lost, cost: lost, reason }]);
}

/** A rate as an exact decimal (thousandths when it has at most three decimals). */
function rateDecimal(rate: number): Decimal {
  const milli = exactMilli(rate);
  return milli === null ? decimalOf(rate) : { units: BigInt(milli), scale: 3 };
}

/** A rate held as `units / 10^scale`, written as a percentage without trailing zeros. */
function percentText(units: bigint, scale: number): string {
  return scale >= 2 ? formatUnits(units, scale - 2) : formatUnits(units * pow10(2 - scale), 0);
}

function dimension(d: RubricDimension, milli: number, deductions: Deduction[]): Scored {
  const tenths = Math.floor((milli + 50) / 100);
  return { score: { id: d.id, max: d.max, points: tenths / 10, deductions }, tenths };
}

/** min(bonusCap, Σ entries, room), never negative, handed out entry by entry in item-id order. */
function applyBonus(r: Rubric, events: CheckedBonus[], roomTenths: number): { milli: number; entries: QuarterBonus[] } {
  const sorted = [...events].sort((a, b) => cmp(a.itemId, b.itemId));
  const earned = sorted.map((e) => toMilli(e.points));
  const sum = earned.reduce((s, x) => s + x, 0);
  const milli = Math.max(0, Math.min(toMilli(r.bonusCap), sum, roomTenths * 100));
  let left = milli;
  const entries = sorted.map((e, i): QuarterBonus => {
    const points = Math.min(earned[i]!, left);
    left -= points;
    return { itemId: e.itemId, points: points / 1000, label: { ...e.label } };
  });
  return { milli, entries };
}

/** The highest band whose min the total reaches (a valid rubric always has "fail" at 0). */
function gradeOf(r: Rubric, total: number): Grade {
  for (const grade of GRADES) {
    const band = r.gradeBands.find((b) => b.grade === grade);
    if (band !== undefined && total >= band.min) return grade;
  }
  return "fail";
}

/** foundOn, item id, finding id, then severity, dueOn, rectifiedOn and repeatOf: a total order on content. */
function compareFindings(a: CheckedFinding, b: CheckedFinding): number {
  return (
    cmp(a.foundOn, b.foundOn) ||
    cmp(a.itemId, b.itemId) ||
    cmp(a.id ?? "", b.id ?? "") ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    cmp(a.dueOn, b.dueOn) ||
    cmp(a.rectifiedOn ?? "", b.rectifiedOn ?? "") ||
    cmp(a.repeatOf ?? "", b.repeatOf ?? "")
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
