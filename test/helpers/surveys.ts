/**
 * A running survey for integration tests and the benchmark: an organisation
 * with a supervisor and staff, a contract and an open campaign made by
 * `createCampaign` (the real query), plus small helpers to answer it and to
 * count every survey table.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { createCampaign, type CreateCampaignInput } from "../../db/queries/surveys";
import type { ServiceType } from "../../scoring/types";
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
  const [used] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM survey_invites WHERE used_on IS NOT NULL`);
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
