/**
 * The survey response form's schema, shared by the page (react-hook-form in
 * the browser) and the action (app/surveys/submit.server.ts, the authority).
 *
 * Field names: `answers.<key>` for each question and `comment`. Question ids
 * contain dots ("catering.q.taste"), which both `formDataToObject` and
 * react-hook-form read as nesting, so a question's key is its id with every
 * "." written ":" — use `answerFieldName(id)` and never build names by hand.
 * The parsed output is keyed by the real question ids again.
 *
 * Messages are i18n keys under `survey.errors.*` (see SURVEY_ERROR_KEYS).
 *
 * @example
 * const schema = surveyResponseSchema(campaign.questionnaire.map((q) => q.id));
 * schema.parse({ answers: { "catering:q:taste": "5", … }, comment: "" });
 * // { answers: { "catering.q.taste": 5, … }, comment: undefined }
 */
// zod/mini, not zod: staff open this form on phones, often on a weak signal, and the
// tree-shakable mini build keeps the survey page about 25 kB lighter (npm run bench,
// bench/weight.ts). The server parses with the very same schema.
import { z } from "zod/mini";
import { charLength, COMMENT_FORBIDDEN_CHARS, COMMENT_MAX_CHARS, normaliseComment } from "../../domain/survey-rules";
import { msg } from "~/utils/messages";

export { COMMENT_MAX_CHARS };

export { answerFieldName, COMMENT_FIELD, questionKey } from "./fields";
import { COMMENT_FIELD, questionKey } from "./fields";

/** Every message key the schema and the submission can produce (texts in app/i18n/locales/features/survey.ts). */
export const SURVEY_ERROR_KEYS = [
  // schema
  "survey.errors.answerRequired", // a question has no answer
  "survey.errors.answerInvalid", // not a whole number 1..5
  "survey.errors.unknownField", // a field the form does not have (extra answers, extra fields)
  "survey.errors.malformed", // `answers` is not a set of fields at all
  "survey.errors.commentTooLong", // params { max }
  "survey.errors.commentControlChars", // control characters other than newline/tab
  "survey.errors.commentInvalid", // not text (e.g. the field sent twice)
  // submission (formError of app/surveys/submit.server.ts)
  "survey.errors.tooLarge", // the request body is larger than any honest answer
  "survey.errors.unreadable", // the body could not be read as a form
  "survey.errors.invite_used",
  "survey.errors.closed",
  "survey.errors.not_open_yet",
  "survey.errors.finalised",
  "survey.errors.not_found",
  "survey.errors.already_participated",
  "survey.errors.invalid",
  "survey.errors.busy", // the database stayed busy: try again
  "survey.errors.rateLimited", // too many submissions from this address
  "survey.errors.deviceAlreadyAnswered", // this device has answered this campaign's open link
] as const;
export type SurveyErrorKey = (typeof SURVEY_ERROR_KEYS)[number];

/** "5" → 5; "" → undefined (no answer); anything else is left for the number check to refuse. */
function toAnswer(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const s = value.trim();
  if (s === "") return undefined;
  return /^[0-9]+$/.test(s) ? Number(s) : value;
}

const answerSchema = z.pipe(
  z.transform(toAnswer),
  z
    .int({
      error: (issue) => (issue.input === undefined ? msg("survey.errors.answerRequired") : msg("survey.errors.answerInvalid")),
    })
    .check(z.minimum(1, msg("survey.errors.answerInvalid")), z.maximum(5, msg("survey.errors.answerInvalid"))),
);

const strictError = (issue: { code?: string }) =>
  issue.code === "unrecognized_keys" ? msg("survey.errors.unknownField") : msg("survey.errors.malformed");

const commentSchema = z.pipe(
  z.optional(
    z.pipe(
      z.transform((v: unknown) => (typeof v === "string" ? (normaliseComment(v) ?? "") : v)),
      z
        .string(msg("survey.errors.commentInvalid"))
        .check(
          z.refine((s) => charLength(s) <= COMMENT_MAX_CHARS, msg("survey.errors.commentTooLong", { max: COMMENT_MAX_CHARS })),
          z.refine((s) => !COMMENT_FORBIDDEN_CHARS.test(s), msg("survey.errors.commentControlChars")),
        ),
    ),
  ),
  z.transform((s: string | undefined) => (s ? s : undefined)),
);

/**
 * The response form for a campaign's questions: every question required, a
 * whole number 1..5; an optional comment of at most COMMENT_MAX_CHARS
 * characters (CRLF → LF, trimmed) without control characters but newline and
 * tab; no other field — an extra answer or field is refused ("unknownField").
 * Output: `{ answers: Record<questionId, 1..5>, comment?: string }`.
 */
export function surveyResponseSchema(questionIds: readonly string[]) {
  // Built once per questionnaire: zod 4 compiles an object schema on first use,
  // which costs more than the parse itself (a campaign's questions never change).
  const cacheKey = questionIds.join("\n");
  let schema = schemas.get(cacheKey);
  if (!schema) {
    if (schemas.size >= MAX_CACHED_SCHEMAS) schemas.delete(schemas.keys().next().value!);
    schema = buildSchema([...questionIds]);
    schemas.set(cacheKey, schema);
  }
  return schema;
}

const MAX_CACHED_SCHEMAS = 200;
const schemas = new Map<string, ReturnType<typeof buildSchema>>();

function buildSchema(questionIds: readonly string[]) {
  const keys = questionIds.map(questionKey);
  if (new Set(keys).size !== keys.length) throw new Error("surveyResponseSchema: two questions share a form key");
  const answers = z.pipe(
    z.transform((v: unknown) => v ?? {}),
    z.pipe(
      z.strictObject(Object.fromEntries(keys.map((k) => [k, answerSchema])) as Record<string, typeof answerSchema>, { error: strictError }),
      z.transform((a) => Object.fromEntries(questionIds.map((id) => [id, a[questionKey(id)] as number])) as Record<string, number>),
    ),
  );
  return z.strictObject({ answers, [COMMENT_FIELD]: commentSchema }, { error: strictError });
}

export type SurveyResponseSchema = ReturnType<typeof surveyResponseSchema>;
export type SurveyResponseData = z.output<SurveyResponseSchema>;
