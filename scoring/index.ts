/**
 * Kaoping's scoring module: pure functions from a rubric and a quarter's
 * records to scores, grades, satisfaction rates, fees and renewal advice.
 * No database, network, file system, clock or randomness. The contract is
 * shared/docs/SCORING.md.
 *
 * @example
 * import { defaultRubric, scoreQuarter, tallyResponses } from "../scoring";
 * const score = scoreQuarter(defaultRubric("catering"), {
 *   period: "2026-Q3", asOf: "2026-10-08",
 *   survey: tallyResponses(responses), findings, bonuses, vetoes,
 * });
 */
export * from "./types";
export { ScoringInputError } from "./errors";
export { validateRubric, MIN_DEDUCTION } from "./validate";
export { tallyResponses, satisfactionRate, validateTally, type SurveyResponse } from "./tally";
export { scoreQuarter } from "./score";
export { recommendRenewal, DEFAULT_RENEWAL_POLICY, type RenewalQuarter } from "./renewal";
export { quarterPayment, assertNever, type PaymentQuarter } from "./payment";
export { quarterFee, type FeeContract, type QuarterFee } from "./fee";
export {
  defaultRubric,
  defaultRubricVersion,
  isDefaultRubricVersion,
  DEFAULT_RUBRICS,
  DEFAULT_RUBRICS_BY_VERSION,
  DEFAULT_RUBRIC_VERSION,
  DEFAULT_RUBRIC_VERSIONS,
  DEFAULT_REPEAT_FACTOR,
  type DefaultRubricVersion,
} from "./rubrics/index";
export {
  addDays,
  assertIsoDate,
  assertPeriod,
  compareIsoDates,
  comparePeriods,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  isConsecutive,
  isInPeriod,
  isIsoDate,
  isLeapYear,
  isPeriod,
  nextPeriod,
  parseIsoDate,
  parsePeriod,
  periodEnd,
  periodFromIndex,
  periodIndex,
  periodOfDate,
  periodStart,
  previousPeriod,
  type CalendarDay,
} from "./dates";
export { diffRubrics, RUBRIC_SETTING_LABELS, type Change, type RubricDiff } from "./rubric-diff";
export { whatIfRescore, type WhatIfQuarter, type WhatIfRow, type WhatIfResult } from "./what-if";
export { newRubricItemId, newQuestionId } from "./rubric-ids";
