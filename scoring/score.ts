/**
 * One quarter's score: findings, survey, bonuses and vetoes against a rubric.
 *
 * All arithmetic is exact: points are held as integer thousandths (milli),
 * each finding's cost is rounded half-up to 0.001 once, dimension points are
 * reported rounded half-up to 0.1, and the total is the sum of the reported
 * dimension points plus the applied bonus, rounded to 0.1.
 */
import { decimalOf, divRoundHalfUp, formatUnits, pow10, productUnits, toUnits, unitsToNumber } from "./decimal";
import { checkQuarterInput, type CheckedEvent, type CheckedFinding } from "./input";
import { countAnswers } from "./tally";
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
  type SurveyTally,
} from "./types";
import { validateRubric } from "./validate";

const SEVERITY_ZH: Record<Severity, string> = { minor: "一般", major: "较重", critical: "严重" };

/**
 * Scores one quarter. Validates the rubric and the input (a
 * `ScoringInputError` names the field at fault, e.g. `"findings[2].itemId"`)
 * and never mutates either. The result does not depend on the order of the
 * input's arrays or object keys.
 *
 * @example
 * const score = scoreQuarter(defaultRubric("catering"), {
 *   period: "2026-Q3",
 *   asOf: "2026-10-08",
 *   survey: tallyResponses(responses),
 *   findings: [{ itemId: "catering.hygiene.sample-retention", severity: "major",
 *                foundOn: "2026-08-03", dueOn: "2026-08-05", rectifiedOn: "2026-08-09" }],
 * });
 * score.total;  // e.g. 91.5
 * score.grade;  // "excellent"
 */
export function scoreQuarter(rubric: Rubric, input: QuarterInput): QuarterScore {
  const r = validateRubric(rubric);
  const q = checkQuarterInput(r, input);
  const dimensions = r.dimensions.map(
    (d, i): Scored =>
      d.source === "survey"
        ? surveyDimension(r, d, q.survey)
        : findingsDimension(r, d, q.findings.filter((f) => f.dimension === i), q.asOf),
  );
  const dimensionTenths = dimensions.reduce((sum, d) => sum + d.tenths, 0);
  const bonus = applyBonus(r, q.bonuses, 1000 - dimensionTenths);
  const totalTenths = dimensionTenths + Number(divRoundHalfUp(BigInt(bonus.milli), 100n));
  const total = totalTenths / 10;
  const vetoed = q.vetoes.length > 0;
  const { satisfied, answered } = countAnswers(r, q.survey);
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
    bonus: unitsToNumber(BigInt(bonus.milli), 3),
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

interface Scored {
  score: DimensionScore;
  /** Reported points in tenths. */
  tenths: number;
}

function findingsDimension(r: Rubric, d: RubricDimension, findings: CheckedFinding[], asOf: string): Scored {
  let remaining = Number(toUnits(d.max, 3));
  const deductions = [...findings].sort(compareFindings).map((f): Deduction => {
    const { factor, kind } = factorOf(r, f, asOf);
    const deduction = decimalOf(f.item.deduction[f.severity]);
    const cost = Number(productUnits(deduction, decimalOf(factor), 3));
    const applied = Math.min(cost, remaining);
    remaining -= applied;
    const points = applied / 1000;
    const reason = findingReason(f, kind, factor, applied, cost);
    return f.id === undefined
      ? { itemId: f.itemId, points, cost: cost / 1000, reason }
      : { itemId: f.itemId, findingId: f.id, points, cost: cost / 1000, reason };
  });
  return dimension(d, remaining, deductions);
}

type FactorKind = "in_time" | "late" | "overdue" | "open";

/** deduction × 1 in time or still within the deadline; × lateFactor late; × overdueFactor overdue. */
function factorOf(r: Rubric, f: CheckedFinding, asOf: string): { factor: number; kind: FactorKind } {
  if (f.rectifiedOn !== null && f.rectifiedOn <= asOf) {
    return f.rectifiedOn <= f.dueOn ? { factor: 1, kind: "in_time" } : { factor: r.lateFactor, kind: "late" };
  }
  return asOf > f.dueOn ? { factor: r.overdueFactor, kind: "overdue" } : { factor: 1, kind: "open" };
}

function findingReason(f: CheckedFinding, kind: FactorKind, factor: number, applied: number, cost: number): LocalisedText {
  let zh = `${f.item.label["zh-CN"]}（${SEVERITY_ZH[f.severity]}）`;
  let en = `${f.item.label.en} (${f.severity})`;
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

function surveyDimension(r: Rubric, d: RubricDimension, tally: SurveyTally): Scored {
  const max = toUnits(d.max, 3);
  const { satisfied, answered } = countAnswers(r, tally);
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
  const floor = decimalOf(r.satisfaction.floorRate);
  const target = decimalOf(r.satisfaction.targetRate);
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

/** A rate held as `units / 10^scale`, written as a percentage without trailing zeros. */
function percentText(units: bigint, scale: number): string {
  return scale >= 2 ? formatUnits(units, scale - 2) : formatUnits(units * pow10(2 - scale), 0);
}

function dimension(d: RubricDimension, milli: number, deductions: Deduction[]): Scored {
  const tenths = Math.floor((milli + 50) / 100);
  return { score: { id: d.id, max: d.max, points: tenths / 10, deductions }, tenths };
}

/** min(bonusCap, Σ entries, room), never negative, handed out entry by entry in item-id order. */
function applyBonus(r: Rubric, events: CheckedEvent[], roomTenths: number): { milli: number; entries: QuarterBonus[] } {
  const sorted = [...events].sort((a, b) => cmp(a.itemId, b.itemId));
  const earned = sorted.map((e) => Number(toUnits(e.points, 3)));
  const sum = earned.reduce((s, x) => s + x, 0);
  const milli = Math.max(0, Math.min(Number(toUnits(r.bonusCap, 3)), sum, roomTenths * 100));
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

/** foundOn, item id, finding id, then severity, dueOn and rectifiedOn: a total order on content. */
function compareFindings(a: CheckedFinding, b: CheckedFinding): number {
  return (
    cmp(a.foundOn, b.foundOn) ||
    cmp(a.itemId, b.itemId) ||
    cmp(a.id ?? "", b.id ?? "") ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    cmp(a.dueOn, b.dueOn) ||
    cmp(a.rectifiedOn ?? "", b.rectifiedOn ?? "")
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
