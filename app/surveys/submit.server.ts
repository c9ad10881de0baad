/**
 * The server side of answering a survey, for the survey pages' actions:
 * look the campaign up, refuse what cannot be taken (closed, used invite,
 * this device has answered, too many from this address), parse the form with
 * the shared schema, and hand the answers to `submitResponse`, which writes
 * the response and its tallies atomically.
 *
 * Nothing here logs, and nothing is kept about the respondent: the address is
 * used only as an in-memory rate-limit key, and the device cookie lives in
 * the respondent's browser (a signed list of campaign ids answered there).
 * Survey tokens and invite codes are never written to a log or an error.
 */
import { createCookie, type Cookie } from "@remix-run/node";
import {
  findCampaignByInviteCode,
  findCampaignByToken,
  getCampaignForParticipant,
  submitResponse,
  type PublicSurveyCampaign,
  type SubmitError,
  type SubmitTarget,
} from "../../db/queries/surveys";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { readFormBody } from "~/utils/body";
import { entriesToObject, fieldErrorsOf, msg, type FieldErrors } from "~/utils/forms";
import { isSecureRequest } from "~/utils/origin.server";
import { surveyRateLimiter } from "./rate-limit.server";
import { REFUSALS, type AppRefusal } from "./refusals";
import { COMMENT_FIELD, questionKey, surveyResponseSchema } from "./schema";
import { now } from "../utils/clock.server";

/** Larger than any honest answer (500 characters of comment, URL-encoded, plus the answers). */
export const MAX_SUBMISSION_BYTES = 16 * 1024;

/** How the respondent reached the survey. */
export type SurveySubmitTarget =
  /** The open link / QR code; with `userId` (signed in) the person is recorded as having taken part. */
  | { token: string; userId?: string }
  /** A single-use invite code. */
  | { inviteCode: string }
  /** Signed-in staff answering a campaign of their organisation from the staff pages. */
  | { campaignId: string; orgId: string; userId: string };

/** Why a submission was not taken. */
export type SurveySubmitFailure =
  | "form" // field errors: re-render the form with `fieldErrors` and `values`
  | AppRefusal
  | SubmitError;

export type SurveySubmission =
  | {
      ok: true;
      /** Headers to send with the response (Set-Cookie of the device cookie, for the open link). */
      headers: Headers;
    }
  | {
      ok: false;
      error: SurveySubmitFailure;
      /** The HTTP status to answer with. */
      status: number;
      /** A `msg()` key under survey.errors.* for the whole form (absent for "form"). */
      formError?: string;
      fieldErrors: FieldErrors;
      /** What was submitted, to put back into the form (answers by question id, as sent). */
      values?: { answers: Record<string, string>; comment: string };
      /** The campaign, when it was found (for the page's heading / state). */
      campaign: PublicSurveyCampaign | null;
      /** Headers to send (Retry-After when rate limited). */
      headers: Headers;
    };

function refuse(
  error: Exclude<SurveySubmitFailure, "form">,
  campaign: PublicSurveyCampaign | null,
  extra: { values?: { answers: Record<string, string>; comment: string }; headers?: Headers } = {},
): SurveySubmission {
  return {
    ok: false,
    error,
    status: REFUSALS[error].status,
    formError: msg(REFUSALS[error].messageKey),
    fieldErrors: {},
    campaign,
    values: extra.values,
    headers: extra.headers ?? new Headers(),
  };
}

// ---------------------------------------------------------------- the device cookie

/** Campaign ids remembered per device; older ones fall off (their campaigns have long closed). */
const DEVICE_COOKIE_MAX_IDS = 40;

let deviceCookieInstance: Cookie | undefined;
/**
 * A signed cookie listing the campaigns answered from this browser through
 * the open link. Signed so it cannot be forged into someone else's list; it
 * only ever refuses, so deleting it is the (accepted) way around it — the
 * per-address rate limit bounds what that buys.
 */
export function deviceCookie(): Cookie {
  deviceCookieInstance ??= createCookie("kaoping_survey_device", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secrets: env().sessionSecrets,
    maxAge: 60 * 60 * 24 * 400,
  });
  return deviceCookieInstance;
}

/** The campaign ids in the request's device cookie ([] when absent or tampered with). */
export async function answeredOnDevice(request: Request): Promise<string[]> {
  const value: unknown = await deviceCookie().parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").slice(-DEVICE_COOKIE_MAX_IDS) : [];
}

// ---------------------------------------------------------------- reading the body

/**
 * The posted fields through the one bounded body reader (~/utils/body), as the
 * survey's own page states: "too_large" past `limit` bytes (counted as they
 * stream), "unreadable" for a body that is not a well-formed form.
 */
async function readForm(request: Request, limit: number): Promise<Record<string, unknown> | "too_large" | "unreadable"> {
  try {
    const body = await readFormBody(request, { maxBytes: limit });
    return (body.ok && entriesToObject(body.entries)) || "unreadable";
  } catch (error) {
    if (error instanceof Response && error.status === 413) return "too_large";
    throw error;
  }
}

function submittedValues(raw: Record<string, unknown>, questionIds: string[]): { answers: Record<string, string>; comment: string } {
  const answers = (typeof raw.answers === "object" && raw.answers !== null ? raw.answers : {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const id of questionIds) {
    const v = answers[questionKey(id)];
    if (typeof v === "string") out[id] = v;
  }
  const comment = raw[COMMENT_FIELD];
  return { answers: out, comment: typeof comment === "string" ? comment.slice(0, 2000) : "" };
}

// ---------------------------------------------------------------- the submission

export interface HandleSurveySubmissionInput {
  request: Request;
  target: SurveySubmitTarget;
  /** The client's address (`context.clientIp` from server.ts); the rate-limit key. */
  clientIp?: string;
  /** Defaults to the current time; "today" is taken in the organisation's zone. */
  now?: Date;
  /**
   * The campaign the action has just looked up for the SAME target (e.g. with
   * `findCampaignByToken`): saves a read. The write re-checks everything that
   * decides whether the response is taken, so a stale value can only refuse.
   */
  campaign?: PublicSurveyCampaign | null;
}

/**
 * Handles a POST of the survey form. The page's action maps the result:
 * `ok` → redirect to its thank-you state with `headers`; `error: "form"` →
 * `data({ fieldErrors, values }, 400)`; anything else → the state page for
 * `error` (closed, invite_used, …) or the form with `formError`, at `status`.
 *
 * @example
 * export async function action({ request, params, context }: ActionFunctionArgs) {
 *   const r = await handleSurveySubmission({ request, target: { token: params.token! }, clientIp: context.clientIp });
 *   if (r.ok) return redirect(`/s/${params.token}?done=1`, { headers: r.headers });
 *   return data(r, { status: r.status, headers: r.headers });
 * }
 */
export async function handleSurveySubmission(input: HandleSurveySubmissionInput): Promise<SurveySubmission> {
  const { request, target } = input;
  const at = input.now ?? now();
  const database = db();

  // 1. The campaign (and whether it takes responses at all) before reading the body.
  let campaign: PublicSurveyCampaign | null;
  let submitTarget: SubmitTarget;
  let participant: { userId: string } | undefined;
  let openLink = false;
  const known = input.campaign;
  if ("inviteCode" in target) {
    const found = await findCampaignByInviteCode(database, target.inviteCode, at);
    campaign = found;
    submitTarget = { inviteCode: found?.inviteCode ?? target.inviteCode };
  } else if ("token" in target) {
    campaign = known !== undefined ? known : await findCampaignByToken(database, target.token, at);
    submitTarget = { token: target.token };
    if (target.userId) {
      participant = { userId: target.userId };
      // Signed-in staff may answer whether or not the open link is on (the write checks membership).
      if (campaign?.reason === "no_open_link") campaign = { ...campaign, acceptsResponses: true, reason: null };
    } else {
      openLink = true;
    }
  } else {
    campaign =
      known !== undefined
        ? known
        : await getCampaignForParticipant(database, { orgId: target.orgId, campaignId: target.campaignId, userId: target.userId, now: at });
    submitTarget = { campaignId: target.campaignId, orgId: target.orgId };
    participant = { userId: target.userId };
  }
  if (!campaign) return refuse("not_found", null);
  if (!campaign.acceptsResponses) {
    const reason = campaign.reason ?? "closed";
    return refuse(reason === "no_open_link" ? "not_found" : reason, campaign); // the switched-off link answers as unknown
  }

  // 2. One answer per device through the open link.
  const answered = openLink ? await answeredOnDevice(request) : [];
  if (openLink && answered.includes(campaign.id)) return refuse("device_already_answered", campaign);

  // 3. The form, bounded in size, checked by the shared schema.
  const questionIds = campaign.questionnaire.map((q) => q.id);
  const raw = await readForm(request, MAX_SUBMISSION_BYTES);
  if (raw === "too_large" || raw === "unreadable") return refuse(raw, campaign);
  const values = submittedValues(raw, questionIds);
  const parsed = surveyResponseSchema(questionIds).safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: "form",
      status: 400,
      fieldErrors: fieldErrorsOf(parsed.error),
      values,
      campaign,
      headers: new Headers(),
    };
  }

  // 4. Public paths: a bounded number of submissions per address and campaign.
  if (!participant) {
    const decision = surveyRateLimiter().take(`${input.clientIp ?? ""}|${campaign.id}`, at.getTime());
    if (!decision.allowed) {
      return refuse("rate_limited", campaign, {
        values,
        headers: new Headers({ "Retry-After": String(Math.ceil(decision.retryAfterMs / 1000)) }),
      });
    }
  }

  // 5. The atomic write.
  const result = await submitResponse(database, {
    campaign: submitTarget,
    answers: parsed.data.answers,
    comment: parsed.data.comment ?? null,
    today: campaign.today, // the organisation's day at `now`, worked out by the look-up
    participant,
  });
  if (!result.ok) return refuse(result.error, campaign, { values });

  const headers = new Headers();
  if (openLink) {
    const ids = [...answered.filter((id) => id !== campaign.id), campaign.id].slice(-DEVICE_COOKIE_MAX_IDS);
    headers.append("Set-Cookie", await deviceCookie().serialize(ids, { secure: isSecureRequest(request) }));
  }
  return { ok: true, headers };
}
