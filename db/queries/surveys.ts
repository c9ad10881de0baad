/**
 * Satisfaction survey campaigns: creating them, distributing them (an open
 * link / QR code and single-use invite codes), taking anonymous responses and
 * reading the per-question tallies that scoring and dashboards use.
 *
 * Anonymity (docs/decisions/004-survey-anonymity.md) is kept here by what is
 * written, not by what is shown:
 * - a response row is a random id, the campaign, the DAY it was submitted and
 *   the optional comment — no user, address, invite or time of day;
 * - an invite records only the day it was used;
 * - a signed-in participant is recorded in survey_participations (campaign,
 *   user) with nothing that points at a response;
 * - no audit row is written for a response (an audit row carries an instant
 *   and an actor, which is exactly what must not exist);
 * - lists of responses (comments) are ordered by the random id, never by
 *   anything that follows insertion, and comments are listed without their day.
 *
 * The write of a response is part of ONE `client.batch([...], "write")` (BEGIN
 * IMMEDIATE … COMMIT) and reads nothing first: see {@link submitResponse} for
 * how the statements are chained so the invite/participation gate and the
 * inserts happen together or not at all, also across processes sharing the
 * file, and `SubmissionWriter` for how concurrent submissions share a batch.
 *
 * Public look-ups ({@link findCampaignByToken}, {@link findCampaignByInviteCode})
 * are scoped by the secret they are given, not by an organisation; everything
 * else takes `orgId` and finds nothing of another organisation.
 */
import type { Client, InStatement } from "@libsql/client";
import { and, asc, count, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { defaultRubric } from "../../scoring/index";
import type { Rubric, ServiceType, SurveyTally } from "../../scoring/types";
import { recordAudit } from "../audit";
import type { Db } from "../client";
import { newHumanCode, newId, newToken } from "../ids";
import {
  contractQuarters,
  contractors,
  contracts,
  organisations,
  rubricVersions,
  surveyAnswers,
  surveyCampaignCounts,
  surveyCampaigns,
  surveyInvites,
  surveyParticipations,
  surveyResponses,
  surveyTallies,
  type CampaignStatus,
} from "../schema";
import {
  charLength,
  COMMENT_FORBIDDEN_CHARS,
  COMMENT_MAX_CHARS,
  INVITE_CODE_LENGTH,
  isTokenShape,
  MAX_INVITES_PER_CALL,
  normaliseComment,
  normaliseInviteCode,
} from "../survey-rules";
import { isDay, isPeriod, nowIso, periodRange, todayIn } from "../time";
import { pageBounds, type PageQuery, type Paged, type WriteContext } from "./context";

// ---------------------------------------------------------------- shapes

/** Why a campaign does not take a response right now. */
export type SurveyClosedReason =
  | "not_open_yet" // status draft, or before opensOn
  | "closed" // status closed, or after closesOn
  | "finalised" // the contract's quarter is finalised
  | "no_open_link" // looked up by the open token, but the campaign takes invites only
  | "invite_used" // looked up by an invite code that has been used
  | "already_participated"; // a signed-in participant who has answered already

/** A question of the campaign's questionnaire (a snapshot of the rubric's). */
export type SurveyQuestion = Rubric["questionnaire"][number];

/** What the public survey page needs; contains no secret but the campaign's own id. */
export interface PublicSurveyCampaign {
  id: string;
  orgId: string;
  /** The organisation's name (the centre running the survey). */
  orgName: string;
  /** The organisation's IANA zone: "today" for this campaign is `today` below. */
  timeZone: string;
  contractorName: string;
  serviceType: ServiceType;
  period: string;
  questionnaire: SurveyQuestion[];
  opensOn: string;
  closesOn: string;
  status: CampaignStatus;
  allowOpenLink: boolean;
  /** The day it is in the organisation's zone at the `now` of the look-up. */
  today: string;
  acceptsResponses: boolean;
  /** null exactly when `acceptsResponses`. */
  reason: SurveyClosedReason | null;
}

/** A campaign as a supervisor of its organisation sees it. */
export interface CampaignDetail {
  id: string;
  orgId: string;
  contractId: string;
  contractTitle: string;
  contractorName: string;
  serviceType: ServiceType;
  period: string;
  rubricId: string;
  rubricVersion: string;
  questionnaire: SurveyQuestion[];
  opensOn: string;
  closesOn: string;
  status: CampaignStatus;
  /** The secret of the open link / QR code (`/s/<openToken>`); show it only to the organisation's staff. */
  openToken: string;
  allowOpenLink: boolean;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  /** The contract quarter's status; "open" when the quarter has no row yet. */
  quarterStatus: "open" | "draft" | "finalised" | "reopened";
  respondents: number;
  straightLined: number;
  invitesTotal: number;
  invitesUsed: number;
  /** Whether a response would be taken at `now` (the organisation's day). */
  acceptsResponses: boolean;
  reason: SurveyClosedReason | null;
}

export type CampaignListRow = Omit<CampaignDetail, "questionnaire" | "openToken" | "rubricId" | "rubricVersion" | "createdBy">;

// ---------------------------------------------------------------- small helpers

function closedReason(
  c: { status: CampaignStatus; opensOn: string; closesOn: string },
  quarterFinalised: boolean,
  today: string,
): SurveyClosedReason | null {
  if (quarterFinalised) return "finalised";
  if (c.status === "closed" || today > c.closesOn) return "closed";
  if (c.status === "draft" || today < c.opensOn) return "not_open_yet";
  return null;
}

/**
 * `EXISTS` of a finalised quarter for the `survey_campaigns` row of the query (drizzle, for reads).
 * Outer columns are written out with their table name: drizzle prints a
 * column of a single-table select unqualified, and inside the subquery an
 * unqualified `contract_id` would silently mean `q.contract_id`.
 */
const finalisedSql = sql<number>`exists (select 1 from ${contractQuarters} q where q.contract_id = survey_campaigns.contract_id and q.period = survey_campaigns.period and q.status = 'finalised')`;

async function isQuarterFinalised(db: Db, contractId: string, period: string): Promise<boolean> {
  const [row] = await db
    .select({ status: contractQuarters.status })
    .from(contractQuarters)
    .where(and(eq(contractQuarters.contractId, contractId), eq(contractQuarters.period, period)));
  return row?.status === "finalised";
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function uniqueCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(newHumanCode(INVITE_CODE_LENGTH));
  return [...codes];
}

function isUniqueViolation(error: unknown, what: string): boolean {
  const text = `${(error as { message?: string })?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`;
  return /UNIQUE constraint failed/i.test(text) && text.includes(what);
}

// ---------------------------------------------------------------- campaigns

export interface CreateCampaignInput {
  contractId: string;
  /** "2026-Q3". */
  period: string;
  /** First day responses are taken, "YYYY-MM-DD" (organisation's zone). */
  opensOn: string;
  /** Last day responses are taken, inclusive. */
  closesOn: string;
  /** Whether the open link / QR code takes responses (invites always do). */
  allowOpenLink: boolean;
  /** Single-use invite codes to make now, 0..MAX_INVITES_PER_CALL (more with `addInvites`). */
  inviteCount: number;
  /** "open" (default: responses from `opensOn`) or "draft" (opened later with `setCampaignStatus`). */
  status?: "draft" | "open";
}

export type CreateCampaignResult =
  | { ok: true; campaignId: string; openToken: string; inviteCodes: string[] }
  | {
      ok: false;
      /**
       * not_found: no such contract in the organisation; finalised: the quarter is finalised;
       * exists: the contract already has a campaign for the period; outside_term: the period
       * does not overlap the contract's term; invalid: a malformed period/day, closesOn before
       * opensOn, or an invite count out of range.
       */
      error: "not_found" | "finalised" | "exists" | "outside_term" | "invalid";
    };

/**
 * Creates the survey campaign of a contract for a quarter, with its
 * questionnaire snapshot, open-link token and `inviteCount` invite codes, in
 * one batch with its audit entry (which never contains the token or codes).
 * The questions come from the contract's rubric version when it has one,
 * else from the service type's built-in rubric.
 *
 * @example
 * const r = await createCampaign(db, { orgId, actorUserId, ip }, {
 *   contractId, period: "2026-Q3", opensOn: "2026-09-15", closesOn: "2026-09-30",
 *   allowOpenLink: true, inviteCount: 120,
 * });
 * if (r.ok) redirect(`/supervisor/surveys/${r.campaignId}`);
 */
export async function createCampaign(db: Db, ctx: WriteContext, input: CreateCampaignInput): Promise<CreateCampaignResult> {
  const inviteCount = input.inviteCount;
  if (
    !isPeriod(input.period) ||
    !isDay(input.opensOn) ||
    !isDay(input.closesOn) ||
    input.closesOn < input.opensOn ||
    !Number.isInteger(inviteCount) ||
    inviteCount < 0 ||
    inviteCount > MAX_INVITES_PER_CALL
  ) {
    return { ok: false, error: "invalid" };
  }
  const [contract] = await db
    .select({
      id: contracts.id,
      serviceType: contracts.serviceType,
      startOn: contracts.startOn,
      endOn: contracts.endOn,
      rubricVersionId: contracts.rubricVersionId,
    })
    .from(contracts)
    .where(and(eq(contracts.id, input.contractId), eq(contracts.orgId, ctx.orgId)));
  if (!contract) return { ok: false, error: "not_found" };

  const { startOn, endOn } = periodRange(input.period);
  if (endOn < contract.startOn || startOn > contract.endOn) return { ok: false, error: "outside_term" };
  if (await isQuarterFinalised(db, contract.id, input.period)) return { ok: false, error: "finalised" };

  const [existing] = await db
    .select({ id: surveyCampaigns.id })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.contractId, contract.id), eq(surveyCampaigns.period, input.period)));
  if (existing) return { ok: false, error: "exists" };

  let rubric: Rubric;
  if (contract.rubricVersionId) {
    const [version] = await db
      .select({ rubric: rubricVersions.rubric })
      .from(rubricVersions)
      .where(and(eq(rubricVersions.id, contract.rubricVersionId), eq(rubricVersions.orgId, ctx.orgId)));
    if (!version) return { ok: false, error: "not_found" };
    rubric = version.rubric;
  } else {
    rubric = defaultRubric(contract.serviceType);
  }

  const actorUserId = ctx.actorUserId;
  if (!actorUserId) return { ok: false, error: "invalid" }; // created_by names a person

  for (let attempt = 0; ; attempt++) {
    const campaignId = newId();
    const openToken = newToken();
    const codes = uniqueCodes(inviteCount);
    const now = nowIso();
    const row = {
      id: campaignId,
      orgId: ctx.orgId,
      contractId: contract.id,
      period: input.period,
      rubricId: rubric.id,
      rubricVersion: rubric.version,
      questionnaire: rubric.questionnaire.map((q) => ({ id: q.id, label: { ...q.label } })),
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      status: input.status ?? "open",
      openToken,
      allowOpenLink: input.allowOpenLink,
      createdBy: actorUserId,
      createdAt: now,
    } as const;
    const inviteInserts = chunk(codes, 500).map((part) =>
      db.insert(surveyInvites).values(part.map((code) => ({ id: newId(), orgId: ctx.orgId, campaignId, code, usedOn: null }))),
    );
    try {
      await db.batch([
        db.insert(surveyCampaigns).values(row),
        db.insert(surveyCampaignCounts).values({ campaignId, orgId: ctx.orgId, respondents: 0, straightLined: 0 }),
        ...inviteInserts,
        recordAudit(db, {
          orgId: ctx.orgId,
          actorUserId: ctx.actorUserId,
          action: "survey_campaign.create",
          entity: "survey_campaign",
          entityId: campaignId,
          before: null,
          // Never the open token or the codes: the audit log is readable by admins.
          after: {
            contractId: row.contractId,
            period: row.period,
            rubricId: row.rubricId,
            rubricVersion: row.rubricVersion,
            opensOn: row.opensOn,
            closesOn: row.closesOn,
            status: row.status,
            allowOpenLink: row.allowOpenLink,
            inviteCount,
          },
          ip: ctx.ip,
          at: now,
        }),
      ]);
      return { ok: true, campaignId, openToken, inviteCodes: codes };
    } catch (error) {
      if (isUniqueViolation(error, "survey_campaigns.contract_id")) return { ok: false, error: "exists" };
      // A random code or token that collided with an existing one: draw again.
      if (attempt < 2 && (isUniqueViolation(error, "survey_invites.code") || isUniqueViolation(error, "open_token"))) continue;
      throw error;
    }
  }
}

function campaignDetailSelect() {
  return {
    id: surveyCampaigns.id,
    orgId: surveyCampaigns.orgId,
    contractId: surveyCampaigns.contractId,
    contractTitle: contracts.title,
    contractorName: contractors.name,
    serviceType: contracts.serviceType,
    period: surveyCampaigns.period,
    rubricId: surveyCampaigns.rubricId,
    rubricVersion: surveyCampaigns.rubricVersion,
    questionnaire: surveyCampaigns.questionnaire,
    opensOn: surveyCampaigns.opensOn,
    closesOn: surveyCampaigns.closesOn,
    status: surveyCampaigns.status,
    openToken: surveyCampaigns.openToken,
    allowOpenLink: surveyCampaigns.allowOpenLink,
    createdBy: surveyCampaigns.createdBy,
    createdAt: surveyCampaigns.createdAt,
    closedAt: surveyCampaigns.closedAt,
    timeZone: organisations.timeZone,
    quarterStatus: sql<string | null>`(select q.status from ${contractQuarters} q where q.contract_id = survey_campaigns.contract_id and q.period = survey_campaigns.period)`,
    respondents: sql<number>`coalesce((select n.respondents from ${surveyCampaignCounts} n where n.campaign_id = survey_campaigns.id), 0)`,
    straightLined: sql<number>`coalesce((select n.straight_lined from ${surveyCampaignCounts} n where n.campaign_id = survey_campaigns.id), 0)`,
    invitesTotal: sql<number>`(select count(*) from ${surveyInvites} i where i.org_id = survey_campaigns.org_id and i.campaign_id = survey_campaigns.id)`,
    invitesUsed: sql<number>`(select count(*) from ${surveyInvites} i where i.org_id = survey_campaigns.org_id and i.campaign_id = survey_campaigns.id and i.used_on is not null)`,
  };
}

type DetailRow = Awaited<ReturnType<typeof selectDetails>>[number];
function selectDetails(db: Db, where: SQL | undefined) {
  return db
    .select(campaignDetailSelect())
    .from(surveyCampaigns)
    .innerJoin(contracts, eq(contracts.id, surveyCampaigns.contractId))
    .innerJoin(contractors, eq(contractors.id, contracts.contractorId))
    .innerJoin(organisations, eq(organisations.id, surveyCampaigns.orgId))
    .where(where);
}

function toDetail(row: DetailRow, now: Date): CampaignDetail {
  const { timeZone, ...rest } = row;
  const quarterStatus = (row.quarterStatus ?? "open") as CampaignDetail["quarterStatus"];
  const reason = closedReason(row, quarterStatus === "finalised", todayIn(timeZone, now));
  return {
    ...rest,
    quarterStatus,
    respondents: Number(row.respondents),
    straightLined: Number(row.straightLined),
    invitesTotal: Number(row.invitesTotal),
    invitesUsed: Number(row.invitesUsed),
    acceptsResponses: reason === null,
    reason,
  };
}

/**
 * One campaign of the organisation with its contract, counts and whether it
 * takes responses at `now` (default: the current time); null when not found.
 * @example const campaign = await getCampaign(db, { orgId: viewer.org.id, campaignId: params.campaignId });
 */
export async function getCampaign(
  db: Db,
  query: { orgId: string; campaignId: string; now?: Date },
): Promise<CampaignDetail | null> {
  const [row] = await selectDetails(db, and(eq(surveyCampaigns.id, query.campaignId), eq(surveyCampaigns.orgId, query.orgId)));
  return row ? toDetail(row, query.now ?? new Date()) : null;
}

/**
 * The organisation's campaigns, newest period first, then by contractor name.
 * `status` filters on the stored status (draft/open/closed), not on the dates.
 * @example const { rows, total } = await listCampaigns(db, { orgId, period: "2026-Q3", page: 1 });
 */
export async function listCampaigns(
  db: Db,
  query: { orgId: string; contractId?: string; period?: string; status?: CampaignStatus; now?: Date } & PageQuery,
): Promise<Paged<CampaignListRow>> {
  const { limit, offset, page } = pageBounds(query);
  const conditions: SQL[] = [eq(surveyCampaigns.orgId, query.orgId)];
  if (query.contractId !== undefined) conditions.push(eq(surveyCampaigns.contractId, query.contractId));
  if (query.period !== undefined) conditions.push(eq(surveyCampaigns.period, query.period));
  if (query.status !== undefined) conditions.push(eq(surveyCampaigns.status, query.status));
  const where = and(...conditions);
  const [rows, [totalRow]] = await Promise.all([
    selectDetails(db, where).orderBy(desc(surveyCampaigns.period), asc(contractors.name), asc(surveyCampaigns.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(surveyCampaigns).where(where),
  ]);
  const now = query.now ?? new Date();
  return {
    rows: rows.map((r) => {
      const { questionnaire: _q, openToken: _t, rubricId: _r, rubricVersion: _v, createdBy: _c, ...rest } = toDetail(r, now);
      return rest;
    }),
    total: Number(totalRow?.n ?? 0),
    page,
    pageSize: limit,
  };
}

export type SetCampaignStatusResult = { ok: true } | { ok: false; error: "not_found" | "finalised" };

/**
 * Opens or closes a campaign (with an audit entry). Opening is refused when the
 * contract's quarter is finalised. Closing is always allowed; a response
 * already inside its atomic write when the status changes is decided by the
 * database's order of the two writes (the submission re-checks the status).
 * @example await setCampaignStatus(db, ctx, { campaignId, status: "closed" });
 */
export async function setCampaignStatus(
  db: Db,
  ctx: WriteContext,
  input: { campaignId: string; status: "open" | "closed" },
): Promise<SetCampaignStatusResult> {
  const [campaign] = await db
    .select({ id: surveyCampaigns.id, status: surveyCampaigns.status, contractId: surveyCampaigns.contractId, period: surveyCampaigns.period })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.id, input.campaignId), eq(surveyCampaigns.orgId, ctx.orgId)));
  if (!campaign) return { ok: false, error: "not_found" };
  if (input.status === "open" && (await isQuarterFinalised(db, campaign.contractId, campaign.period))) {
    return { ok: false, error: "finalised" };
  }
  if (campaign.status === input.status) return { ok: true };
  const at = nowIso();
  await db.batch([
    db
      .update(surveyCampaigns)
      .set({ status: input.status, closedAt: input.status === "closed" ? at : null })
      .where(and(eq(surveyCampaigns.id, campaign.id), eq(surveyCampaigns.orgId, ctx.orgId))),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: input.status === "open" ? "survey_campaign.open" : "survey_campaign.close",
      entity: "survey_campaign",
      entityId: campaign.id,
      before: { status: campaign.status },
      after: { status: input.status },
      ip: ctx.ip,
      at,
    }),
  ]);
  return { ok: true };
}

// ---------------------------------------------------------------- invites

export type AddInvitesResult =
  | { ok: true; codes: string[] }
  | { ok: false; error: "not_found" | "closed" | "finalised" | "invalid" };

/**
 * Makes `count` more single-use invite codes for a campaign that is not closed
 * and whose quarter is not finalised; returns the new codes.
 * @example const r = await addInvites(db, ctx, { campaignId, count: 50 });
 */
export async function addInvites(
  db: Db,
  ctx: WriteContext,
  input: { campaignId: string; count: number },
): Promise<AddInvitesResult> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_INVITES_PER_CALL) return { ok: false, error: "invalid" };
  const [campaign] = await db
    .select({ id: surveyCampaigns.id, status: surveyCampaigns.status, contractId: surveyCampaigns.contractId, period: surveyCampaigns.period })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.id, input.campaignId), eq(surveyCampaigns.orgId, ctx.orgId)));
  if (!campaign) return { ok: false, error: "not_found" };
  if (await isQuarterFinalised(db, campaign.contractId, campaign.period)) return { ok: false, error: "finalised" };
  if (campaign.status === "closed") return { ok: false, error: "closed" };

  for (let attempt = 0; ; attempt++) {
    const codes = uniqueCodes(input.count);
    const inserts = chunk(codes, 500).map((part) =>
      db.insert(surveyInvites).values(part.map((code) => ({ id: newId(), orgId: ctx.orgId, campaignId: campaign.id, code, usedOn: null }))),
    );
    try {
      await db.batch([
        inserts[0]!,
        ...inserts.slice(1),
        recordAudit(db, {
          orgId: ctx.orgId,
          actorUserId: ctx.actorUserId,
          action: "survey_campaign.add_invites",
          entity: "survey_campaign",
          entityId: campaign.id,
          before: null,
          after: { count: input.count },
          ip: ctx.ip,
        }),
      ]);
      return { ok: true, codes };
    } catch (error) {
      if (attempt < 2 && isUniqueViolation(error, "survey_invites.code")) continue;
      throw error;
    }
  }
}

/**
 * The campaign's invite codes and the day each was used (null: unused), by
 * code — for printable slips and the CSV export. Empty when the campaign is
 * not the organisation's.
 * @example const invites = await listInvites(db, { orgId, campaignId });
 */
export async function listInvites(db: Db, query: { orgId: string; campaignId: string }): Promise<{ code: string; usedOn: string | null }[]> {
  return db
    .select({ code: surveyInvites.code, usedOn: surveyInvites.usedOn })
    .from(surveyInvites)
    .where(and(eq(surveyInvites.orgId, query.orgId), eq(surveyInvites.campaignId, query.campaignId)))
    .orderBy(asc(surveyInvites.code));
}

// ---------------------------------------------------------------- public look-ups

// The public look-ups run on every survey page view and submission: plain SQL
// through the client (drizzle's query building costs more than the query here).
const PUBLIC_COLUMNS = `c.id AS id, c.org_id AS orgId, o.name AS orgName, o.time_zone AS timeZone,
  k.name AS contractorName, t.service_type AS serviceType, c.period AS period,
  c.questionnaire AS questionnaire, c.opens_on AS opensOn, c.closes_on AS closesOn,
  c.status AS status, c.allow_open_link AS allowOpenLink,
  EXISTS (SELECT 1 FROM contract_quarters q WHERE q.contract_id = c.contract_id AND q.period = c.period AND q.status = 'finalised') AS finalised`;
const PUBLIC_FROM = `survey_campaigns c
  JOIN contracts t ON t.id = c.contract_id
  JOIN contractors k ON k.id = t.contractor_id
  JOIN organisations o ON o.id = c.org_id`;
const SQL_PUBLIC_BY_TOKEN = `SELECT ${PUBLIC_COLUMNS} FROM ${PUBLIC_FROM} WHERE c.open_token = ?`;
const SQL_PUBLIC_BY_CODE = `SELECT ${PUBLIC_COLUMNS}, i.used_on AS usedOn FROM ${PUBLIC_FROM} JOIN survey_invites i ON i.campaign_id = c.id WHERE i.code = ?`;
const SQL_PUBLIC_BY_ID = `SELECT ${PUBLIC_COLUMNS},
  EXISTS (SELECT 1 FROM survey_participations p WHERE p.campaign_id = c.id AND p.user_id = ?) AS participated
  FROM ${PUBLIC_FROM} WHERE c.id = ? AND c.org_id = ?`;

type SqlRow = Record<string, unknown>;

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
  const reason = closedReason(campaign, Number(row.finalised) === 1, today) ?? extra;
  return { ...campaign, today, acceptsResponses: reason === null, reason };
}

async function queryOne(db: Db, sqlText: string, args: (string | number)[]): Promise<SqlRow | undefined> {
  const rs = await clientOf(db).execute({ sql: sqlText, args });
  return rs.rows[0] as SqlRow | undefined;
}

/**
 * The campaign behind an open-link token (`/s/<token>`), for anyone holding
 * the token — not scoped to an organisation. `acceptsResponses` is false with
 * reason "no_open_link" when the campaign takes invites only. Null when the
 * token is unknown (or not token-shaped).
 * @example const campaign = await findCampaignByToken(db, params.token);
 */
export async function findCampaignByToken(db: Db, token: string, now: Date = new Date()): Promise<PublicSurveyCampaign | null> {
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
  now: Date = new Date(),
): Promise<(PublicSurveyCampaign & { inviteCode: string; inviteUsed: boolean }) | null> {
  const normalised = normaliseInviteCode(code);
  if (!normalised) return null;
  const row = await queryOne(db, SQL_PUBLIC_BY_CODE, [normalised]);
  if (!row) return null;
  const inviteUsed = row.usedOn !== null && row.usedOn !== undefined;
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
  return { ...toPublic(row, query.now ?? new Date(), participated ? "already_participated" : null), participated };
}

/**
 * The organisation's campaigns that take responses on `today` (open, within
 * their dates, quarter not finalised), each with whether this user has taken
 * part — for the staff home page. Ordered by closing day, then contractor.
 * @example const surveys = await listOpenSurveysForUser(db, { orgId, userId, today: todayIn(org.timeZone, new Date()) });
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
        sql`not ${finalisedSql}`,
      ),
    )
    .orderBy(asc(surveyCampaigns.closesOn), asc(contractors.name), asc(surveyCampaigns.id));
  return rows.map((r) => ({ ...r, questionCount: Number(r.questionCount), participated: Boolean(Number(r.participated)) }));
}

// ---------------------------------------------------------------- submitting a response

/** How the respondent reached the campaign. */
export type SubmitTarget =
  /** The open link / QR code (`allowOpenLink` must be on, unless a participant is given). */
  | { token: string }
  /** A single-use invite code (never combined with a participant). */
  | { inviteCode: string }
  /** A signed-in participant answering a campaign of their organisation (participant required). */
  | { campaignId: string; orgId: string };

export interface SubmitResponseInput {
  campaign: SubmitTarget;
  /** questionId → 1..5, exactly the campaign's questions. */
  answers: Record<string, number>;
  /** Optional, ≤ COMMENT_MAX_CHARS, no control characters but tab/newline; blank means none. */
  comment?: string | null;
  /** The day in the ORGANISATION's zone: `todayIn(campaign.timeZone, now)`. */
  today: string;
  /** A signed-in staff member: recorded as having taken part (never linked to the response). */
  participant?: { userId: string };
}

export type SubmitError =
  | "invite_used" // the invite was used (also: by a concurrent submission a moment earlier)
  | "closed" // status closed or after closesOn
  | "not_open_yet" // status draft or before opensOn
  | "finalised" // the quarter is finalised
  | "not_found" // unknown token/code/campaign, or open link disabled, or participant not a member
  | "already_participated" // the participant has answered this campaign
  | "invalid" // answers/comment/day malformed (the form schema should have caught it)
  | "busy"; // the database stayed locked by another process through the retries: try again

export type SubmitResult = { ok: true } | { ok: false; error: SubmitError };

// The write is self-contained: it reads nothing beforehand, and the database
// is the authority on everything that decides whether a response is taken.
//
// OPEN_GUARD: the campaign (alias c) is open on :today and its quarter is not
// finalised — evaluated INSIDE the write transaction, so a campaign closed (or
// a quarter finalised) a moment before is refused.
const OPEN_GUARD = `c.status = 'open' AND c.opens_on <= :today AND c.closes_on >= :today
  AND NOT EXISTS (SELECT 1 FROM contract_quarters q WHERE q.contract_id = c.contract_id AND q.period = c.period AND q.status = 'finalised')`;

// ANSWERS_MATCH: the answers (a JSON object) name exactly the campaign's questions —
// as many keys as questions, each one a question id of the snapshot. (Values
// are checked to be whole numbers 1..5 before, and by the CHECK of survey_answers.)
const ANSWERS_MATCH = `(SELECT count(*) FROM json_each(:answers)) = json_array_length(c.questionnaire)
  AND NOT EXISTS (SELECT 1 FROM json_each(:answers) a
                  WHERE NOT EXISTS (SELECT 1 FROM json_each(c.questionnaire) q WHERE json_extract(q.value, '$.id') = a.key))`;

const BY_TOKEN = `c.open_token = :token`;
const BY_ID = `c.id = :cid AND c.org_id = :org`;

// Gates: each changes exactly one row when the response may be taken, none otherwise.
const SQL_CONSUME_INVITE = `UPDATE survey_invites SET used_on = :today
WHERE code = :code AND used_on IS NULL
  AND EXISTS (SELECT 1 FROM survey_campaigns c WHERE c.id = survey_invites.campaign_id AND ${OPEN_GUARD} AND ${ANSWERS_MATCH})`;

const participationSql = (selector: string) => `INSERT INTO survey_participations (campaign_id, user_id, org_id)
SELECT c.id, :uid, c.org_id FROM survey_campaigns c
WHERE ${selector} AND ${OPEN_GUARD} AND ${ANSWERS_MATCH}
  AND EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.user_id = :uid AND m.org_id = c.org_id AND u.disabled_at IS NULL)
ON CONFLICT (campaign_id, user_id) DO NOTHING`;

// The response after a gate: changes() is the row count of the statement just
// before on the same connection in the same transaction — the gate.
const SQL_RESPONSE_AFTER_INVITE = `INSERT INTO survey_responses (id, org_id, campaign_id, submitted_on, comment)
SELECT :rid, i.org_id, i.campaign_id, :today, :comment FROM survey_invites i WHERE i.code = :code AND changes() = 1`;
const responseAfterParticipationSql = (selector: string) => `INSERT INTO survey_responses (id, org_id, campaign_id, submitted_on, comment)
SELECT :rid, c.org_id, c.id, :today, :comment FROM survey_campaigns c WHERE ${selector} AND changes() = 1`;

// The open link has no gate row: the response insert carries the guards itself.
const SQL_RESPONSE_OPEN_LINK = `INSERT INTO survey_responses (id, org_id, campaign_id, submitted_on, comment)
SELECT :rid, c.org_id, c.id, :today, :comment FROM survey_campaigns c
WHERE ${BY_TOKEN} AND c.allow_open_link = 1 AND ${OPEN_GUARD} AND ${ANSWERS_MATCH}`;

// Everything after the responses hangs on the response rows. :group is a JSON
// array of { rid, answers, straight } for every submission of the batch; a
// response id is fresh and random, so a row with it exists only if THIS batch
// inserted it (its gate let it through). Campaign and org come from that row.
const GROUP_RESPONSES = `json_each(:group) g, survey_responses r WHERE r.id = json_extract(g.value, '$.rid')`;

const SQL_INSERT_ANSWERS = `INSERT INTO survey_answers (response_id, org_id, campaign_id, question_id, value)
SELECT r.id, r.org_id, r.campaign_id, j.key, j.value FROM ${GROUP_RESPONSES.replace(" WHERE", ", json_each(g.value, '$.answers') j WHERE")}`;

const SQL_UPSERT_TALLIES = `INSERT INTO survey_tallies (org_id, campaign_id, question_id, v1, v2, v3, v4, v5)
SELECT r.org_id, r.campaign_id, j.key, sum(j.value = 1), sum(j.value = 2), sum(j.value = 3), sum(j.value = 4), sum(j.value = 5)
FROM ${GROUP_RESPONSES.replace(" WHERE", ", json_each(g.value, '$.answers') j WHERE")}
GROUP BY r.campaign_id, j.key
ON CONFLICT (campaign_id, question_id) DO UPDATE SET
  v1 = v1 + excluded.v1, v2 = v2 + excluded.v2, v3 = v3 + excluded.v3, v4 = v4 + excluded.v4, v5 = v5 + excluded.v5`;

const SQL_UPSERT_COUNTS = `INSERT INTO survey_campaign_counts (campaign_id, org_id, respondents, straight_lined)
SELECT r.campaign_id, r.org_id, count(*), sum(json_extract(g.value, '$.straight')) FROM ${GROUP_RESPONSES}
GROUP BY r.campaign_id
ON CONFLICT (campaign_id) DO UPDATE SET
  respondents = respondents + excluded.respondents, straight_lined = straight_lined + excluded.straight_lined`;

type Args = Record<string, string | number | null>;

/** A statement with exactly the named arguments its SQL uses. */
function stmt(sqlText: string, all: Args): InStatement {
  const args: Args = {};
  for (const [, name] of sqlText.matchAll(/:([a-z_]+)/g)) args[name!] = all[name!] ?? null;
  return { sql: sqlText, args };
}

function isBusy(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return /SQLITE_BUSY|SQLITE_LOCKED/.test(`${e?.code ?? ""} ${e?.cause?.code ?? ""}`) || /database is locked/i.test(e?.message ?? "");
}

const BUSY_RETRIES = 4;

/**
 * The libSQL client under drizzle (`drizzle()` sets `$client`; the `Db` type
 * does not declare it). Raw batches need it for the "write" (BEGIN IMMEDIATE) mode.
 */
function clientOf(db: Db): Client {
  const client = (db as Db & { $client?: Client }).$client;
  if (!client) throw new Error("surveys: needs a drizzle database made by createDb()");
  return client;
}

/** One submission's part of a group write: its gate and response statements, and what follows from them. */
interface PendingSubmission {
  statements: InStatement[];
  /** Index in `statements` of the response insert. */
  responseAt: number;
  entry: { rid: string; answers: Record<string, number>; straight: 0 | 1 };
  resolve: (written: boolean | "busy") => void;
  reject: (error: unknown) => void;
}

/** Most submissions written in one transaction. */
const MAX_GROUP = 64;

/**
 * Group commit: submissions that arrive while a write is under way are written
 * together in the next transaction — their gates and responses one by one, in
 * arrival order, then ONE statement each for all their answers, tallies and
 * counters. Under load this divides the per-transaction and per-statement cost
 * by the group size; alone, a submission waits one event-loop turn. Each submission
 * keeps its own gate, so the outcome is exactly as if they ran one after the
 * other. If a group's batch fails for any reason but a busy database, its
 * submissions are retried one by one, so one bad submission cannot fail others.
 */
class SubmissionWriter {
  readonly #client: Client;
  #queue: PendingSubmission[] = [];
  #flushing = false;

  constructor(client: Client) {
    this.#client = client;
  }

  write(pending: Omit<PendingSubmission, "resolve" | "reject">): Promise<boolean | "busy"> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ ...pending, resolve, reject });
      if (!this.#flushing) {
        // Wait one turn of the event loop: submissions whose requests are being
        // handled in this turn join the group (measured: about a third less CPU per
        // submission at 10 concurrent clients, for well under a millisecond of latency).
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue.splice(0, MAX_GROUP);
        try {
          const written = await this.#run(group);
          group.forEach((p, i) => p.resolve(written === "busy" ? "busy" : written[i]!));
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          for (const p of group) {
            try {
              const written = await this.#run([p]);
              p.resolve(written === "busy" ? "busy" : written[0]!);
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  /** One transaction for the group: which responses were written, or "busy" after the retries. */
  async #run(group: PendingSubmission[]): Promise<boolean[] | "busy"> {
    const statements: InStatement[] = [];
    const responseAt: number[] = [];
    for (const p of group) {
      responseAt.push(statements.length + p.responseAt);
      statements.push(...p.statements);
    }
    const groupArgs = { group: JSON.stringify(group.map((p) => p.entry)) };
    statements.push(stmt(SQL_INSERT_ANSWERS, groupArgs), stmt(SQL_UPSERT_TALLIES, groupArgs), stmt(SQL_UPSERT_COUNTS, groupArgs));
    for (let attempt = 0; ; attempt++) {
      try {
        const results = await this.#client.batch(statements, "write");
        return responseAt.map((i) => results[i]?.rowsAffected === 1);
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (attempt >= BUSY_RETRIES) return "busy";
        await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 20));
      }
    }
  }
}

const writers = new WeakMap<Client, SubmissionWriter>();
function writerOf(db: Db): SubmissionWriter {
  const client = clientOf(db);
  let writer = writers.get(client);
  if (!writer) {
    writer = new SubmissionWriter(client);
    writers.set(client, writer);
  }
  return writer;
}

/**
 * The shape checks that need no database: answers an object of whole numbers
 * 1..5 (which questions is the write's business), the comment within bounds.
 * Returns the normalised comment (trimmed, CRLF → LF, blank → null), or null when invalid.
 */
function checkShape(answers: unknown, comment: unknown): { comment: string | null } | null {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return null;
  const values = Object.values(answers as Record<string, unknown>);
  if (values.length === 0) return null;
  for (const v of values) if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 5) return null;
  if (comment !== undefined && comment !== null && typeof comment !== "string") return null;
  const c = normaliseComment(comment as string | null | undefined);
  if (c !== null && (charLength(c) > COMMENT_MAX_CHARS || COMMENT_FORBIDDEN_CHARS.test(c))) return null;
  return { comment: c };
}

/** Reads, after a refused write, why it was refused. */
async function diagnose(db: Db, input: SubmitResponseInput, code: string | undefined): Promise<SubmitError> {
  const target = input.campaign;
  const cols = `c.status AS status, c.opens_on AS opensOn, c.closes_on AS closesOn, c.allow_open_link AS allowOpenLink,
    c.questionnaire AS questionnaire, c.org_id AS orgId, c.id AS id,
    EXISTS (SELECT 1 FROM contract_quarters q WHERE q.contract_id = c.contract_id AND q.period = c.period AND q.status = 'finalised') AS finalised`;
  const row =
    "inviteCode" in target
      ? await queryOne(db, `SELECT ${cols}, i.used_on AS usedOn FROM survey_invites i JOIN survey_campaigns c ON c.id = i.campaign_id WHERE i.code = ?`, [code ?? ""])
      : "token" in target
        ? await queryOne(db, `SELECT ${cols} FROM survey_campaigns c WHERE c.open_token = ?`, [target.token])
        : await queryOne(db, `SELECT ${cols} FROM survey_campaigns c WHERE c.id = ? AND c.org_id = ?`, [target.campaignId, target.orgId]);
  if (!row) return "not_found";
  const reason = closedReason(
    { status: row.status as CampaignStatus, opensOn: String(row.opensOn), closesOn: String(row.closesOn) },
    Number(row.finalised) === 1,
    input.today,
  );
  if (reason === "finalised" || reason === "closed" || reason === "not_open_yet") return reason;
  const questionIds = (JSON.parse(String(row.questionnaire)) as SurveyQuestion[]).map((q) => q.id);
  const keys = Object.keys(input.answers);
  if (keys.length !== questionIds.length || !questionIds.every((id) => Object.hasOwn(input.answers, id))) return "invalid";
  if ("inviteCode" in target) return row.usedOn ? "invite_used" : "not_found";
  if (input.participant) {
    const [p] = await db
      .select({ one: sql<number>`1` })
      .from(surveyParticipations)
      .where(and(eq(surveyParticipations.campaignId, String(row.id)), eq(surveyParticipations.userId, input.participant.userId)));
    return p ? "already_participated" : "not_found"; // not a member of the campaign's organisation
  }
  return "not_found"; // the open link is switched off
}

/**
 * Records one anonymous response and its tallies atomically.
 *
 * The write is a single `client.batch(statements, "write")` — libSQL runs it
 * as BEGIN IMMEDIATE … COMMIT on one connection and rolls everything back if
 * a statement fails — and nothing is read before it:
 * 1. the gate, which carries the guards (campaign open on `today`, quarter not
 *    finalised, the answers name exactly the campaign's questions):
 *    - invite: `UPDATE survey_invites SET used_on = today WHERE code = ? AND used_on IS NULL AND EXISTS (<guards>)`;
 *    - participant: `INSERT INTO survey_participations … SELECT … WHERE <guards> AND <member> ON CONFLICT DO NOTHING`;
 *    - open link: none — step 2 carries the guards and `allow_open_link = 1`;
 * 2. `INSERT INTO survey_responses … SELECT … WHERE changes() = 1` — `changes()`
 *    is the row count of the gate, the statement just before on the same connection;
 * 3. the answers, 4. the tally upserts (`vN = vN + excluded.vN`), 5. respondents
 *    (+ straight-lined) — each `SELECT … FROM survey_responses r WHERE r.id = <fresh random id>`.
 * So either the gate changed a row and everything is written, or nothing is.
 * Submissions arriving together share the batch (group commit, `SubmissionWriter`):
 * each keeps its own steps 1–2, in arrival order, and one statement each of 3–5
 * covers all of them — the outcome is the same as one batch each.
 * The write lock (BEGIN IMMEDIATE) serialises concurrent batches, also from
 * other processes; the second consumer of an invite finds `used_on` set.
 * (SQLite refuses `RAISE()` outside a trigger — "RAISE() may only be used
 * within a trigger-program" — so a batch cannot abort itself that way; the
 * conditional statements do the same job without an error path.)
 * When the write changed nothing, a read works out why. SQLITE_BUSY (another
 * process holding the lock beyond the busy timeout) is retried, then "busy".
 *
 * Nothing of the response identifies the respondent: a random id, the day, the
 * comment; no audit row. Invite use and participation are written in the same
 * transaction but share no column with the response (see the anonymity test).
 *
 * @example
 * const r = await submitResponse(db, { campaign: { inviteCode: "K7QW3MZD" },
 *   answers: { "catering.q.taste": 5, … }, comment: "", today: todayIn(campaign.timeZone, new Date()) });
 * if (!r.ok && r.error === "invite_used") …
 */
export async function submitResponse(db: Db, input: SubmitResponseInput): Promise<SubmitResult> {
  if (typeof input.today !== "string" || !isDay(input.today)) return { ok: false, error: "invalid" };
  const target = input.campaign;
  if ("inviteCode" in target && input.participant) return { ok: false, error: "invalid" };
  if ("campaignId" in target && !input.participant) return { ok: false, error: "invalid" };
  const checked = checkShape(input.answers, input.comment);
  if (!checked) return { ok: false, error: "invalid" };

  let code: string | undefined;
  if ("inviteCode" in target) {
    code = normaliseInviteCode(target.inviteCode) ?? undefined;
    if (!code) return { ok: false, error: "not_found" };
  } else if ("token" in target && !isTokenShape(target.token)) {
    return { ok: false, error: "not_found" };
  }

  const values = Object.values(input.answers);
  const rid = newId();
  const args: Args = {
    rid,
    today: input.today,
    comment: checked.comment,
    answers: JSON.stringify(input.answers),
    code: code ?? null,
    token: "token" in target ? target.token : null,
    cid: "campaignId" in target ? target.campaignId : null,
    org: "campaignId" in target ? target.orgId : null,
    uid: input.participant?.userId ?? null,
  };
  let statements: InStatement[];
  if ("inviteCode" in target) {
    statements = [stmt(SQL_CONSUME_INVITE, args), stmt(SQL_RESPONSE_AFTER_INVITE, args)];
  } else if (input.participant) {
    const selector = "token" in target ? BY_TOKEN : BY_ID;
    statements = [stmt(participationSql(selector), args), stmt(responseAfterParticipationSql(selector), args)];
  } else {
    statements = [stmt(SQL_RESPONSE_OPEN_LINK, args)];
  }
  const written = await writerOf(db).write({
    statements,
    responseAt: statements.length - 1,
    entry: { rid, answers: input.answers, straight: values.length >= 2 && values.every((v) => v === values[0]) ? 1 : 0 },
  });
  if (written === true) return { ok: true };
  if (written === "busy") return { ok: false, error: "busy" };
  return { ok: false, error: await diagnose(db, input, code) };
}

// ---------------------------------------------------------------- reading results

async function questionIdsOf(db: Db, orgId: string, campaignId: string): Promise<string[] | null> {
  const [row] = await db
    .select({ questionnaire: surveyCampaigns.questionnaire })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.id, campaignId), eq(surveyCampaigns.orgId, orgId)));
  return row ? row.questionnaire.map((q) => q.id) : null;
}

const zeroCounts = (): [number, number, number, number, number] => [0, 0, 0, 0, 0];

/**
 * The campaign's `SurveyTally` (scoring's input) from the tally tables — one
 * row per question, never a scan of the answers. Every question of the
 * questionnaire is present (zeros when unanswered). Null when not the organisation's.
 * @example const tally = await getTally(db, { orgId, campaignId }); scoreQuarter(rubric, { …, survey: tally! });
 */
export async function getTally(db: Db, query: { orgId: string; campaignId: string }): Promise<SurveyTally | null> {
  const ids = await questionIdsOf(db, query.orgId, query.campaignId);
  if (!ids) return null;
  const [counts, rows] = await Promise.all([
    db
      .select({ respondents: surveyCampaignCounts.respondents })
      .from(surveyCampaignCounts)
      .where(and(eq(surveyCampaignCounts.campaignId, query.campaignId), eq(surveyCampaignCounts.orgId, query.orgId))),
    db
      .select()
      .from(surveyTallies)
      .where(and(eq(surveyTallies.orgId, query.orgId), eq(surveyTallies.campaignId, query.campaignId))),
  ]);
  const questions: SurveyTally["questions"] = Object.fromEntries([...ids].sort().map((id) => [id, zeroCounts()]));
  for (const r of rows) questions[r.questionId] = [r.v1, r.v2, r.v3, r.v4, r.v5];
  return { respondents: counts[0]?.respondents ?? 0, questions };
}

/**
 * The tally of a contract's quarter (its campaign's), or null when the quarter
 * has no campaign — for scoring a quarter. Reads the tally tables only.
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
 * FOR TESTS ONLY: the tally recomputed by scanning the campaign's responses
 * and answers — what `getTally` must always equal. Never call it from a route
 * (a scan; dashboards read the tally tables).
 */
export async function recountTally(db: Db, query: { orgId: string; campaignId: string }): Promise<SurveyTally | null> {
  const ids = await questionIdsOf(db, query.orgId, query.campaignId);
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

/**
 * The campaign's comments, ordered by the response's random id (so the order
 * says nothing about when or by whom), WITHOUT their day: a comment's day put
 * beside an invite's used day could single a person out.
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
    isNotNull(surveyResponses.comment),
  );
  const [rows, [total]] = await Promise.all([
    db.select({ comment: surveyResponses.comment }).from(surveyResponses).where(where).orderBy(asc(surveyResponses.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(surveyResponses).where(where),
  ]);
  return { rows: rows.map((r) => ({ comment: r.comment ?? "" })), total: Number(total?.n ?? 0), page, pageSize: limit };
}

export interface ResponseMonitor {
  respondents: number;
  /** Responses that gave every question the same answer (only counted with ≥ 2 questions). */
  straightLined: number;
  /** straightLined ÷ respondents, null with no respondents. */
  straightLinedShare: number | null;
  invites: { total: number; used: number };
  /** Responses per day, oldest first (days only — no times exist). */
  byDay: { day: string; count: number }[];
}

/**
 * The campaign monitor's figures. Counts come from the counter table; the
 * per-day series is a GROUP BY over ONE campaign's responses on the covering
 * index (org_id, campaign_id, submitted_on) — bounded by the campaign's size,
 * never a scan across campaigns. Null when not the organisation's.
 * @example const m = await getResponseMonitor(db, { orgId, campaignId });
 */
export async function getResponseMonitor(db: Db, query: { orgId: string; campaignId: string }): Promise<ResponseMonitor | null> {
  const ids = await questionIdsOf(db, query.orgId, query.campaignId);
  if (!ids) return null;
  const [counts, invites, byDay] = await Promise.all([
    db
      .select({ respondents: surveyCampaignCounts.respondents, straightLined: surveyCampaignCounts.straightLined })
      .from(surveyCampaignCounts)
      .where(and(eq(surveyCampaignCounts.campaignId, query.campaignId), eq(surveyCampaignCounts.orgId, query.orgId))),
    db
      .select({ total: count(), used: sql<number>`count(${surveyInvites.usedOn})` })
      .from(surveyInvites)
      .where(and(eq(surveyInvites.orgId, query.orgId), eq(surveyInvites.campaignId, query.campaignId))),
    db
      .select({ day: surveyResponses.submittedOn, count: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.orgId, query.orgId), eq(surveyResponses.campaignId, query.campaignId)))
      .groupBy(surveyResponses.submittedOn)
      .orderBy(asc(surveyResponses.submittedOn)),
  ]);
  const respondents = counts[0]?.respondents ?? 0;
  const straightLined = counts[0]?.straightLined ?? 0;
  return {
    respondents,
    straightLined,
    straightLinedShare: respondents > 0 ? straightLined / respondents : null,
    invites: { total: Number(invites[0]?.total ?? 0), used: Number(invites[0]?.used ?? 0) },
    byDay: byDay.map((r) => ({ day: r.day, count: Number(r.count) })),
  };
}
