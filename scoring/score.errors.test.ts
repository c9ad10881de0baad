/**
 * scoreQuarter refuses bad input with a ScoringInputError naming the field.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arbAnyRubric, arbQuarterInput, arbRubric, arbRubricAndInput, errorPath, findingItemIds } from "./arbitraries";
import { addDays, periodEnd, periodStart } from "./dates";
import { defaultRubric } from "./rubrics/index";
import { scoreQuarter } from "./score";
import { type QuarterFinding, type QuarterInput, type Rubric } from "./types";

/** A rubric, a quarter with at least one finding, and the index of one of them. */
const arbWithFinding = arbRubricAndInput()
  .filter(([, q]) => q.findings.length > 0)
  .chain(([r, q]) => fc.tuple(fc.constant(r), fc.constant(q), fc.nat({ max: q.findings.length - 1 })));

/** Replaces finding `i` with `change(finding)`. */
function withFinding(q: QuarterInput, i: number, change: (f: QuarterFinding) => Record<string, unknown>): QuarterInput {
  return { ...q, findings: q.findings.map((f, j) => (j === i ? (change(f) as unknown as QuarterFinding) : f)) };
}

/** A greening rubric and a catering one: the default pair or a generated pair. */
const arbGreeningAndCatering = fc.oneof(
  fc.constant([defaultRubric("greening"), defaultRubric("catering")] as const),
  fc.tuple(arbRubric("greening"), arbRubric("catering")),
);

describe("scoreQuarter refuses findings", () => {
  test.prop([arbGreeningAndCatering.chain(([g, c]) => fc.tuple(fc.constant(g), arbQuarterInput(g), fc.constantFrom(...findingItemIds(c)), fc.nat()))])(
    "of a catering item on a greening rubric, at findings[i].itemId",
    ([greening, q, cateringItem, n]) => {
      const i = n % (q.findings.length + 1);
      const f = { itemId: cateringItem, severity: "minor", foundOn: periodStart(q.period), dueOn: periodEnd(q.period) } as const;
      const findings = [...q.findings.slice(0, i), f, ...q.findings.slice(i)];
      expect(errorPath(() => scoreQuarter(greening, { ...q, findings }))).toBe(`findings[${i}].itemId`);
    },
  );

  test.prop([arbWithFinding])("naming a veto or bonus item, at findings[i].itemId", ([r, q, i]) => {
    const other = [...r.vetoItems, ...r.bonusItems].map((x) => x.id);
    fc.pre(other.length > 0);
    expect(errorPath(() => scoreQuarter(r, withFinding(q, i, (f) => ({ ...f, itemId: other[0] }))))).toBe(`findings[${i}].itemId`);
  });

  test.prop([arbWithFinding, fc.constantFrom("severe", "MINOR", "", 2, null)])("with an unknown severity, at findings[i].severity", ([r, q, i], severity) => {
    expect(errorPath(() => scoreQuarter(r, withFinding(q, i, (f) => ({ ...f, severity }))))).toBe(`findings[${i}].severity`);
  });

  test.prop([arbWithFinding, fc.constantFrom("foundOn", "dueOn", "rectifiedOn"), fc.constantFrom("2026-02-30", "2026-13-01", "2026-1-5", "", 20260105)])(
    "with a malformed date, naming it",
    ([r, q, i], field, bad) => {
      expect(errorPath(() => scoreQuarter(r, withFinding(q, i, (f) => ({ ...f, [field]: bad }))))).toBe(`findings[${i}].${field}`);
    },
  );

  test.prop([arbWithFinding, fc.integer({ min: 1, max: 400 }), fc.boolean()])("found outside the period, at findings[i].foundOn", ([r, q, i], days, before) => {
    const foundOn = before ? addDays(periodStart(q.period), -days) : addDays(periodEnd(q.period), days);
    const broken = withFinding(q, i, (f) => ({ ...f, foundOn, dueOn: addDays(foundOn, 10), rectifiedOn: null }));
    expect(errorPath(() => scoreQuarter(r, broken))).toBe(`findings[${i}].foundOn`);
  });

  test.prop([arbWithFinding, fc.integer({ min: 1, max: 60 })])("due before they were found, at findings[i].dueOn", ([r, q, i], days) => {
    expect(errorPath(() => scoreQuarter(r, withFinding(q, i, (f) => ({ ...f, dueOn: addDays(f.foundOn, -days) }))))).toBe(`findings[${i}].dueOn`);
  });

  test.prop([arbWithFinding, fc.integer({ min: 1, max: 60 })])("rectified before they were found, at findings[i].rectifiedOn", ([r, q, i], days) => {
    expect(errorPath(() => scoreQuarter(r, withFinding(q, i, (f) => ({ ...f, rectifiedOn: addDays(f.foundOn, -days) }))))).toBe(`findings[${i}].rectifiedOn`);
  });

  test.prop([arbWithFinding])("that are not objects, at findings[i]", ([r, q, i]) => {
    expect(errorPath(() => scoreQuarter(r, withFinding(q, i, () => "finding" as never)))).toBe(`findings[${i}]`);
  });
});

describe("scoreQuarter refuses vetoes and bonuses", () => {
  test.prop([arbRubricAndInput(), fc.integer({ min: 1, max: 400 }), fc.boolean()])("a veto outside the period, at vetoes[i].occurredOn", ([r, q], days, before) => {
    fc.pre(r.vetoItems.length > 0);
    const occurredOn = before ? addDays(periodStart(q.period), -days) : addDays(periodEnd(q.period), days);
    const vetoes = [...(q.vetoes ?? []), { itemId: r.vetoItems[0]!.id, occurredOn }];
    expect(errorPath(() => scoreQuarter(r, { ...q, vetoes }))).toBe(`vetoes[${vetoes.length - 1}].occurredOn`);
  });

  test.prop([arbRubricAndInput()])("a veto on a malformed date, at vetoes[i].occurredOn", ([r, q]) => {
    fc.pre(r.vetoItems.length > 0);
    expect(errorPath(() => scoreQuarter(r, { ...q, vetoes: [{ itemId: r.vetoItems[0]!.id, occurredOn: "2026-02-30" }] }))).toBe("vetoes[0].occurredOn");
  });

  test.prop([arbRubricAndInput()])("a veto item the rubric does not have, at vetoes[i].itemId", ([r, q]) => {
    const vetoes = [{ itemId: `${r.serviceType}.veto.unknown`, occurredOn: periodStart(q.period) }];
    expect(errorPath(() => scoreQuarter(r, { ...q, vetoes }))).toBe("vetoes[0].itemId");
  });

  test.prop([arbRubricAndInput()])("a bonus item the rubric does not have, at bonuses[i].itemId", ([r, q]) => {
    const bonuses = [...(q.bonuses ?? []), { itemId: findingItemIds(r)[0]! }];
    expect(errorPath(() => scoreQuarter(r, { ...q, bonuses }))).toBe(`bonuses[${bonuses.length - 1}].itemId`);
  });
});

describe("scoreQuarter refuses a bad quarter or survey", () => {
  test.prop([arbRubricAndInput(), fc.constantFrom("2026-Q5", "2026-Q0", "2026Q1", "2026-q2", "", 2026)])("a malformed period, at period", ([r, q], period) => {
    expect(errorPath(() => scoreQuarter(r, { ...q, period: period as string }))).toBe("period");
  });

  test.prop([arbRubricAndInput(), fc.constantFrom("2026-02-30", "2026-04-31", "2026-00-10", "tomorrow", null)])("a malformed asOf, at asOf", ([r, q], asOf) => {
    expect(errorPath(() => scoreQuarter(r, { ...q, asOf: asOf as string }))).toBe("asOf");
  });

  test.prop([arbRubricAndInput(), fc.constantFrom(null, "input", 3, [])])("an input that is not an object, at the root", ([r], input) => {
    expect(errorPath(() => scoreQuarter(r, input as unknown as QuarterInput))).toBe("");
  });

  test.prop([arbRubricAndInput()])("findings that are not an array, at findings", ([r, q]) => {
    expect(errorPath(() => scoreQuarter(r, { ...q, findings: {} as never }))).toBe("findings");
  });

  test.prop([arbRubricAndInput(), fc.integer({ min: 0, max: 4 })])("a negative count, at survey.questions.<id>[k]", ([r, q], k) => {
    const id = r.questionnaire[0]!.id;
    const counts = [0, 0, 0, 0, 0] as [number, number, number, number, number];
    counts[k] = -1;
    expect(errorPath(() => scoreQuarter(r, { ...q, survey: { ...q.survey, questions: { ...q.survey.questions, [id]: counts } } }))).toBe(
      `survey.questions.${id}[${k}]`,
    );
  });

  test.prop([arbRubricAndInput()])("more answers than respondents, at survey.questions.<id>", ([r, q]) => {
    const id = r.questionnaire[0]!.id;
    const counts: [number, number, number, number, number] = [0, 0, 0, 0, q.survey.respondents + 1];
    expect(errorPath(() => scoreQuarter(r, { ...q, survey: { ...q.survey, questions: { ...q.survey.questions, [id]: counts } } }))).toBe(
      `survey.questions.${id}`,
    );
  });

  test.prop([arbRubricAndInput()])("an answer to a question the rubric does not have, at survey.questions.<id>", ([r, q]) => {
    const questions = { ...q.survey.questions, "greening.q.unknown": [0, 0, 0, 0, 0] as [number, number, number, number, number] };
    expect(errorPath(() => scoreQuarter(r, { ...q, survey: { ...q.survey, questions } }))).toBe("survey.questions.greening.q.unknown");
  });

  test.prop([arbRubricAndInput(), fc.constantFrom(-1, 1.5, Number.NaN, "10")])("a bad respondent count, at survey.respondents", ([r, q], respondents) => {
    expect(errorPath(() => scoreQuarter(r, { ...q, survey: { ...q.survey, respondents: respondents as number } }))).toBe("survey.respondents");
  });

  test.prop([arbRubricAndInput()])("a missing survey, at survey", ([r, q]) => {
    expect(errorPath(() => scoreQuarter(r, { ...q, survey: undefined as never }))).toBe("survey");
  });

  test.prop([arbAnyRubric.chain((r) => fc.tuple(fc.constant(r), arbQuarterInput(r)))])("an invalid rubric, naming the rubric field", ([r, q]) => {
    const broken: Rubric = { ...r, lateFactor: 0.5 };
    expect(errorPath(() => scoreQuarter(broken, q))).toBe("lateFactor");
  });

  test.prop([arbRubricAndInput(), fc.constantFrom(null, "catering", 7)])("a rubric that is not an object, at the root", ([, q], rubric) => {
    expect(errorPath(() => scoreQuarter(rubric as never, q))).toBe("");
  });
});
