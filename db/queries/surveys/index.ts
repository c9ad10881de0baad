/**
 * Satisfaction survey campaigns: creating them, distributing them (an open
 * link / QR code and single-use invite codes), taking anonymous responses and
 * reading the RELEASED tallies that scoring and dashboards use.
 *
 *   campaigns.ts           create, read, list, open/close (close releases the tally)
 *   invites.ts             add and list invite codes (used or not, never when)
 *   public.ts              the look-ups behind the survey pages and the staff list
 *   results.ts             released tally, comments, the monitor's counters
 *   submission/sql.ts      the hand-written SQL of the atomic write and of a release
 *   submission/writer.ts   submitResponse and the group-commit writer (+ WAL checkpoint)
 *   submission/diagnose.ts why a refused write was refused
 *   submission/reasons.ts  the refusal reasons (app/surveys/refusals.ts maps them)
 *
 * Anonymity (docs/decisions/004-survey-anonymity.md) is kept by what is
 * written, not by what is shown: a response row is a random id, the campaign,
 * the comment and whether it has been released — no user, address, invite,
 * time or day; an invite records only that it was used; a signed-in
 * participant is recorded in survey_participations with nothing that points
 * at a response; no audit row is written for a response; per-day activity is
 * a counter. The quarter-lock rule comes from domain/quarter-lock.ts.
 *
 * Public look-ups (findCampaignByToken, findCampaignByInviteCode) are scoped
 * by the secret they are given; everything else takes `orgId` and finds
 * nothing of another organisation.
 */
export * from "./campaigns";
export * from "./invites";
export * from "./public";
export * from "./results";
export { RELEASE_EVERY } from "./submission/sql";
export * from "./submission/reasons";
export * from "./submission/writer";
export type { CampaignDetail, CampaignListRow, PublicSurveyCampaign, SurveyClosedReason, SurveyQuestion } from "./shared";
