/**
 * Reading a quarter's input against a valid rubric (internal to scoreQuarter).
 */
import { assertIsoDate, assertPeriod, periodEnd, periodStart } from "./dates";
import { fail, show } from "./errors";
import { validateTally } from "./tally";
import {
  SEVERITIES,
  type IsoDate,
  type LocalisedText,
  type Period,
  type Rubric,
  type RubricItem,
  type Severity,
  type SurveyTally,
} from "./types";
import { list, oneOf, record, text } from "./validate";

/** A finding that passed every check, with its rubric item resolved. */
export interface CheckedFinding {
  id: string | undefined;
  itemId: string;
  severity: Severity;
  foundOn: IsoDate;
  dueOn: IsoDate;
  rectifiedOn: IsoDate | null;
  /** Index of its dimension in `rubric.dimensions`. */
  dimension: number;
  item: RubricItem;
}

/** A bonus or veto entry with its rubric item resolved. */
export interface CheckedEvent {
  itemId: string;
  label: LocalisedText;
  occurredOn: IsoDate;
  points: number;
}

export interface CheckedInput {
  period: Period;
  asOf: IsoDate;
  survey: SurveyTally;
  findings: CheckedFinding[];
  bonuses: CheckedEvent[];
  vetoes: CheckedEvent[];
}

/**
 * Checks a quarter's input against a rubric that `validateRubric` returned.
 * Throws a `ScoringInputError` at the field at fault ("findings[2].itemId").
 */
export function checkQuarterInput(rubric: Rubric, input: unknown): CheckedInput {
  const q = record(input, "");
  const period = assertPeriod(q.period, "period");
  const asOf = assertIsoDate(q.asOf, "asOf");
  const first = periodStart(period);
  const last = periodEnd(period);
  const inPeriod = (value: unknown, path: string): IsoDate => {
    const day = assertIsoDate(value, path);
    if (day < first || day > last) fail(path, `${day} is outside ${period} (${first}..${last})`);
    return day;
  };

  const items = new Map<string, { dimension: number; item: RubricItem }>();
  rubric.dimensions.forEach((d, dimension) => {
    for (const item of d.items) items.set(item.id, { dimension, item });
  });
  const vetoItems = new Map(rubric.vetoItems.map((v) => [v.id, v]));
  const bonusItems = new Map(rubric.bonusItems.map((b) => [b.id, b]));

  const findings = list(q.findings, "findings").map((value, i): CheckedFinding => {
    const p = `findings[${i}]`;
    const f = record(value, p);
    const id = f.id === undefined ? undefined : text(f.id, `${p}.id`);
    const itemId = text(f.itemId, `${p}.itemId`);
    const ref = items.get(itemId);
    if (ref === undefined) fail(`${p}.itemId`, unknownItem(rubric, itemId, "inspection item"));
    const severity = oneOf(f.severity, SEVERITIES, `${p}.severity`);
    const foundOn = inPeriod(f.foundOn, `${p}.foundOn`);
    const dueOn = assertIsoDate(f.dueOn, `${p}.dueOn`);
    if (dueOn < foundOn) fail(`${p}.dueOn`, `the deadline ${dueOn} is before the finding (${foundOn})`);
    let rectifiedOn: IsoDate | null = null;
    if (f.rectifiedOn !== undefined && f.rectifiedOn !== null) {
      rectifiedOn = assertIsoDate(f.rectifiedOn, `${p}.rectifiedOn`);
      if (rectifiedOn < foundOn) fail(`${p}.rectifiedOn`, `rectified ${rectifiedOn}, before the finding (${foundOn})`);
    }
    return { id, itemId, severity, foundOn, dueOn, rectifiedOn, ...ref };
  });

  const bonuses = optionalList(q.bonuses, "bonuses").map((value, i): CheckedEvent => {
    const p = `bonuses[${i}]`;
    const b = record(value, p);
    const itemId = text(b.itemId, `${p}.itemId`);
    const item = bonusItems.get(itemId);
    if (item === undefined) fail(`${p}.itemId`, unknownItem(rubric, itemId, "bonus item"));
    optionalText(b.note, `${p}.note`);
    return { itemId, label: item.label, occurredOn: "", points: item.points };
  });

  const vetoes = optionalList(q.vetoes, "vetoes").map((value, i): CheckedEvent => {
    const p = `vetoes[${i}]`;
    const v = record(value, p);
    const itemId = text(v.itemId, `${p}.itemId`);
    const item = vetoItems.get(itemId);
    if (item === undefined) fail(`${p}.itemId`, unknownItem(rubric, itemId, "veto item"));
    const occurredOn = inPeriod(v.occurredOn, `${p}.occurredOn`);
    optionalText(v.note, `${p}.note`);
    return { itemId, label: item.label, occurredOn, points: 0 };
  });

  const survey = validateTally(rubric, q.survey, "survey");
  return { period, asOf, survey, findings, bonuses, vetoes };
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
