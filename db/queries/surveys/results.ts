/**
 * Reading survey results. ONE rule for every view of results — monitor,
 * scores, dashboards, exports (issue 9 item 8, docs/decisions/004): rates,
 * per-question figures, comments and satisfaction points come from the
 * RELEASED tally (survey_tally_releases), taken when the campaign first has 5
 * respondents, then each time 5 more have answered, and at close. Between
 * releases only the count of respondents moves. Nothing here reads the live
 * tally tables; test/helpers/surveys.ts has the live tally and the recount.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { SurveyTally } from "../../../scoring/types";
import type { Db } from "../../client";
import { surveyCampaignCounts, surveyCampaignDayCounts, surveyCampaigns, surveyInvites, surveyResponses, surveyTallyReleases } from "../../schema";
import { pageBounds, type PageQuery, type Paged } from "../context";
import { RELEASE_EVERY } from "./submission/sql";

async function questionIdsOf(db: Db, orgId: string, campaignId: string): Promise<string[] | null> {
  const [row] = await db
    .select({ questionnaire: surveyCampaigns.questionnaire })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.id, campaignId), eq(surveyCampaigns.orgId, orgId)));
  return row ? row.questionnaire.map((q) => q.id) : null;
}

const zeroCounts = (): [number, number, number, number, number] => [0, 0, 0, 0, 0];

async function releaseOf(db: Db, orgId: string, campaignId: string) {
  const [row] = await db
    .select()
    .from(surveyTallyReleases)
    .where(and(eq(surveyTallyReleases.campaignId, campaignId), eq(surveyTallyReleases.orgId, orgId)));
  return row ?? null;
}

/**
 * The campaign's RELEASED `SurveyTally` (scoring's input): respondents and
 * per-question counts as of the last release — zeros before the first. Every
 * question of the questionnaire is present. Null when not the organisation's.
 * @example const tally = await getTally(db, { orgId, campaignId }); scoreQuarter(rubric, { …, survey: tally! });
 */
export async function getTally(db: Db, query: { orgId: string; campaignId: string }): Promise<SurveyTally | null> {
  const [ids, release] = await Promise.all([questionIdsOf(db, query.orgId, query.campaignId), releaseOf(db, query.orgId, query.campaignId)]);
  if (!ids) return null;
  const questions: SurveyTally["questions"] = Object.fromEntries([...ids].sort().map((id) => [id, zeroCounts()]));
  for (const [id, counts] of Object.entries(release?.questions ?? {})) questions[id] = counts;
  return { respondents: release?.respondents ?? 0, questions };
}

/**
 * The released tally of a contract's quarter (its campaign's), or null when
 * the quarter has no campaign — for scoring a quarter.
 * @example const t = await getContractPeriodTally(db, { orgId, contractId, period: "2026-Q3" });
 */
export async function getContractPeriodTally(
  db: Db,
  query: { orgId: string; contractId: string; period: string },
): Promise<{ campaignId: string; tally: SurveyTally } | null> {
  const [row] = await db
    .select({ id: surveyCampaigns.id })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.orgId, query.orgId), eq(surveyCampaigns.contractId, query.contractId), eq(surveyCampaigns.period, query.period)));
  if (!row) return null;
  const tally = await getTally(db, { orgId: query.orgId, campaignId: row.id });
  return tally ? { campaignId: row.id, tally } : null;
}

/**
 * The campaign's RELEASED comments, in the order of the response's random id —
 * a random order that says nothing about when or by whom, stable across pages —
 * without any day. A comment written since the last release is not shown.
 * @example const { rows } = await listComments(db, { orgId, campaignId, page: 1 });
 */
export async function listComments(
  db: Db,
  query: { orgId: string; campaignId: string } & PageQuery,
): Promise<Paged<{ comment: string }>> {
  const { limit, offset, page } = pageBounds(query);
  const where = and(
    eq(surveyResponses.orgId, query.orgId),
    eq(surveyResponses.campaignId, query.campaignId),
    eq(surveyResponses.released, true),
    sql`${surveyResponses.comment} IS NOT NULL`,
  );
  const [rows, [total]] = await Promise.all([
    db.select({ comment: surveyResponses.comment }).from(surveyResponses).where(where).orderBy(asc(surveyResponses.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(surveyResponses).where(where),
  ]);
  return { rows: rows.map((r) => ({ comment: r.comment ?? "" })), total: Number(total?.n ?? 0), page, pageSize: limit };
}

export interface ResponseMonitor {
  /** Respondents so far: the one figure that moves with every response. */
  respondents: number;
  /** Respondents counted in the released figures (0 before the first release). */
  releasedRespondents: number;
  /** The respondent count at which the next release is taken (or at close). */
  nextReleaseAt: number;
  /** Released responses that gave every question the same answer (only counted with ≥ 2 questions). */
  straightLined: number;
  /** straightLined ÷ releasedRespondents, null before the first release. */
  straightLinedShare: number | null;
  /** How many invites exist and how many were used — never when. */
  invites: { total: number; used: number };
  /** Respondents per day, oldest first, from the per-day counters. */
  byDay: { day: string; count: number }[];
}

/**
 * The campaign monitor's figures: the live respondent count, the released
 * straight-lining figures, invite use, and the per-day counters (a few rows
 * per campaign; no scan of responses). Null when not the organisation's.
 * @example const m = await getResponseMonitor(db, { orgId, campaignId });
 */
export async function getResponseMonitor(db: Db, query: { orgId: string; campaignId: string }): Promise<ResponseMonitor | null> {
  const ids = await questionIdsOf(db, query.orgId, query.campaignId);
  if (!ids) return null;
  const [counts, release, invites, byDay] = await Promise.all([
    db
      .select({ respondents: surveyCampaignCounts.respondents })
      .from(surveyCampaignCounts)
      .where(and(eq(surveyCampaignCounts.campaignId, query.campaignId), eq(surveyCampaignCounts.orgId, query.orgId))),
    releaseOf(db, query.orgId, query.campaignId),
    db
      .select({ total: count(), used: sql<number>`coalesce(sum(${surveyInvites.used}), 0)` })
      .from(surveyInvites)
      .where(and(eq(surveyInvites.orgId, query.orgId), eq(surveyInvites.campaignId, query.campaignId))),
    db
      .select({ day: surveyCampaignDayCounts.day, count: surveyCampaignDayCounts.respondents })
      .from(surveyCampaignDayCounts)
      .where(and(eq(surveyCampaignDayCounts.orgId, query.orgId), eq(surveyCampaignDayCounts.campaignId, query.campaignId)))
      .orderBy(asc(surveyCampaignDayCounts.day)),
  ]);
  const releasedRespondents = release?.respondents ?? 0;
  const straightLined = release?.straightLined ?? 0;
  return {
    respondents: counts[0]?.respondents ?? 0,
    releasedRespondents,
    nextReleaseAt: Math.max(RELEASE_EVERY, releasedRespondents + RELEASE_EVERY),
    straightLined,
    straightLinedShare: releasedRespondents > 0 ? straightLined / releasedRespondents : null,
    invites: { total: Number(invites[0]?.total ?? 0), used: Number(invites[0]?.used ?? 0) },
    byDay: byDay.map((r) => ({ day: r.day, count: Number(r.count) })),
  };
}
