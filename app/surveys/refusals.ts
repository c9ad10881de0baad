/**
 * THE table from each reason a survey response is not taken — the data
 * layer's (db/queries/surveys/submission/reasons.ts and the look-ups'
 * SurveyClosedReason) and the app's own (body, rate limit, device cookie) — to
 * its HTTP status, message key (survey.errors.*) and what the page shows:
 * "form" (the questionnaire again, with the message) or a state page.
 * The pages' loaders, the submission and the action's answer all read it.
 */
import type { SubmitError, SurveyClosedReason } from "~/queries.server";
import type { SurveyStateKind } from "./components/survey-state";

/** Reasons of the app itself (before the data layer is asked). */
export type AppRefusal = "too_large" | "unreadable" | "rate_limited" | "device_already_answered";

export type SurveyRefusal = SubmitError | SurveyClosedReason | AppRefusal;

export interface RefusalView {
  status: number;
  /** msg() key for the whole form. */
  messageKey: string;
  /** The questionnaire again with the message, or a state page. */
  page: "form" | SurveyStateKind;
}

export const REFUSALS: Record<SurveyRefusal, RefusalView> = {
  invalid: { status: 400, messageKey: "survey.errors.invalid", page: "form" },
  too_large: { status: 413, messageKey: "survey.errors.tooLarge", page: "form" },
  unreadable: { status: 400, messageKey: "survey.errors.unreadable", page: "form" },
  rate_limited: { status: 429, messageKey: "survey.errors.rateLimited", page: "form" },
  busy: { status: 503, messageKey: "survey.errors.busy", page: "form" },
  device_already_answered: { status: 409, messageKey: "survey.errors.deviceAlreadyAnswered", page: "already" },
  already_participated: { status: 409, messageKey: "survey.errors.already_participated", page: "already" },
  invite_used: { status: 409, messageKey: "survey.errors.invite_used", page: "used" },
  closed: { status: 409, messageKey: "survey.errors.closed", page: "closed" },
  finalised: { status: 409, messageKey: "survey.errors.finalised", page: "closed" },
  not_open_yet: { status: 409, messageKey: "survey.errors.not_open_yet", page: "notOpen" },
  // The open link switched off looks exactly like an unknown link.
  no_open_link: { status: 404, messageKey: "survey.errors.not_found", page: "unknown" },
  not_found: { status: 404, messageKey: "survey.errors.not_found", page: "unknown" },
};

/** The state page a loader shows for a reason the campaign takes no response. */
export function stateOfReason(reason: SurveyRefusal): SurveyStateKind {
  const { page } = REFUSALS[reason];
  return page === "form" ? "unknown" : page;
}
