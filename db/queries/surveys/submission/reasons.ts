/**
 * Why the data layer refused a submission: the one list of refusal reasons.
 * app/surveys/refusals.ts maps each (with the app's own reasons) to its HTTP
 * status, message key and page state, in one table.
 */
export const SUBMIT_ERRORS = [
  "invite_used", // the invite was used (also: by a concurrent submission a moment earlier)
  "closed", // status closed or after closesOn
  "not_open_yet", // status draft or before opensOn
  "finalised", // the quarter is finalised
  "not_found", // unknown token/code/campaign, or open link disabled, or participant not a member
  "already_participated", // the participant has answered this campaign
  "invalid", // answers/comment/day malformed (the form schema should have caught it)
  "busy", // the database stayed locked by another process through the retries: try again
] as const;

export type SubmitError = (typeof SUBMIT_ERRORS)[number];

export type SubmitResult = { ok: true } | { ok: false; error: SubmitError };
