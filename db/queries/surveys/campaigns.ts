/**
 * Survey campaigns: creating one (questionnaire snapshot, open-link token,
 * invite codes), reading them for the supervisor, opening and closing them.
 */
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { contractQuarterWritable, type QuarterState } from "../../../domain/quarter-lock";
import { MAX_INVITES_PER_CALL } from "../../../domain/survey-rules";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId, newToken } from "../../ids";
import {
  contractQuarters,
  contractors,
  contracts,
  organisations,
  surveyCampaignCounts,
  surveyCampaigns,
  surveyInvites,
  type CampaignStatus,
} from "../../schema";
import { todayIn } from "../../../domain/days";
import { isIsoDate, isPeriod, periodEnd, periodStart } from "../../../scoring/dates";
import { now, nowIso } from "../../time";
import { pageBounds, type PageQuery, type Paged, type WriteContext } from "../context";
import { chunk, closedReason, isUniqueViolation, uniqueCodes, type CampaignDetail, type CampaignListRow } from "./shared";
import { openQuarterStatement, quarterRubric } from "../quarter-rubric";
import { contractQuarterState } from "../quarter-state";
import { namedSql, SQL_RELEASE_AT_CLOSE } from "./submission/sql";

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
 * The questions come from the rubric the quarter is scored with
 * (db/queries/quarter-rubric.ts), which this fixes if the quarter had not begun.
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
    !isIsoDate(input.opensOn) ||
    !isIsoDate(input.closesOn) ||
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

  const [startOn, endOn] = [periodStart(input.period), periodEnd(input.period)];
  if (endOn < contract.startOn || startOn > contract.endOn) return { ok: false, error: "outside_term" };
  if (!contractQuarterWritable(await contractQuarterState(db, { orgId: ctx.orgId, contractId: contract.id, period: input.period }))) return { ok: false, error: "finalised" };

  const [existing] = await db
    .select({ id: surveyCampaigns.id })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.contractId, contract.id), eq(surveyCampaigns.period, input.period)));
  if (existing) return { ok: false, error: "exists" };

  // The questionnaire of the rubric the quarter is scored with (fixed now if the quarter has not begun).
  const quarter = await quarterRubric(db, { orgId: ctx.orgId, contract, period: input.period });
  if (!quarter) return { ok: false, error: "not_found" };
  const rubric = quarter.rubric;

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
      db.insert(surveyInvites).values(part.map((code) => ({ id: newId(), orgId: ctx.orgId, campaignId, code, used: false }))),
    );
    try {
      await db.batch([
        openQuarterStatement(db, ctx.orgId, { contractId: contract.id, period: input.period, ref: quarter.ref }),
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
    invitesTotal: sql<number>`(select count(*) from ${surveyInvites} i where i.org_id = survey_campaigns.org_id and i.campaign_id = survey_campaigns.id)`,
    invitesUsed: sql<number>`(select count(*) from ${surveyInvites} i where i.org_id = survey_campaigns.org_id and i.campaign_id = survey_campaigns.id and i.used = 1)`,
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
  const quarterStatus = (row.quarterStatus ?? "open") as QuarterState;
  const reason = closedReason(row, quarterStatus, todayIn(timeZone, now));
  return {
    ...rest,
    quarterStatus,
    respondents: Number(row.respondents),
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
  return row ? toDetail(row, query.now ?? now()) : null;
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
  const at = query.now ?? now();
  return {
    rows: rows.map((r) => {
      const { questionnaire: _q, openToken: _t, rubricId: _r, rubricVersion: _v, createdBy: _c, ...rest } = toDetail(r, at);
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
 * contract's quarter is finalised. Closing releases the tally (respondents,
 * figures and comments since the last release) in the same batch. Closing is always allowed; a response
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
  if (input.status === "open" && !contractQuarterWritable(await contractQuarterState(db, { orgId: ctx.orgId, contractId: campaign.contractId, period: campaign.period }))) {
    return { ok: false, error: "finalised" };
  }
  if (campaign.status === input.status) return { ok: true };
  const at = nowIso();
  // Closing releases the tally: whatever came in since the last release becomes visible.
  const release = input.status === "closed" ? SQL_RELEASE_AT_CLOSE.map((text) => namedSql(text, { org: ctx.orgId, cid: campaign.id })) : [];
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
    ...release.map((q) => db.run(q)),
  ]);
  return { ok: true };
}

