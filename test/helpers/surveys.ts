/**
 * A running survey for integration tests and the benchmark: an organisation
 * with a supervisor and staff, a contract and an open campaign made by
 * `createCampaign` (the real query), plus small helpers to answer it and to
 * count every survey table.
 */
import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { createCampaign, type CreateCampaignInput } from "../../db/queries/surveys";
import { surveyAnswers, surveyCampaignCounts, surveyCampaigns, surveyResponses, surveyTallies } from "../../db/schema";
import type { ServiceType, SurveyTally } from "../../scoring/types";
import { makeContract, makeMembership, makeOrg, makeUser } from "./factories";

export interface SurveyFixture {
  orgId: string;
  supervisorId: string;
  staffIds: string[];
  contractId: string;
  campaignId: string;
  openToken: string;
  inviteCodes: string[];
  questionIds: string[];
  /** A day inside the campaign's window. */
  today: string;
}

/**
 * An open campaign for 2026-Q3 (window 2026-09-01 … 2026-09-30) with `invites`
 * codes and `staff` staff members.
 */
export async function makeOpenSurvey(
  db: Db,
  options: { invites?: number; staff?: number; serviceType?: ServiceType; allowOpenLink?: boolean } & Partial<CreateCampaignInput> = {},
): Promise<SurveyFixture> {
  const org = await makeOrg(db);
  const supervisor = await makeUser(db);
  await makeMembership(db, { orgId: org.id, userId: supervisor.id, role: "supervisor" });
  const staffIds: string[] = [];
  for (let i = 0; i < (options.staff ?? 0); i++) staffIds.push((await makeMembership(db, { orgId: org.id, role: "staff" })).userId);
  const contract = await makeContract(db, { orgId: org.id, serviceType: options.serviceType ?? "catering" });
  const created = await createCampaign(
    db,
    { orgId: org.id, actorUserId: supervisor.id },
    {
      contractId: contract.id,
      period: options.period ?? "2026-Q3",
      opensOn: options.opensOn ?? "2026-09-01",
      closesOn: options.closesOn ?? "2026-09-30",
      allowOpenLink: options.allowOpenLink ?? true,
      inviteCount: options.invites ?? 10,
      status: options.status,
    },
  );
  if (!created.ok) throw new Error(`makeOpenSurvey: createCampaign refused (${created.error})`);
  const [row] = await db.all<{ q: string }>(sql`SELECT questionnaire AS q FROM survey_campaigns WHERE id = ${created.campaignId}`);
  const questionIds = (JSON.parse(row!.q) as { id: string }[]).map((q) => q.id);
  return {
    orgId: org.id,
    supervisorId: supervisor.id,
    staffIds,
    contractId: contract.id,
    campaignId: created.campaignId,
    openToken: created.openToken,
    inviteCodes: created.inviteCodes,
    questionIds,
    today: "2026-09-10",
  };
}

/** Answers every question with `value` (or values from `pick`). */
export function answersFor(questionIds: string[], pick: number | ((i: number) => number) = 4): Record<string, number> {
  return Object.fromEntries(questionIds.map((id, i) => [id, typeof pick === "number" ? pick : pick(i)]));
}

export const SURVEY_TABLES = [
  "survey_campaigns",
  "survey_invites",
  "survey_responses",
  "survey_answers",
  "survey_tallies",
  "survey_campaign_counts",
  "survey_participations",
  "survey_campaign_day_counts",
  "survey_tally_releases",
  "audit_log",
] as const;

export type SurveyCountKey =
  | (typeof SURVEY_TABLES)[number]
  | "survey_invites.used"
  | "survey_campaign_counts.respondents"
  | "survey_tallies.answers"
  | "survey_campaign_counts.straight_lined";

/** Row count of every survey table (and the audit log), plus the used invites and the summed counters. */
export async function surveyTableCounts(db: Db): Promise<Record<SurveyCountKey, number>> {
  const out = {} as Record<SurveyCountKey, number>;
  for (const table of SURVEY_TABLES) {
    const [row] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`));
    out[table] = Number(row!.n);
  }
  const [used] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM survey_invites WHERE used = 1`);
  const [sums] = await db.all<{ r: number; t: number; s: number }>(
    sql`SELECT (SELECT coalesce(sum(respondents), 0) FROM survey_campaign_counts) AS r,
               (SELECT coalesce(sum(v1 + v2 + v3 + v4 + v5), 0) FROM survey_tallies) AS t,
               (SELECT coalesce(sum(straight_lined), 0) FROM survey_campaign_counts) AS s`,
  );
  out["survey_invites.used"] = Number(used!.n);
  out["survey_campaign_counts.respondents"] = Number(sums!.r);
  out["survey_tallies.answers"] = Number(sums!.t);
  out["survey_campaign_counts.straight_lined"] = Number(sums!.s);
  return out;
}

async function questionIdsOf(db: Db, query: { orgId: string; campaignId: string }): Promise<string[] | null> {
  const [row] = await db
    .select({ questionnaire: surveyCampaigns.questionnaire })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.id, query.campaignId), eq(surveyCampaigns.orgId, query.orgId)));
  return row ? row.questionnaire.map((q) => q.id) : null;
}

const zeroCounts = (): [number, number, number, number, number] => [0, 0, 0, 0, 0];

/**
 * The LIVE tally (the counter tables, kept in the submission's write), which
 * no view may show (results come from the released tally: db/queries/surveys/results.ts).
 * Tests compare it with {@link recountTally}.
 */
export async function liveTally(db: Db, query: { orgId: string; campaignId: string }): Promise<SurveyTally | null> {
  const ids = await questionIdsOf(db, query);
  if (!ids) return null;
  const [counts, rows] = await Promise.all([
    db
      .select({ respondents: surveyCampaignCounts.respondents })
      .from(surveyCampaignCounts)
      .where(and(eq(surveyCampaignCounts.campaignId, query.campaignId), eq(surveyCampaignCounts.orgId, query.orgId))),
    db.select().from(surveyTallies).where(and(eq(surveyTallies.orgId, query.orgId), eq(surveyTallies.campaignId, query.campaignId))),
  ]);
  const questions: SurveyTally["questions"] = Object.fromEntries([...ids].sort().map((id) => [id, zeroCounts()]));
  for (const r of rows) questions[r.questionId] = [r.v1, r.v2, r.v3, r.v4, r.v5];
  return { respondents: counts[0]?.respondents ?? 0, questions };
}

/**
 * The tally recomputed by scanning the campaign's responses and answers — what
 * the live tally must always equal. Test-only (moved out of db/queries: a scan).
 */
export async function recountTally(db: Db, query: { orgId: string; campaignId: string }): Promise<SurveyTally | null> {
  const ids = await questionIdsOf(db, query);
  if (!ids) return null;
  const [[responses], rows] = await Promise.all([
    db
      .select({ n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.orgId, query.orgId), eq(surveyResponses.campaignId, query.campaignId))),
    db
      .select({ questionId: surveyAnswers.questionId, value: surveyAnswers.value, n: count() })
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.orgId, query.orgId), eq(surveyAnswers.campaignId, query.campaignId)))
      .groupBy(surveyAnswers.questionId, surveyAnswers.value),
  ]);
  const questions: SurveyTally["questions"] = Object.fromEntries([...ids].sort().map((id) => [id, zeroCounts()]));
  for (const r of rows) (questions[r.questionId] ??= zeroCounts())[r.value - 1] = Number(r.n);
  return { respondents: Number(responses?.n ?? 0), questions };
}
