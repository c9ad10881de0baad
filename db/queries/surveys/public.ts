/**
 * The public look-ups behind the survey pages (open link, invite code, a
 * signed-in participant) and the staff home page's list. The open link and
 * the invite are scoped by the secret they are given, not by an organisation.
 */
import { and, asc, eq, getTableName, sql } from "drizzle-orm";
import type { QuarterState } from "../../../domain/quarter-lock";
import { isTokenShape, normaliseInviteCode } from "../../../domain/survey-rules";
import type { ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import { contractors, contracts, surveyCampaigns, surveyParticipations, type CampaignStatus } from "../../schema";
import { todayIn } from "../../../domain/days";
import { closedReason, queryOne, type PublicSurveyCampaign, type SqlRow, type SurveyClosedReason, type SurveyQuestion } from "./shared";
import { C, Q, quarterWritableSql } from "./submission/sql";
import { now as clockNow } from "../../time";

// The public look-ups run on every survey page view and submission: plain SQL
// through the client (drizzle's query building costs more than the query here).
const PUBLIC_COLUMNS = `c.id AS id, c.org_id AS orgId, o.name AS orgName, o.time_zone AS timeZone,
  k.name AS contractorName, t.service_type AS serviceType, c.period AS period,
  c.questionnaire AS questionnaire, c.opens_on AS opensOn, c.closes_on AS closesOn,
  c.status AS status, c.allow_open_link AS allowOpenLink,
  (SELECT q.${Q.status} FROM ${Q.$} q WHERE q.${Q.contractId} = c.${C.contractId} AND q.${Q.period} = c.${C.period}) AS quarterState`;
const PUBLIC_FROM = `survey_campaigns c
  JOIN contracts t ON t.id = c.contract_id
  JOIN contractors k ON k.id = t.contractor_id
  JOIN organisations o ON o.id = c.org_id`;
const SQL_PUBLIC_BY_TOKEN = `SELECT ${PUBLIC_COLUMNS} FROM ${PUBLIC_FROM} WHERE c.open_token = ?`;
const SQL_PUBLIC_BY_CODE = `SELECT ${PUBLIC_COLUMNS}, i.used AS used FROM ${PUBLIC_FROM} JOIN survey_invites i ON i.campaign_id = c.id WHERE i.code = ?`;
const SQL_PUBLIC_BY_ID = `SELECT ${PUBLIC_COLUMNS},
  EXISTS (SELECT 1 FROM survey_participations p WHERE p.campaign_id = c.id AND p.user_id = ?) AS participated
  FROM ${PUBLIC_FROM} WHERE c.id = ? AND c.org_id = ?`;

function toPublic(row: SqlRow, now: Date, extra: SurveyClosedReason | null = null): PublicSurveyCampaign {
  const campaign = {
    id: String(row.id),
    orgId: String(row.orgId),
    orgName: String(row.orgName),
    timeZone: String(row.timeZone),
    contractorName: String(row.contractorName),
    serviceType: row.serviceType as ServiceType,
    period: String(row.period),
    questionnaire: JSON.parse(String(row.questionnaire)) as SurveyQuestion[],
    opensOn: String(row.opensOn),
    closesOn: String(row.closesOn),
    status: row.status as CampaignStatus,
    allowOpenLink: Number(row.allowOpenLink) === 1,
  };
  const today = todayIn(campaign.timeZone, now);
  const reason = closedReason(campaign, (row.quarterState ?? null) as QuarterState | null, today) ?? extra;
  return { ...campaign, today, acceptsResponses: reason === null, reason };
}

/**
 * The campaign behind an open-link token (`/s/<token>`), for anyone holding
 * the token — not scoped to an organisation. `acceptsResponses` is false with
 * reason "no_open_link" when the campaign takes invites only. Null when the
 * token is unknown (or not token-shaped).
 * @example const campaign = await findCampaignByToken(db, params.token);
 */
export async function findCampaignByToken(db: Db, token: string, now: Date = clockNow()): Promise<PublicSurveyCampaign | null> {
  if (!isTokenShape(token)) return null;
  const row = await queryOne(db, SQL_PUBLIC_BY_TOKEN, [token]);
  if (!row) return null;
  return toPublic(row, now, Number(row.allowOpenLink) === 1 ? null : "no_open_link");
}

/**
 * The campaign behind an invite code (spaces, hyphens and case are forgiven),
 * not scoped to an organisation; reason "invite_used" when the code has been
 * used. `inviteCode` is the normalised code to put in the form. Null when unknown.
 * @example const campaign = await findCampaignByInviteCode(db, form.code);
 */
export async function findCampaignByInviteCode(
  db: Db,
  code: string,
  now: Date = clockNow(),
): Promise<(PublicSurveyCampaign & { inviteCode: string; inviteUsed: boolean }) | null> {
  const normalised = normaliseInviteCode(code);
  if (!normalised) return null;
  const row = await queryOne(db, SQL_PUBLIC_BY_CODE, [normalised]);
  if (!row) return null;
  const inviteUsed = Number(row.used) === 1;
  return { ...toPublic(row, now, inviteUsed ? "invite_used" : null), inviteCode: normalised, inviteUsed };
}

/**
 * A campaign of the signed-in user's organisation, as the survey page shows it
 * to a participant; reason "already_participated" when they have answered.
 * Signed-in staff may answer a campaign of their organisation whether or not
 * its open link is enabled. Null when not the organisation's.
 * @example const campaign = await getCampaignForParticipant(db, { orgId, campaignId, userId: viewer.user.id });
 */
export async function getCampaignForParticipant(
  db: Db,
  query: { orgId: string; campaignId: string; userId: string; now?: Date },
): Promise<(PublicSurveyCampaign & { participated: boolean }) | null> {
  const row = await queryOne(db, SQL_PUBLIC_BY_ID, [query.userId, query.campaignId, query.orgId]);
  if (!row) return null;
  const participated = Number(row.participated) === 1;
  return { ...toPublic(row, query.now ?? clockNow(), participated ? "already_participated" : null), participated };
}

/**
 * The organisation's campaigns that take responses on `today` (open, within
 * their dates, quarter not finalised), each with whether this user has taken
 * part — for the staff home page. Ordered by closing day, then contractor.
 * @example const surveys = await listOpenSurveysForUser(db, { orgId, userId, today: todayIn(org.timeZone, clockNow()) });
 */
export async function listOpenSurveysForUser(
  db: Db,
  query: { orgId: string; userId: string; today: string },
): Promise<
  { campaignId: string; contractorName: string; serviceType: ServiceType; period: string; opensOn: string; closesOn: string; questionCount: number; participated: boolean }[]
> {
  const rows = await db
    .select({
      campaignId: surveyCampaigns.id,
      contractorName: contractors.name,
      serviceType: contracts.serviceType,
      period: surveyCampaigns.period,
      opensOn: surveyCampaigns.opensOn,
      closesOn: surveyCampaigns.closesOn,
      questionCount: sql<number>`json_array_length(${surveyCampaigns.questionnaire})`,
      participated: sql<number>`exists (select 1 from ${surveyParticipations} p where p.campaign_id = survey_campaigns.id and p.user_id = ${query.userId})`,
    })
    .from(surveyCampaigns)
    .innerJoin(contracts, eq(contracts.id, surveyCampaigns.contractId))
    .innerJoin(contractors, eq(contractors.id, contracts.contractorId))
    .where(
      and(
        eq(surveyCampaigns.orgId, query.orgId),
        eq(surveyCampaigns.status, "open"),
        sql`${surveyCampaigns.opensOn} <= ${query.today} and ${surveyCampaigns.closesOn} >= ${query.today}`,
        sql.raw(quarterWritableSql(getTableName(surveyCampaigns))),
      ),
    )
    .orderBy(asc(surveyCampaigns.closesOn), asc(contractors.name), asc(surveyCampaigns.id));
  return rows.map((r) => ({ ...r, questionCount: Number(r.questionCount), participated: Boolean(Number(r.participated)) }));
}

