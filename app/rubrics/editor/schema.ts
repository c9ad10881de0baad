/**
 * The rubric editor's zod schema: the shape of the form and basic bounds
 * (numbers are numbers within sensible ranges, labels are filled in, lists are
 * not endless). The real rules stay `validateRubric`'s, run by
 * `saveRubricDraft`; their refusals come back at the same field names
 * (`./errors`). Output: the form's values as typed (`RubricFormValues`),
 * which `formToRubric` turns into the rubric.
 */
import { z } from "zod";
import { GRADES } from "../../../scoring/types";
import type { RubricFormValues } from "./form-model";
import { indexedRows } from "~/admin/payment-rule";
import { fields, msg } from "~/utils/forms";

/** Limits of the lists, far above any real rubric (the defaults have at most 9 items a dimension). */
export const RUBRIC_FORM_LIMITS = { dimensions: 12, items: 60, vetoItems: 30, bonusItems: 30, questions: 40 } as const;

const DECIMAL = /^-?\d{1,6}(?:\.\d{1,6})?$/;

/** A number typed as text, within min..max. */
function decimal(min: number, max: number) {
  return z
    .string(msg("rubriceditor.errors.number"))
    .trim()
    .regex(DECIMAL, { error: msg("rubriceditor.errors.number"), abort: true })
    .refine((s) => Number(s) >= min && Number(s) <= max, msg("rubriceditor.errors.range", { min, max }));
}

const optionalDecimal = (min: number, max: number) => z.union([z.literal(""), decimal(min, max)], msg("rubriceditor.errors.number"));

/** An id kept from the draft or made by the editor: letters, digits, dots, hyphens and underscores. */
const id = z
  .string(msg("form.malformed"))
  .trim()
  .min(1, msg("form.malformed"))
  .max(120, msg("form.malformed"))
  .regex(/^[A-Za-z0-9._-]+$/, msg("form.malformed"));

const label = z.object({ "zh-CN": fields.name(300), en: fields.name(300) }, msg("form.malformed"));

/** Rows posted as `name.0.field` (an object keyed by row number) or given as an array by react-hook-form. */
function rows<T extends z.ZodType>(row: T, max: number) {
  return z.preprocess(indexedRows, z.array(row, msg("form.malformed")).max(max, msg("rubriceditor.errors.tooMany", { max })));
}

const points = () => decimal(-100, 100);

const item = z.object(
  {
    id,
    label,
    deduction: z.object({ minor: points(), major: points(), critical: points() }, msg("form.malformed")),
  },
  msg("form.malformed"),
);

const dimension = z.object(
  {
    id,
    source: z.enum(["findings", "survey"], msg("form.malformed")),
    label,
    max: decimal(0, 100),
    items: rows(item, RUBRIC_FORM_LIMITS.items),
  },
  msg("form.malformed"),
);

const named = z.object({ id, label }, msg("form.malformed"));

/**
 * The editor's form: page and action parse the same schema.
 *
 * @example
 * const parsed = await parseForm(request, RubricFormSchema);
 */
export const RubricFormSchema = z.object({
  version: fields.name(40),
  dimensions: rows(dimension, RUBRIC_FORM_LIMITS.dimensions),
  vetoItems: rows(named, RUBRIC_FORM_LIMITS.vetoItems),
  bonusItems: rows(z.object({ id, label, points: points() }, msg("form.malformed")), RUBRIC_FORM_LIMITS.bonusItems),
  bonusCap: decimal(-100, 100),
  gradeBands: rows(z.object({ grade: z.enum(GRADES, msg("form.malformed")), min: decimal(-100, 100) }, msg("form.malformed")), GRADES.length),
  lateFactor: decimal(0, 10),
  overdueFactor: decimal(0, 10),
  repeatFactor: optionalDecimal(0, 10),
  satisfaction: z.object(
    {
      satisfiedAtOrAbove: decimal(1, 5),
      targetRate: decimal(0, 1),
      floorRate: decimal(0, 1),
      minRespondents: decimal(1, 100_000),
    },
    msg("form.malformed"),
  ),
  questionnaire: rows(named, RUBRIC_FORM_LIMITS.questions),
}) as unknown as z.ZodType<RubricFormValues, RubricFormValues>;
