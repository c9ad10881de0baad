/**
 * `validateRubric`'s refusals at the editor's fields: its `path`
 * ("dimensions[1].items[3].deduction.major") becomes the form field's name
 * ("dimensions.1.items.3.deduction.major"), and its English message one of the
 * editor's localised messages (an i18n key made with `msg`, with the numbers
 * of the rule), falling back to the English text itself for a rule this list
 * does not know. Pure and browser-safe.
 */
import { msg } from "~/utils/messages";

/**
 * The form field of a `ScoringInputError.path` of a rubric; "_form" for the
 * rubric as a whole (an empty path).
 *
 * @example
 * fieldOfRubricPath("dimensions[1].items[3].deduction.major"); // "dimensions.1.items.3.deduction.major"
 * fieldOfRubricPath("satisfaction.targetRate"); // "satisfaction.targetRate"
 */
export function fieldOfRubricPath(path: string): string {
  if (path === "") return "_form";
  return path.replace(/\[(\d+)\]/g, ".$1");
}

type Rule = [RegExp, (m: RegExpExecArray) => string];

const num = (s: string | undefined) => s ?? "";

/** validateRubric's messages (scoring/validate.ts, scoring/read.ts), most specific first. */
const RULES: Rule[] = [
  [/^expected a non-empty string/, () => msg("form.required")],
  [/^expected a finite number/, () => msg("form.number")],
  [/^expected a whole number/, () => msg("form.integer")],
  [/^expected an? (object|array)/, () => msg("form.malformed")],
  [/^expected one of /, () => msg("form.choose")],
  [/^dimension maxima must add up to 100, got (\S+)/, (m) => msg("rubriceditor.errors.total", { total: num(m[1]) })],
  [/^at most one decimal/, () => msg("rubriceditor.errors.oneDecimal")],
  [/^must not exceed the dimension's (\S+) points/, (m) => msg("rubriceditor.errors.aboveMax", { max: num(m[1]) })],
  [/^must not be below the lesser severity's (\S+),/, (m) => msg("rubriceditor.errors.belowLesser", { lesser: num(m[1]) })],
  [/^must be below (\w+)'s (\S+), got/, (m) => msg("rubriceditor.errors.bandOrder", { grade: num(m[1]), min: num(m[2]) })],
  [/^the "fail" band must have min 0/, () => msg("rubriceditor.errors.failBandZero")],
  [/^a "fail" band with min 0 is required/, () => msg("rubriceditor.errors.failBandZero")],
  [/^grade "(\w+)" appears twice/, () => msg("rubriceditor.errors.duplicateGrade")],
  [/^must be above floorRate \((\S+)\) and at most 1/, (m) => msg("rubriceditor.errors.targetRate", { floor: num(m[1]) })],
  [/^must be within 0\.\.1 \(excl\.\)/, () => msg("rubriceditor.errors.floorRate")],
  [/^must be within (\S+)\.\.(\S+), got/, (m) => msg("rubriceditor.errors.within", { min: num(m[1]), max: num(m[2]) })],
  [/^must be at least lateFactor \((\S+)\)/, (m) => msg("rubriceditor.errors.overdueFactor", { late: num(m[1]) })],
  [/^too close to 1/, () => msg("rubriceditor.errors.tooCloseToOne")],
  [/^must be > 1,/, () => msg("rubriceditor.errors.aboveOne")],
  [/^must be > 0,/, () => msg("rubriceditor.errors.positive")],
  [/^must be at least (\S+), got/, (m) => msg("rubriceditor.errors.atLeast", { min: num(m[1]) })],
  [/^duplicate (?:question |dimension )?id/, () => msg("rubriceditor.errors.duplicateId")],
  [/^ids must start with "([^"]+)"/, (m) => msg("rubriceditor.errors.idPrefix", { prefix: num(m[1]) })],
  [/^a findings dimension needs at least one item/, () => msg("rubriceditor.errors.needItem")],
  [/^the survey dimension has no inspection items/, () => msg("rubriceditor.errors.surveyNoItems")],
  [/^at least one question is required/, () => msg("rubriceditor.errors.needQuestion")],
  [/^(?:exactly|only) one dimension (?:must|may) have source "survey"/, () => msg("rubriceditor.errors.oneSurvey")],
  [/^a rubric needs at least one dimension/, () => msg("rubriceditor.errors.needDimension")],
];

/**
 * The localised message (a `msg` key) of one of `validateRubric`'s refusals.
 * `message` may carry the error's "path: " prefix (`ScoringInputError.message`).
 *
 * @example
 * rubricErrorMessage("dimensions", "dimension maxima must add up to 100, got 99"); // 'rubriceditor.errors.total|{"total":"99"}'
 */
export function rubricErrorMessage(path: string, message: string): string {
  const bare = path !== "" && message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
  for (const [pattern, make] of RULES) {
    const m = pattern.exec(bare);
    if (m) return make(m);
  }
  return msg("rubriceditor.errors.other", { message: bare });
}

/**
 * A refusal of `validateRubric` as the action's field errors.
 *
 * @example
 * rubricFieldErrors("gradeBands[1].min", "must be below excellent's 90, got 95");
 * // { "gradeBands.1.min": ['rubriceditor.errors.bandOrder|{"grade":"excellent","min":"90"}'] }
 */
export function rubricFieldErrors(path: string, message: string): Record<string, string[]> {
  return { [fieldOfRubricPath(path)]: [rubricErrorMessage(path, message)] };
}
