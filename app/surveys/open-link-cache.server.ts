/**
 * A one-second memory of open-link campaigns that take responses, for the
 * open link's action (the busiest survey path: a QR code on a canteen wall).
 * Only a campaign that ACCEPTS responses is remembered: the atomic write
 * re-checks everything in SQL (status, days, quarter lock), so a campaign
 * closed within the second is still refused, by the write; a closed one is
 * never remembered, so reopening takes effect at once. Dropped when the
 * organisation's day has changed since it was read.
 */
import { findCampaignByToken, type PublicSurveyCampaign } from "../../db/queries/surveys";
import { todayIn } from "../../domain/days";
import { db } from "~/db.server";
import { now as clockNow } from "../utils/clock.server";

const TTL_MS = 1000;
const MAX_ENTRIES = 500;
const remembered = new Map<string, { until: number; campaign: PublicSurveyCampaign }>();

/** `findCampaignByToken`, answered from memory for up to a second when the campaign takes responses. */
export async function openLinkCampaign(token: string, now: Date = clockNow()): Promise<PublicSurveyCampaign | null> {
  const hit = remembered.get(token);
  if (hit && hit.until > now.getTime() && todayIn(hit.campaign.timeZone, now) === hit.campaign.today) return hit.campaign;
  const campaign = await findCampaignByToken(db(), token, now);
  if (campaign?.acceptsResponses) {
    if (remembered.size >= MAX_ENTRIES) remembered.clear();
    remembered.set(token, { until: now.getTime() + TTL_MS, campaign });
  } else {
    remembered.delete(token);
  }
  return campaign;
}
