/**
 * Shared by the supervisor's campaign routes: the campaign of the viewer's
 * organisation or a 404, the rubric its satisfaction figures are computed
 * with, and the header of a download with a Chinese file name.
 */
import { getCampaign, type CampaignDetail } from "../../db/queries/surveys";
import { defaultRubric } from "../../scoring/index";
import type { Rubric } from "../../scoring/types";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { invariantResponse } from "~/utils/invariant";

/** The campaign `campaignId` of the viewer's organisation; another organisation's id is a 404 like an unknown one. */
export async function requireCampaign(viewer: Viewer, campaignId: string | undefined): Promise<CampaignDetail> {
  invariantResponse(campaignId, "Campaign not found", { status: 404 });
  const campaign = await getCampaign(db(), { orgId: viewer.org.id, campaignId });
  invariantResponse(campaign, "Campaign not found", { status: 404 });
  return campaign;
}

/**
 * The rubric whose satisfaction rule (satisfied-at-or-above, target, minimum
 * respondents) applies to the campaign, with the campaign's own questionnaire
 * snapshot, so `satisfactionRate` accepts its tally even after the rubric
 * changed. The satisfaction rule comes from the service type's built-in rubric:
 * no query reads an organisation's own rubric version yet.
 */
export function campaignRubric(campaign: Pick<CampaignDetail, "serviceType" | "questionnaire">): Rubric {
  const base = defaultRubric(campaign.serviceType);
  return { ...base, questionnaire: campaign.questionnaire };
}

