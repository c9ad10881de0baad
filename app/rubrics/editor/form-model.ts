/**
 * The rubric editor's form model (issue 13): a `Rubric` as the text fields of
 * a real form, and back. Numbers are edited as text (a posted form has only
 * text) and read back with `Number`, which gives every finite number back
 * exactly from its `String`, so `formToRubric(rubricToForm(r), r)` equals `r`.
 * Field names follow the rubric's own keys, so a `validateRubric` path maps
 * onto a field by turning `[i]` into `.i` (see `fieldOfRubricPath`).
 *
 * Pure and browser-safe: the editor and the action read the form the same way.
 */
import type { Grade, LocalisedText, Rubric, RubricDimension, Severity } from "../../../scoring/types";
import { echoValues } from "~/utils/forms";

export type LabelValues = { "zh-CN": string; en: string };

export interface ItemValues {
  id: string;
  label: LabelValues;
  deduction: Record<Severity, string>;
}

export interface DimensionValues {
  id: string;
  source: RubricDimension["source"];
  label: LabelValues;
  max: string;
  items: ItemValues[];
}

export interface RubricFormValues {
  /** The version label the admin gives the draft ("2027.1"). */
  version: string;
  dimensions: DimensionValues[];
  vetoItems: { id: string; label: LabelValues }[];
  bonusItems: { id: string; label: LabelValues; points: string }[];
  bonusCap: string;
  gradeBands: { grade: Grade; min: string }[];
  lateFactor: string;
  overdueFactor: string;
  /** Blank: the rubric has none (it reads as 1). */
  repeatFactor: string;
  satisfaction: { satisfiedAtOrAbove: string; targetRate: string; floorRate: string; minRespondents: string };
  questionnaire: { id: string; label: LabelValues }[];
}

const text = (n: number): string => String(n);
const labelValues = (l: LocalisedText): LabelValues => ({ "zh-CN": l["zh-CN"], en: l.en });

/**
 * The form's values for a rubric.
 *
 * @example
 * rubricToForm(defaultRubric("catering")).dimensions[0]!.max; // "45"
 */
export function rubricToForm(rubric: Rubric): RubricFormValues {
  return {
    version: rubric.version,
    dimensions: rubric.dimensions.map((d) => ({
      id: d.id,
      source: d.source,
      label: labelValues(d.label),
      max: text(d.max),
      items: d.items.map((it) => ({
        id: it.id,
        label: labelValues(it.label),
        deduction: { minor: text(it.deduction.minor), major: text(it.deduction.major), critical: text(it.deduction.critical) },
      })),
    })),
    vetoItems: rubric.vetoItems.map((v) => ({ id: v.id, label: labelValues(v.label) })),
    bonusItems: rubric.bonusItems.map((b) => ({ id: b.id, label: labelValues(b.label), points: text(b.points) })),
    bonusCap: text(rubric.bonusCap),
    gradeBands: rubric.gradeBands.map((b) => ({ grade: b.grade, min: text(b.min) })),
    lateFactor: text(rubric.lateFactor),
    overdueFactor: text(rubric.overdueFactor),
    repeatFactor: rubric.repeatFactor === undefined ? "" : text(rubric.repeatFactor),
    satisfaction: {
      satisfiedAtOrAbove: text(rubric.satisfaction.satisfiedAtOrAbove),
      targetRate: text(rubric.satisfaction.targetRate),
      floorRate: text(rubric.satisfaction.floorRate),
      minRespondents: text(rubric.satisfaction.minRespondents),
    },
    questionnaire: rubric.questionnaire.map((q) => ({ id: q.id, label: labelValues(q.label) })),
  };
}

/**
 * A number typed in the form: `Number` of the trimmed text, or the text itself
 * when it is no number (blank, "六十"), so `validateRubric` refuses it at its
 * field instead of reading 0.
 */
export function numberOf(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const s = value.trim();
  if (s === "") return value;
  const n = Number(s);
  return Number.isFinite(n) ? n : value;
}

const label = (l: LabelValues | undefined): unknown => (l === undefined ? l : { "zh-CN": l["zh-CN"], en: l.en });

/**
 * The rubric the form describes, over `base` (the draft as stored: its id and
 * service type; the version is the form's). Not checked here: the result is
 * what `saveRubricDraft` validates with `validateRubric`, so its refusals name
 * the same fields as the form.
 *
 * @example
 * formToRubric(rubricToForm(r), r); // deep-equals r
 */
export function formToRubric(values: RubricFormValues, base: Pick<Rubric, "id" | "serviceType">): unknown {
  const out: Record<string, unknown> = {
    id: base.id,
    version: values.version,
    serviceType: base.serviceType,
    dimensions: values.dimensions.map((d) => ({
      id: d.id,
      label: label(d.label),
      max: numberOf(d.max),
      source: d.source,
      // The survey dimension has no items; a form without the field posts none.
      items: (d.items ?? []).map((it) => ({
        id: it.id,
        label: label(it.label),
        deduction: { minor: numberOf(it.deduction?.minor), major: numberOf(it.deduction?.major), critical: numberOf(it.deduction?.critical) },
      })),
    })),
    vetoItems: values.vetoItems.map((v) => ({ id: v.id, label: label(v.label) })),
    bonusItems: values.bonusItems.map((b) => ({ id: b.id, label: label(b.label), points: numberOf(b.points) })),
    bonusCap: numberOf(values.bonusCap),
    gradeBands: values.gradeBands.map((b) => ({ grade: b.grade, min: numberOf(b.min) })),
    lateFactor: numberOf(values.lateFactor),
    overdueFactor: numberOf(values.overdueFactor),
    satisfaction: {
      satisfiedAtOrAbove: numberOf(values.satisfaction.satisfiedAtOrAbove),
      targetRate: numberOf(values.satisfaction.targetRate),
      floorRate: numberOf(values.satisfaction.floorRate),
      minRespondents: numberOf(values.satisfaction.minRespondents),
    },
    questionnaire: values.questionnaire.map((q) => ({ id: q.id, label: label(q.label) })),
  };
  if (values.repeatFactor.trim() !== "") out.repeatFactor = numberOf(values.repeatFactor);
  return out;
}

/**
 * Every item, veto, bonus and question id in `rubrics` (the organisation's
 * versions of a type and the default): the ids a new item must not take,
 * so a removed id is never reused.
 *
 * @example
 * takenIds([defaultRubric("catering")]).includes("catering.q.taste"); // true
 */
export function takenIds(rubrics: readonly Rubric[]): string[] {
  const out = new Set<string>();
  for (const r of rubrics) {
    for (const d of r.dimensions) for (const it of d.items) out.add(it.id);
    for (const v of r.vetoItems) out.add(v.id);
    for (const b of r.bonusItems) out.add(b.id);
    for (const q of r.questionnaire) out.add(q.id);
  }
  return [...out].sort();
}

/**
 * The sum of the dimensions' maxima as typed, in tenths summed exactly (the
 * running total beside the dimensions); null while one is not a number.
 *
 * @example
 * runningTotal([{ max: "45" }, { max: "35" }, { max: "20" }]); // 100
 */
export function runningTotal(dimensions: readonly { max?: unknown }[]): number | null {
  let tenths = 0;
  for (const d of dimensions) {
    const n = numberOf(d.max);
    if (typeof n !== "number") return null;
    tenths += Math.round(n * 10);
  }
  return tenths / 10;
}

/**
 * The form's values after a refused post without JavaScript: what was posted,
 * in the form's shape (`echoValues`), a dimension posted without items (the
 * survey one, or one whose items were all removed) without items.
 */
export function echoRubricValues(values: RubricFormValues, posted: Record<string, unknown>): RubricFormValues {
  const out = echoValues(values, posted);
  const dims = posted.dimensions;
  out.dimensions = out.dimensions.map((d, i) => {
    const row = typeof dims === "object" && dims !== null ? (dims as Record<string, unknown>)[String(i)] : undefined;
    const hasItems = typeof row === "object" && row !== null && "items" in row;
    return hasItems ? d : { ...d, items: [] };
  });
  return out;
}
