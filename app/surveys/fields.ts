/**
 * The survey form's field names, without zod: the page renders and counts with
 * them and loads the schema (./schema.ts) only when it validates.
 */

/** The form field of the comment. */
export const COMMENT_FIELD = "comment";

/** A question id as a dot-free key (react-hook-form and `formDataToObject` split names on "."). */
export function questionKey(questionId: string): string {
  return questionId.replaceAll(".", ":");
}

/**
 * The form field name of a question's answer.
 * @example answerFieldName("catering.q.taste") // "answers.catering:q:taste"
 */
export function answerFieldName(questionId: string): string {
  return `answers.${questionKey(questionId)}`;
}
