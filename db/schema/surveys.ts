/**
 * Satisfaction surveys. Anonymity is a property of the schema, not a promise
 * of the code: a response row holds no user, no IP, no invite and no time at
 * all (not even the day: migration 0004); an invite records only THAT it was
 * used; participation is recorded apart and never points at a response.
 * Per-day activity is a counter per campaign and day (survey_campaign_day_counts).
 * Results are read from the RELEASED tally (survey_tally_releases), taken every
 * 5 respondents and at close (docs/decisions/004-survey-anonymity.md).
 * Migration 0002 rebuilds responses, answers and participations WITHOUT ROWID,
 * so not even insertion order links a participant to a response.
 * Tallies are kept in the same atomic write as the response, so dashboards
 * read counts and never scan raw answers.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import type { Rubric } from "../../scoring/types";
import { col, createdAtColumn, dayCheck, idColumn, nonNegativeCheck, periodCheck } from "./columns";
import { contracts } from "./contracts";
import { orgIdColumn, users } from "./orgs";

export const CAMPAIGN_STATUSES = ["draft", "open", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const surveyCampaigns = sqliteTable(
  "survey_campaigns",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    period: text("period").notNull(),
    rubricId: text("rubric_id").notNull(),
    rubricVersion: text("rubric_version").notNull(),
    /** The questions as they were when the campaign was built; later rubric edits do not move them. */
    questionnaire: text("questionnaire", { mode: "json" }).$type<Rubric["questionnaire"]>().notNull(),
    opensOn: text("opens_on").notNull(),
    closesOn: text("closes_on").notNull(),
    status: text("status", { enum: CAMPAIGN_STATUSES }).notNull().default("draft"),
    /** Secret in the public link / QR code (`newToken()`). */
    openToken: text("open_token").notNull().unique(),
    allowOpenLink: integer("allow_open_link", { mode: "boolean" }).notNull().default(false),
    /** Invite campaigns: the response rate (percent of invites used) it aims for; NULL = none (issue 15's closing reminder).
     * 1–100, checked by the campaign form's schema: a CHECK here would rebuild the table its responses hang on. */
    responseTargetPct: integer("response_target_pct"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
    closedAt: text("closed_at"),
  },
  (t) => [
    // One campaign per contract and quarter (PRODUCT.md).
    unique("survey_campaigns_contract_period_unique").on(t.contractId, t.period),
    index("survey_campaigns_org_contract_period_idx").on(t.orgId, t.contractId, t.period),
    index("survey_campaigns_org_status_idx").on(t.orgId, t.status, t.closesOn),
    periodCheck("survey_campaigns_period_format", t.period),
    dayCheck("survey_campaigns_opens_on_day", t.opensOn),
    dayCheck("survey_campaigns_closes_on_day", t.closesOn),
    check("survey_campaigns_window_order", sql`${col(t.closesOn)} >= ${col(t.opensOn)}`),
  ],
);
export type SurveyCampaign = typeof surveyCampaigns.$inferSelect;
export type NewSurveyCampaign = typeof surveyCampaigns.$inferInsert;

/** Single-use codes. `used` says only THAT the code was used — never when — and nothing links an invite to the response it allowed. */
export const surveyInvites = sqliteTable(
  "survey_invites",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    code: text("code").notNull().unique(),
    used: integer("used", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("survey_invites_org_campaign_used_idx").on(t.orgId, t.campaignId, t.used)],
);
export type SurveyInvite = typeof surveyInvites.$inferSelect;
export type NewSurveyInvite = typeof surveyInvites.$inferInsert;

export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    /** Random (`newId()`): a sequential id would order responses. */
    id: idColumn(),
    orgId: orgIdColumn(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    comment: text("comment"),
    /**
     * Whether the comment has been released (shown): set for all of a campaign's
     * comments at once when its tally is released (every 5 respondents, and at close).
     */
    released: integer("released", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("survey_responses_org_campaign_idx").on(t.orgId, t.campaignId, t.released)],
);
export type SurveyResponse = typeof surveyResponses.$inferSelect;
export type NewSurveyResponse = typeof surveyResponses.$inferInsert;

export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "restrict" }),
    orgId: orgIdColumn(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    questionId: text("question_id").notNull(),
    /** 1 非常不满意 … 5 非常满意. A skipped question has no row. */
    value: integer("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionId] }),
    // Covering index for re-tallying one campaign without touching the table.
    index("survey_answers_org_campaign_question_value_idx").on(t.orgId, t.campaignId, t.questionId, t.value),
    check("survey_answers_value_range", sql`${col(t.value)} BETWEEN 1 AND 5`),
  ],
);
export type SurveyAnswer = typeof surveyAnswers.$inferSelect;
export type NewSurveyAnswer = typeof surveyAnswers.$inferInsert;

/** Counts of the values 1..5 per question, kept up to date with each response (see scoring's `SurveyTally`). */
export const surveyTallies = sqliteTable(
  "survey_tallies",
  {
    orgId: orgIdColumn(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    questionId: text("question_id").notNull(),
    v1: integer("v1").notNull().default(0),
    v2: integer("v2").notNull().default(0),
    v3: integer("v3").notNull().default(0),
    v4: integer("v4").notNull().default(0),
    v5: integer("v5").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.questionId] }),
    index("survey_tallies_org_campaign_idx").on(t.orgId, t.campaignId),
    check("survey_tallies_non_negative", sql`${col(t.v1)} >= 0 AND ${col(t.v2)} >= 0 AND ${col(t.v3)} >= 0 AND ${col(t.v4)} >= 0 AND ${col(t.v5)} >= 0`),
  ],
);
export type SurveyTallyRow = typeof surveyTallies.$inferSelect;
export type NewSurveyTallyRow = typeof surveyTallies.$inferInsert;

export const surveyCampaignCounts = sqliteTable(
  "survey_campaign_counts",
  {
    campaignId: text("campaign_id")
      .primaryKey()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    orgId: orgIdColumn(),
    respondents: integer("respondents").notNull().default(0),
    /**
     * Responses that gave every question the same answer (straight-lining), counted
     * in the same write as `respondents` so the monitor never scans answers (migration 0003).
     */
    straightLined: integer("straight_lined").notNull().default(0),
  },
  (t) => [
    index("survey_campaign_counts_org_idx").on(t.orgId),
    nonNegativeCheck("survey_campaign_counts_respondents_non_negative", t.respondents),
  ],
);
export type SurveyCampaignCount = typeof surveyCampaignCounts.$inferSelect;
export type NewSurveyCampaignCount = typeof surveyCampaignCounts.$inferInsert;

/** That a signed-in staff member took part (to refuse a second time) — never which response is theirs. */
export const surveyParticipations = sqliteTable(
  "survey_participations",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    orgId: orgIdColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.userId] }),
    index("survey_participations_org_user_idx").on(t.orgId, t.userId),
  ],
);
export type SurveyParticipation = typeof surveyParticipations.$inferSelect;
export type NewSurveyParticipation = typeof surveyParticipations.$inferInsert;

/**
 * Respondents per campaign and day, incremented in the submission's write: the
 * per-day chart reads this, since no response or invite stores a day.
 */
export const surveyCampaignDayCounts = sqliteTable(
  "survey_campaign_day_counts",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    day: text("day").notNull(),
    orgId: orgIdColumn(),
    respondents: integer("respondents").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.day] }),
    index("survey_campaign_day_counts_org_campaign_idx").on(t.orgId, t.campaignId),
    dayCheck("survey_campaign_day_counts_day", t.day),
    nonNegativeCheck("survey_campaign_day_counts_non_negative", t.respondents),
  ],
);
export type SurveyCampaignDayCount = typeof surveyCampaignDayCounts.$inferSelect;

/**
 * The RELEASED tally of a campaign: what every view of results reads (monitor,
 * scores, exports). Taken inside the submission's write when 5 more people have
 * answered since the last release, and when the campaign is closed; between
 * releases only survey_campaign_counts.respondents moves.
 */
export const surveyTallyReleases = sqliteTable(
  "survey_tally_releases",
  {
    campaignId: text("campaign_id")
      .primaryKey()
      .references(() => surveyCampaigns.id, { onDelete: "restrict" }),
    orgId: orgIdColumn(),
    /** Respondents counted in this release. */
    respondents: integer("respondents").notNull(),
    straightLined: integer("straight_lined").notNull(),
    /** questionId → [v1, v2, v3, v4, v5] at the release. */
    questions: text("questions", { mode: "json" }).$type<Record<string, [number, number, number, number, number]>>().notNull(),
  },
  (t) => [
    index("survey_tally_releases_org_idx").on(t.orgId),
    nonNegativeCheck("survey_tally_releases_respondents_non_negative", t.respondents),
  ],
);
export type SurveyTallyRelease = typeof surveyTallyReleases.$inferSelect;
