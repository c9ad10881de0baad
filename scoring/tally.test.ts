import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbAnyRubric, arbTally, errorPath, permute } from "./arbitraries";
import { satisfactionRate, tallyResponses, type SurveyResponse } from "./tally";
import type { AnswerCounts, Rubric, SurveyTally } from "./types";

const QIDS = ["q1", "q2", "q3"];
const arbAnswer = fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4 });
const arbResponse: fc.Arbitrary<SurveyResponse> = fc
  .record({ q1: arbAnswer, q2: arbAnswer, q3: arbAnswer }, { requiredKeys: [] })
  .map((answers) => ({ answers }));
const arbResponses = fc.array(arbResponse, { maxLength: 60 });

const arbRubricTally: fc.Arbitrary<[Rubric, SurveyTally]> = arbAnyRubric.chain((r) => fc.tuple(fc.constant(r), arbTally(r)));

/** A rubric, a tally and the id of a question the questionnaire has. */
const arbRubricTallyQuestion = arbRubricTally.chain(([r, t]) =>
  fc.tuple(fc.constant(r), fc.constant(t), fc.constantFrom(...r.questionnaire.map((q) => q.id))),
);

describe("tallyResponses", () => {
  test.prop([arbResponses])("counts every response as a respondent", (rs) => {
    expect(tallyResponses(rs).respondents).toBe(rs.length);
  });

  test.prop([arbResponses])("counts each answer once under its value, skipping null", (rs) => {
    const tally = tallyResponses(rs);
    for (const q of QIDS) {
      const expected: number[] = [0, 0, 0, 0, 0];
      for (const r of rs) {
        const a = r.answers[q];
        if (typeof a === "number") expected[a - 1]! += 1;
      }
      const seen = rs.some((r) => q in r.answers);
      expect(tally.questions[q]).toEqual(seen ? expected : undefined);
    }
  });

  test.prop([arbResponses, fc.nat()])("does not depend on the order of responses", (rs, seed) => {
    expect(tallyResponses(permute(rs, seed))).toStrictEqual(tallyResponses(rs));
  });

  test.prop([
    arbResponses,
    fc.nat(),
    fc.constantFrom<unknown>(0, 6, 2.5, -1, "3", Number.NaN, Infinity, true, {}),
  ])("refuses an answer outside 1..5 or not whole, naming it", (rs, at, bad) => {
    const i = at % (rs.length + 1);
    const broken = [...rs.slice(0, i), { answers: { q2: bad as number } }, ...rs.slice(i)];
    expect(errorPath(() => tallyResponses(broken))).toBe(`responses[${i}].answers.q2`);
  });

  it("refuses a response without answers, naming it", () => {
    expect(errorPath(() => tallyResponses([{ answers: {} }, {} as SurveyResponse]))).toBe("responses[1].answers");
  });
});

describe("satisfactionRate", () => {
  test.prop([arbRubricTally])("is satisfied ÷ answered, or null with no answers", ([r, t]) => {
    let satisfied = 0;
    let answered = 0;
    for (const counts of Object.values(t.questions)) {
      counts.forEach((c, k) => {
        answered += c;
        if (k + 1 >= r.satisfaction.satisfiedAtOrAbove) satisfied += c;
      });
    }
    expect(satisfactionRate(r, t)).toBe(answered === 0 ? null : satisfied / answered);
  });

  test.prop([arbRubricTally])("is within 0..1 and never NaN", ([r, t]) => {
    const rate = satisfactionRate(r, t);
    if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
  });

  test.prop([arbRubricTallyQuestion, fc.integer({ min: 0, max: 3 })])("never falls when one answer moves up the scale", ([r, t, q], from) => {
    const counts = t.questions[q];
    fc.pre(counts !== undefined && counts[from]! > 0);
    const moved = structuredClone(t);
    moved.questions[q]![from]! -= 1;
    moved.questions[q]![from + 1]! += 1;
    expect(satisfactionRate(r, moved)!).toBeGreaterThanOrEqual(satisfactionRate(r, t)!);
  });

  test.prop([arbRubricTallyQuestion, fc.integer({ min: 0, max: 4 })])("refuses a negative count, naming it", ([r, t, q], k) => {
    const broken = structuredClone(t);
    const counts: AnswerCounts = broken.questions[q] ?? [0, 0, 0, 0, 0];
    counts[k] = -1;
    broken.questions[q] = counts;
    expect(errorPath(() => satisfactionRate(r, broken))).toBe(`survey.questions.${q}[${k}]`);
  });

  test.prop([arbRubricTallyQuestion, fc.integer({ min: 0, max: 4 })])("refuses a count that is not whole, naming it", ([r, t, q], k) => {
    const broken = structuredClone(t);
    broken.questions[q] = [0, 0, 0, 0, 0];
    broken.questions[q]![k] = 0.5;
    expect(errorPath(() => satisfactionRate(r, broken))).toBe(`survey.questions.${q}[${k}]`);
  });

  test.prop([arbRubricTallyQuestion, fc.integer({ min: 0, max: 4 })])("refuses more answers than respondents, naming the question", ([r, t, q], k) => {
    const broken = structuredClone(t);
    const counts: AnswerCounts = [0, 0, 0, 0, 0];
    counts[k] = t.respondents + 1;
    broken.questions[q] = counts;
    expect(errorPath(() => satisfactionRate(r, broken))).toBe(`survey.questions.${q}`);
  });

  test.prop([arbRubricTally])("refuses an answer to a question the rubric does not have, naming it", ([r, t]) => {
    const broken = { ...t, questions: { ...t.questions, "other.q": [0, 0, 0, 0, 0] as AnswerCounts } };
    expect(errorPath(() => satisfactionRate(r, broken))).toBe("survey.questions.other.q");
  });

  test.prop([arbRubricTally, fc.constantFrom(-1, 2.5, Number.NaN, "3")])("refuses a bad respondent count, naming it", ([r, t], bad) => {
    expect(errorPath(() => satisfactionRate(r, { ...t, respondents: bad as number }))).toBe("survey.respondents");
  });

  test.prop([arbRubricTallyQuestion])("refuses a row that is not five counts, naming the question", ([r, t, q]) => {
    const broken = { ...t, questions: { ...t.questions, [q]: [0, 0, 0, 0] as unknown as AnswerCounts } };
    expect(errorPath(() => satisfactionRate(r, broken))).toBe(`survey.questions.${q}`);
  });
});
