/**
 * Shared by the three ways into a questionnaire — the open link `/s/<token>`,
 * an invite `/i/<code>` and signed-in staff `/staff/surveys/<id>` — so they
 * show the same page and the same clear refusals. Only what the page needs
 * leaves the server: no campaign or organisation id, no token.
 */
import { data } from "@remix-run/node";
import type { PublicSurveyCampaign } from "../../db/queries/surveys";
import type { FieldErrors } from "~/utils/forms";
import type { SurveyStateKind } from "./components/survey-state";
import { COMMENT_MAX_CHARS } from "./schema";
import { REFUSALS, stateOfReason } from "./refusals";
import type { SurveySubmission } from "./submit.server";

export { stateOfReason };

export interface SurveyCampaignView {
  orgName: string;
  contractorName: string;
  serviceType: PublicSurveyCampaign["serviceType"];
  period: string;
  opensOn: string;
  closesOn: string;
  questionnaire: PublicSurveyCampaign["questionnaire"];
  commentMax: number;
}

export type SurveyView =
  | { state: "form"; campaign: SurveyCampaignView }
  | { state: SurveyStateKind; campaign: SurveyCampaignView | null };

export type SurveyActionData =
  | { state: "form"; fieldErrors: FieldErrors; formError?: string; values?: { answers: Record<string, string>; comment: string } }
  | { state: SurveyStateKind; campaign: SurveyCampaignView | null };

export function campaignView(c: PublicSurveyCampaign): SurveyCampaignView {
  return {
    orgName: c.orgName,
    contractorName: c.contractorName,
    serviceType: c.serviceType,
    period: c.period,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    questionnaire: c.questionnaire,
    commentMax: COMMENT_MAX_CHARS,
  };
}

/** HTTP status of a state page: an unknown link is a 404, a refusal a 409, the rest 200. */
export function statusOfState(state: SurveyView["state"]): number {
  return state === "unknown" || state === "unknownCode" ? 404 : state === "used" || state === "already" ? 409 : 200;
}

/** Survey pages are personal and short-lived: never stored by a browser or proxy cache. */
export const NO_STORE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

/** The survey routes' `headers`: never cached, and an action's Retry-After (rate limited) kept. */
export function surveyHeaders({ actionHeaders }: { actionHeaders: Headers }): Headers {
  const headers = new Headers(NO_STORE);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}

export function surveyData(view: SurveyView) {
  return data(view, { status: statusOfState(view.state), headers: NO_STORE });
}

/**
 * What the action answers after a refused submission: the form again (field
 * errors, the values sent, or a message such as "too many submissions"), or
 * the clear page when the refusal is final (invite used, survey closed…).
 */
export function refusedSubmission(result: Extract<SurveySubmission, { ok: false }>, unknownState: SurveyStateKind = "unknown") {
  const headers = new Headers(result.headers);
  headers.set("Cache-Control", "private, no-store");
  const campaign = result.campaign ? campaignView(result.campaign) : null;
  const page = result.error === "form" ? "form" : REFUSALS[result.error].page;
  const body: SurveyActionData =
    page === "form"
      ? { state: "form", fieldErrors: result.fieldErrors, formError: result.formError, values: result.values }
      : // Unknown with no campaign found: the route's own "unknown" page (e.g. an unknown invite code).
        { state: page === "unknown" && !campaign ? unknownState : page, campaign };
  return data<SurveyActionData>(body, { status: result.status, headers });
}
