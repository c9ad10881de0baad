/**
 * Single-use invite codes: adding more to a campaign, listing them for slips
 * and the CSV. An invite says whether it was used, never when.
 */
import { and, asc, eq } from "drizzle-orm";
import { contractQuarterWritable } from "../../../domain/quarter-lock";
import { MAX_INVITES_PER_CALL } from "../../../domain/survey-rules";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId } from "../../ids";
import { surveyCampaigns, surveyInvites } from "../../schema";
import type { WriteContext } from "../context";
import { chunk, isUniqueViolation, uniqueCodes } from "./shared";
import { contractQuarterState } from "../quarter-state";

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
  if (!contractQuarterWritable(await contractQuarterState(db, { orgId: ctx.orgId, contractId: campaign.contractId, period: campaign.period }))) return { ok: false, error: "finalised" };
  if (campaign.status === "closed") return { ok: false, error: "closed" };

  for (let attempt = 0; ; attempt++) {
    const codes = uniqueCodes(input.count);
    const inserts = chunk(codes, 500).map((part) =>
      db.insert(surveyInvites).values(part.map((code) => ({ id: newId(), orgId: ctx.orgId, campaignId: campaign.id, code, used: false }))),
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
 * The campaign's invite codes and whether each was used — never when (no day
 * is stored) — by code, for printable slips and the CSV export. Empty when
 * the campaign is not the organisation's.
 * @example const invites = await listInvites(db, { orgId, campaignId });
 */
export async function listInvites(db: Db, query: { orgId: string; campaignId: string }): Promise<{ code: string; used: boolean }[]> {
  return db
    .select({ code: surveyInvites.code, used: surveyInvites.used })
    .from(surveyInvites)
    .where(and(eq(surveyInvites.orgId, query.orgId), eq(surveyInvites.campaignId, query.campaignId)))
    .orderBy(asc(surveyInvites.code));
}

