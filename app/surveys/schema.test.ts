import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "~/utils/forms";
import { answerFieldName, COMMENT_MAX_CHARS, surveyResponseSchema, SURVEY_ERROR_KEYS } from "./schema";

const ids = ["catering.q.taste", "catering.q.price", "overall"];
const schema = surveyResponseSchema(ids);
const full = { answers: { "catering:q:taste": "5", "catering:q:price": "3", overall: "1" } };

function errors(input: unknown) {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? {} : fieldErrorsOf(r.error);
}

describe("surveyResponseSchema", () => {
  it("names fields without dots and parses back to question ids", () => {
    expect(answerFieldName("catering.q.taste")).toBe("answers.catering:q:taste");
    expect(schema.parse({ ...full, comment: "  很好\r\n谢谢 " })).toEqual({
      answers: { "catering.q.taste": 5, "catering.q.price": 3, overall: 1 },
      comment: "很好\n谢谢",
    });
    expect(schema.parse({ ...full, comment: "   " }).comment).toBeUndefined();
    expect(schema.parse(full).comment).toBeUndefined();
  });

  it("requires every answer, each field on its own", () => {
    expect(errors({ answers: { overall: "4" } })).toEqual({
      "answers.catering:q:taste": ["survey.errors.answerRequired"],
      "answers.catering:q:price": ["survey.errors.answerRequired"],
    });
    expect(Object.keys(errors({}))).toHaveLength(3);
    expect(errors({ answers: { ...full.answers, overall: "" } })).toEqual({ "answers.overall": ["survey.errors.answerRequired"] });
  });

  it.each(["0", "6", "3.5", "abc", "-1", "1e0", 7])("refuses the answer %j", (value) => {
    expect(errors({ answers: { ...full.answers, overall: value } })).toEqual({ "answers.overall": ["survey.errors.answerInvalid"] });
  });

  it("refuses extra answers and extra fields", () => {
    expect(errors({ answers: { ...full.answers, extra: "3" } })).toEqual({ answers: ["survey.errors.unknownField"] });
    expect(errors({ ...full, userId: "x" })).toEqual({ _form: ["survey.errors.unknownField"] });
    expect(errors({ answers: "5" })).toEqual({ answers: ["survey.errors.malformed"] });
  });

  it("refuses long comments and control characters, keeps newlines and tabs", () => {
    expect(schema.parse({ ...full, comment: "一\n二\t三" }).comment).toBe("一\n二\t三");
    expect(schema.parse({ ...full, comment: "字".repeat(COMMENT_MAX_CHARS) }).comment).toHaveLength(COMMENT_MAX_CHARS);
    expect(errors({ ...full, comment: "字".repeat(COMMENT_MAX_CHARS + 1) })).toEqual({ comment: ['survey.errors.commentTooLong|{"max":500}'] });
    expect(errors({ ...full, comment: "x".repeat(1024 * 1024) }).comment).toBeDefined();
    expect(errors({ ...full, comment: "bad\u0000" })).toEqual({ comment: ["survey.errors.commentControlChars"] });
    expect(errors({ ...full, comment: "bell\u0007" })).toEqual({ comment: ["survey.errors.commentControlChars"] });
    expect(errors({ ...full, comment: ["a", "b"] })).toEqual({ comment: ["survey.errors.commentInvalid"] });
  });

  it("uses only declared message keys", () => {
    const keys = new Set<string>(SURVEY_ERROR_KEYS);
    const all = [
      errors({}),
      errors({ answers: { ...full.answers, overall: "9", extra: "1" }, comment: "\u0001" }),
      errors({ ...full, x: 1, comment: "字".repeat(600) }),
    ];
    for (const e of all) for (const list of Object.values(e)) for (const m of list) expect(keys).toContain(m.split("|")[0]);
  });
});
