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
 * The write of a response is ONE `client.batch([...], "write")` (BEGIN
 * IMMEDIATE … COMMIT): see {@link submitResponse} for how the statements are
 * chained so the invite/participation gate and the inserts happen together or
 * not at all, also across processes sharing the file.
 *
 * Public look-ups ({@link findCampaignByToken}, {@link findCampaignByInviteCode})
 * are scoped by the secret they are given, not by an organisation; everything
 * else takes `orgId` and finds nothing of another organisation.
 */
import type { Client, InStatement, ResultSet } from "@libsql/client";
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

/** `EXISTS` of a finalised quarter for the campaign row `c` (drizzle, for reads). */
const finalisedSql = sql<number>`exists (select 1 from ${contractQuarters} q where q.contract_id = ${surveyCampaigns.contractId} and q.period = ${surveyCampaigns.period} and q.status = 'finalised')`;

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
    quarterStatus: sql<string | null>`(select q.status from ${contractQuarters} q where q.contract_id = ${surveyCampaigns.contractId} and q.period = ${surveyCampaigns.period})`,
    respondents: sql<number>`coalesce((select n.respondents from ${surveyCampaignCounts} n where n.campaign_id = ${surveyCampaigns.id}), 0)`,
    straightLined: sql<number>`coalesce((select n.straight_lined from ${surveyCampaignCounts} n where n.campaign_id = ${surveyCampaigns.id}), 0)`,
    invitesTotal: sql<number>`(select count(*) from ${surveyInvites} i where i.org_id = ${surveyCampaigns.orgId} and i.campaign_id = ${surveyCampaigns.id})`,
    invitesUsed: sql<number>`(select count(*) from ${surveyInvites} i where i.org_id = ${surveyCampaigns.orgId} and i.campaign_id = ${surveyCampaigns.id} and i.used_on is not null)`,
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

function publicSelect() {
  return {
    id: surveyCampaigns.id,
    orgId: surveyCampaigns.orgId,
    orgName: organisations.name,
    timeZone: organisations.timeZone,
    contractorName: contractors.name,
    serviceType: contracts.serviceType,
    period: surveyCampaigns.period,
    questionnaire: surveyCampaigns.questionnaire,
    opensOn: surveyCampaigns.opensOn,
    closesOn: surveyCampaigns.closesOn,
    status: surveyCampaigns.status,
    allowOpenLink: surveyCampaigns.allowOpenLink,
    finalised: finalisedSql,
  };
}

function selectPublic(db: Db) {
  return db
    .select(publicSelect())
    .from(surveyCampaigns)
    .innerJoin(contracts, eq(contracts.id, surveyCampaigns.contractId))
    .innerJoin(contractors, eq(contractors.id, contracts.contractorId))
    .innerJoin(organisations, eq(organisations.id, surveyCampaigns.orgId));
}

type PublicRow = Awaited<ReturnType<ReturnType<typeof selectPublic>["where"]>>[number];

function toPublic(row: PublicRow, now: Date, extra: SurveyClosedReason | null = null): PublicSurveyCampaign {
  const { finalised, ...rest } = row;
  const today = todayIn(row.timeZone, now);
  const reason = closedReason(row, Boolean(Number(finalised)), today) ?? extra;
  return { ...rest, today, acceptsResponses: reason === null, reason };
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
  const [row] = await selectPublic(db).where(eq(surveyCampaigns.openToken, token));
  if (!row) return null;
  return toPublic(row, now, row.allowOpenLink ? null : "no_open_link");
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
  const [row] = await selectPublic(db)
    .innerJoin(surveyInvites, eq(surveyInvites.campaignId, surveyCampaigns.id))
    .where(eq(surveyInvites.code, normalised));
  if (!row) return null;
  const used = await db.select({ usedOn: surveyInvites.usedOn }).from(surveyInvites).where(eq(surveyInvites.code, normalised));
  const inviteUsed = used[0]?.usedOn != null;
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
  const [row] = await selectPublic(db).where(and(eq(surveyCampaigns.id, query.campaignId), eq(surveyCampaigns.orgId, query.orgId)));
  if (!row) return null;
  const participated = await hasParticipated(db, query.campaignId, query.userId);
  return { ...toPublic(row, query.now ?? new Date(), participated ? "already_participated" : null), participated };
}

async function hasParticipated(db: Db, campaignId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(surveyParticipations)
    .where(and(eq(surveyParticipations.campaignId, campaignId), eq(surveyParticipations.userId, userId)));
  return rows.length > 0;
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
      participated: sql<number>`exists (select 1 from ${surveyParticipations} p where p.campaign_id = ${surveyCampaigns.id} and p.user_id = ${query.userId})`,
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

// The guard every gate statement carries: evaluated INSIDE the write transaction,
// so a campaign closed (or a quarter finalised) a moment before is refused.
const OPEN_GUARD = `c.status = 'open' AND c.opens_on <= :today AND c.closes_on >= :today
  AND NOT EXISTS (SELECT 1 FROM contract_quarters q WHERE q.contract_id = c.contract_id AND q.period = c.period AND q.status = 'finalised')`;

const SQL_CONSUME_INVITE = `UPDATE survey_invites SET used_on = :today
WHERE code = :code AND campaign_id = :cid AND used_on IS NULL
  AND EXISTS (SELECT 1 FROM survey_campaigns c WHERE c.id = :cid AND ${OPEN_GUARD})`;

const SQL_RECORD_PARTICIPATION = `INSERT INTO survey_participations (campaign_id, user_id, org_id)
SELECT c.id, :uid, c.org_id FROM survey_campaigns c
WHERE c.id = :cid AND c.org_id = :org AND ${OPEN_GUARD}
  AND EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.user_id = :uid AND m.org_id = c.org_id AND u.disabled_at IS NULL)
ON CONFLICT (campaign_id, user_id) DO NOTHING`;

// After a gate statement: changes() is the row count of the statement just before
// in the same connection and transaction (the gate), so the response is inserted
// exactly when the gate changed one row.
const SQL_INSERT_RESPONSE_AFTER_GATE = `INSERT INTO survey_responses (id, org_id, campaign_id, submitted_on, comment)
SELECT :rid, :org, :cid, :today, :comment WHERE changes() = 1`;

// The open link has no gate row: the insert itself carries the guard.
const SQL_INSERT_RESPONSE_OPEN_LINK = `INSERT INTO survey_responses (id, org_id, campaign_id, submitted_on, comment)
SELECT :rid, c.org_id, c.id, :today, :comment FROM survey_campaigns c
WHERE c.id = :cid AND c.org_id = :org AND c.allow_open_link = 1 AND ${OPEN_GUARD}`;

// Everything after the response hangs on the response row (a fresh random id,
// so it exists only if THIS batch inserted it).
const RESPONSE_EXISTS = `EXISTS (SELECT 1 FROM survey_responses r WHERE r.id = :rid)`;

const SQL_INSERT_ANSWERS = `INSERT INTO survey_answers (response_id, org_id, campaign_id, question_id, value)
SELECT :rid, :org, :cid, j.key, j.value FROM json_each(:answers) j WHERE ${RESPONSE_EXISTS}`;

const SQL_UPSERT_TALLIES = `INSERT INTO survey_tallies (org_id, campaign_id, question_id, v1, v2, v3, v4, v5)
SELECT :org, :cid, j.key, j.value = 1, j.value = 2, j.value = 3, j.value = 4, j.value = 5
FROM json_each(:answers) j WHERE ${RESPONSE_EXISTS}
ON CONFLICT (campaign_id, question_id) DO UPDATE SET
  v1 = v1 + excluded.v1, v2 = v2 + excluded.v2, v3 = v3 + excluded.v3, v4 = v4 + excluded.v4, v5 = v5 + excluded.v5`;

const SQL_UPSERT_COUNTS = `INSERT INTO survey_campaign_counts (campaign_id, org_id, respondents, straight_lined)
SELECT :cid, :org, 1, :straight WHERE ${RESPONSE_EXISTS}
ON CONFLICT (campaign_id) DO UPDATE SET
  respondents = respondents + 1, straight_lined = straight_lined + excluded.straight_lined`;

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
  if (!client) throw new Error("submitResponse needs a drizzle database made by createDb()");
  return client;
}

/**
 * Checks answers and comment against the campaign's questions; null when invalid.
 * Returns the normalised comment (trimmed, CRLF → LF, blank → null).
 */
function checkSubmission(
  questionIds: string[],
  answers: Record<string, number>,
  comment: string | null | undefined,
): { comment: string | null } | null {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return null;
  const keys = Object.keys(answers);
  if (keys.length !== questionIds.length || !questionIds.every((id) => Object.hasOwn(answers, id))) return null;
  for (const id of questionIds) {
    const v = answers[id];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 5) return null;
  }
  if (comment !== undefined && comment !== null && typeof comment !== "string") return null;
  const c = normaliseComment(comment);
  if (c !== null && (charLength(c) > COMMENT_MAX_CHARS || COMMENT_FORBIDDEN_CHARS.test(c))) return null;
  return { comment: c };
}

interface TargetCampaign {
  id: string;
  orgId: string;
  questionnaire: SurveyQuestion[];
  allowOpenLink: boolean;
  inviteUsedOn?: string | null;
}

async function resolveTarget(db: Db, target: SubmitTarget): Promise<(TargetCampaign & { code?: string }) | null> {
  const cols = {
    id: surveyCampaigns.id,
    orgId: surveyCampaigns.orgId,
    questionnaire: surveyCampaigns.questionnaire,
    allowOpenLink: surveyCampaigns.allowOpenLink,
  };
  if ("inviteCode" in target) {
    const code = normaliseInviteCode(target.inviteCode);
    if (!code) return null;
    const [row] = await db
      .select({ ...cols, inviteUsedOn: surveyInvites.usedOn })
      .from(surveyInvites)
      .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyInvites.campaignId))
      .where(eq(surveyInvites.code, code));
    return row ? { ...row, code } : null;
  }
  if ("token" in target) {
    if (!isTokenShape(target.token)) return null;
    const [row] = await db.select(cols).from(surveyCampaigns).where(eq(surveyCampaigns.openToken, target.token));
    return row ?? null;
  }
  const [row] = await db
    .select(cols)
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.id, target.campaignId), eq(surveyCampaigns.orgId, target.orgId)));
  return row ?? null;
}

/** Why a gate refused, read after the (empty) write. */
async function diagnose(
  db: Db,
  campaignId: string,
  today: string,
  gate: "invite" | "participation" | "open_link",
  detail: { code?: string; userId?: string },
): Promise<SubmitError> {
  const [c] = await db
    .select({
      status: surveyCampaigns.status,
      opensOn: surveyCampaigns.opensOn,
      closesOn: surveyCampaigns.closesOn,
      allowOpenLink: surveyCampaigns.allowOpenLink,
      orgId: surveyCampaigns.orgId,
      finalised: finalisedSql,
    })
    .from(surveyCampaigns)
    .where(eq(surveyCampaigns.id, campaignId));
  if (!c) return "not_found";
  const reason = closedReason(c, Boolean(Number(c.finalised)), today);
  if (reason === "finalised" || reason === "closed" || reason === "not_open_yet") return reason;
  if (gate === "invite") return "invite_used";
  if (gate === "participation") return (await hasParticipated(db, campaignId, detail.userId!)) ? "already_participated" : "not_found";
  return "not_found"; // open link switched off
}

/**
 * Records one anonymous response and its tallies atomically.
 *
 * The write is a single `client.batch(statements, "write")` — libSQL runs it
 * as BEGIN IMMEDIATE … COMMIT on one connection, rolling everything back if a
 * statement fails — made of:
 * 1. the gate, which carries the open/dates/not-finalised guard:
 *    - invite: `UPDATE survey_invites SET used_on = today WHERE code = ? AND used_on IS NULL AND <guard>`;
 *    - participant: `INSERT INTO survey_participations … SELECT … WHERE <guard> ON CONFLICT DO NOTHING`;
 *    - open link: none (step 2 carries the guard and `allow_open_link = 1`);
 * 2. `INSERT INTO survey_responses … SELECT … WHERE changes() = 1` — `changes()` is
 *    the gate's row count, the statement just before on the same connection;
 * 3. answers, 4. tally upserts (`vN = vN + 1`), 5. respondents + 1 — each
 *    `WHERE EXISTS (response with this batch's fresh random id)`.
 * So either the gate changed a row and everything is written, or nothing is;
 * the write lock (BEGIN IMMEDIATE) serialises concurrent batches, also from
 * other processes, and the second consumer of an invite sees `used_on` set.
 * (SQLite refuses `RAISE()` outside a trigger — "RAISE() may only be used within
 * a trigger-program" — so the batch cannot abort itself; conditional statements
 * do the same job without an error path.)
 * When the gate changed nothing, a read works out why. SQLITE_BUSY (another
 * process holding the lock past the busy timeout) is retried, then "busy".
 *
 * Nothing of the response identifies the respondent: a random id, the day, the
 * comment; no audit row. Participation and invite use are written in the same
 * transaction but share no column with the response (see the anonymity test).
 *
 * @example
 * const r = await submitResponse(db, { campaign: { inviteCode: "K7QW3MZD" },
 *   answers: { "catering.q.taste": 5, ... }, comment: "", today: todayIn(campaign.timeZone, new Date()) });
 * if (!r.ok && r.error === "invite_used") …
 */
export async function submitResponse(db: Db, input: SubmitResponseInput): Promise<SubmitResult> {
  if (typeof input.today !== "string" || !isDay(input.today)) return { ok: false, error: "invalid" };
  const target = input.campaign;
  if ("inviteCode" in target && input.participant) return { ok: false, error: "invalid" };
  if ("campaignId" in target && !input.participant) return { ok: false, error: "invalid" };

  const campaign = await resolveTarget(db, target);
  if (!campaign) return { ok: false, error: "not_found" };
  const questionIds = campaign.questionnaire.map((q) => q.id);
  const checked = checkSubmission(questionIds, input.answers, input.comment);
  if (!checked) return { ok: false, error: "invalid" };

  const gate: "invite" | "participation" | "open_link" =
    "inviteCode" in target ? "invite" : input.participant ? "participation" : "open_link";
  if (gate === "invite" && campaign.inviteUsedOn) return { ok: false, error: "invite_used" }; // fast path, no write
  if (gate === "open_link" && !campaign.allowOpenLink) return { ok: false, error: "not_found" };

  const values = questionIds.map((id) => input.answers[id]!);
  const answersJson = JSON.stringify(Object.fromEntries(questionIds.map((id) => [id, input.answers[id]!])));
  const straight = values.length >= 2 && values.every((v) => v === values[0]) ? 1 : 0;
  const args: Args = {
    rid: newId(),
    org: campaign.orgId,
    cid: campaign.id,
    today: input.today,
    comment: checked.comment,
    answers: answersJson,
    straight,
    code: campaign.code ?? null,
    uid: input.participant?.userId ?? null,
  };
  const statements: InStatement[] = [];
  if (gate === "invite") statements.push(stmt(SQL_CONSUME_INVITE, args), stmt(SQL_INSERT_RESPONSE_AFTER_GATE, args));
  else if (gate === "participation") statements.push(stmt(SQL_RECORD_PARTICIPATION, args), stmt(SQL_INSERT_RESPONSE_AFTER_GATE, args));
  else statements.push(stmt(SQL_INSERT_RESPONSE_OPEN_LINK, args));
  statements.push(stmt(SQL_INSERT_ANSWERS, args), stmt(SQL_UPSERT_TALLIES, args), stmt(SQL_UPSERT_COUNTS, args));
  const responseIndex = gate === "open_link" ? 0 : 1;

  let results: ResultSet[] | undefined;
  for (let attempt = 0; results === undefined; attempt++) {
    try {
      results = await clientOf(db).batch(statements, "write");
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt >= BUSY_RETRIES) return { ok: false, error: "busy" };
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
  if (results[responseIndex]?.rowsAffected === 1) return { ok: true };
  return {
    ok: false,
    error: await diagnose(db, campaign.id, input.today, gate, { code: campaign.code, userId: input.participant?.userId }),
  };
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
