/**
 * Reading a quarter's input against a valid rubric (internal to scoreQuarter).
 */
import { assertIsoDate, assertPeriod, isIsoDate, periodEnd, periodStart } from "./dates";
import { fail, show } from "./errors";
import { checkTally, type TallyTotals } from "./tally";
import {
  SEVERITIES,
  type IsoDate,
  type LocalisedText,
  type Period,
  type Rubric,
  type RubricItem,
  type Severity,
} from "./types";
import { list, oneOf, record, text } from "./read";
import type { CheckedRubric } from "./validate";

/** A finding that passed every check, with its rubric item resolved. */
export interface CheckedFinding {
  id: string | undefined;
  itemId: string;
  severity: Severity;
  foundOn: IsoDate;
  dueOn: IsoDate;
  rectifiedOn: IsoDate | null;
  /** The earlier finding it repeats, or null. */
  repeatOf: string | null;
  /** Index of its dimension in `rubric.dimensions`. */
  dimension: number;
  item: RubricItem;
}

/** A bonus entry with its rubric item's label and points. */
export interface CheckedBonus {
  itemId: string;
  label: LocalisedText;
  points: number;
}

/** A veto event inside the quarter, with its rubric item's label. */
export interface CheckedVeto {
  itemId: string;
  label: LocalisedText;
  occurredOn: IsoDate;
}

export interface CheckedInput {
  period: Period;
  asOf: IsoDate;
  survey: TallyTotals;
  findings: CheckedFinding[];
  bonuses: CheckedBonus[];
  vetoes: CheckedVeto[];
}

/**
 * Checks a quarter's input against a rubric that `checkRubric` returned.
 * Throws a `ScoringInputError` at the field at fault ("findings[2].itemId").
 *
 * @example
 * const q = checkQuarterInput(checkRubric(rubric), input);
 */
export function checkQuarterInput(checked: CheckedRubric, input: unknown): CheckedInput {
  const { rubric } = checked;
  const q = record(input, "");
  const period = assertPeriod(q.period, "period");
  const asOf = assertIsoDate(q.asOf, "asOf");
  const span: Span = { period, first: periodStart(period), last: periodEnd(period) };

  const findings = list(q.findings, "findings").map((value, i): CheckedFinding => {
    const p = `findings[${i}]`;
    const f = record(value, p);
    const id = f.id === undefined ? undefined : text(f.id, p, ".id");
    const itemId = text(f.itemId, p, ".itemId");
    const ref = checked.items.get(itemId);
    if (ref === undefined) fail(`${p}.itemId`, unknownItem(rubric, itemId, "inspection item"));
    const s = f.severity;
    const severity: Severity = s === "minor" || s === "major" || s === "critical" ? s : oneOf(s, SEVERITIES, `${p}.severity`);
    const foundOn = inPeriod(f.foundOn, p, ".foundOn", span);
    const dueOn = day(f.dueOn, p, ".dueOn");
    if (dueOn < foundOn) fail(`${p}.dueOn`, `the deadline ${dueOn} is before the finding (${foundOn})`);
    let rectifiedOn: IsoDate | null = null;
    if (f.rectifiedOn !== undefined && f.rectifiedOn !== null) {
      rectifiedOn = day(f.rectifiedOn, p, ".rectifiedOn");
      if (rectifiedOn < foundOn) fail(`${p}.rectifiedOn`, `rectified ${rectifiedOn}, before the finding (${foundOn})`);
    }
    let repeatOf: string | null = null;
    if (f.repeatOf !== undefined && f.repeatOf !== null) {
      repeatOf = text(f.repeatOf, p, ".repeatOf");
      if (id !== undefined && repeatOf === id) fail(`${p}.repeatOf`, `a finding cannot repeat itself (${show(id)})`);
    }
    return { id, itemId, severity, foundOn, dueOn, rectifiedOn, repeatOf, dimension: ref.dimension, item: ref.item };
  });

  const bonuses = optionalList(q.bonuses, "bonuses").map((value, i): CheckedBonus => {
    const p = `bonuses[${i}]`;
    const b = record(value, p);
    const itemId = text(b.itemId, p, ".itemId");
    const item = checked.bonusItems.get(itemId);
    if (item === undefined) fail(`${p}.itemId`, unknownItem(rubric, itemId, "bonus item"));
    optionalText(b.note, `${p}.note`);
    return { itemId, label: item.label, points: item.points };
  });

  const vetoes = optionalList(q.vetoes, "vetoes").map((value, i): CheckedVeto => {
    const p = `vetoes[${i}]`;
    const v = record(value, p);
    const itemId = text(v.itemId, p, ".itemId");
    const item = checked.vetoItems.get(itemId);
    if (item === undefined) fail(`${p}.itemId`, unknownItem(rubric, itemId, "veto item"));
    const occurredOn = inPeriod(v.occurredOn, p, ".occurredOn", span);
    optionalText(v.note, `${p}.note`);
    return { itemId, label: item.label, occurredOn };
  });

  const survey = checkTally(rubric, q.survey, "survey", checked.questions);
  return { period, asOf, survey, findings, bonuses, vetoes };
}

interface Span {
  period: Period;
  first: IsoDate;
  last: IsoDate;
}

/** A calendar day at `path + key`. */
function day(value: unknown, path: string, key: string): IsoDate {
  return isIsoDate(value) ? value : assertIsoDate(value, path + key);
}

/** A calendar day inside the quarter. */
function inPeriod(value: unknown, path: string, key: string, span: Span): IsoDate {
  const d = day(value, path, key);
  if (d < span.first || d > span.last) fail(path + key, `${d} is outside ${span.period} (${span.first}..${span.last})`);
  return d;
}

function unknownItem(rubric: Rubric, itemId: string, kind: string): string {
  return `rubric ${rubric.id} ${rubric.version} (${rubric.serviceType}) has no ${kind} ${show(itemId)}`;
}

function optionalList(value: unknown, path: string): readonly unknown[] {
  return value === undefined ? [] : list(value, path);
}

function optionalText(value: unknown, path: string): void {
  if (value !== undefined && typeof value !== "string") fail(path, `expected a string, got ${show(value)}`);
}
