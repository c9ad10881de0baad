/**
 * Shared by the supervisor's campaign routes: the campaign of the viewer's
 * organisation or a 404, the rubric its satisfaction figures are computed
 * with, and the header of a download with a Chinese file name.
 */
import { quarterRubric } from "../../db/queries/quarter-rubric";
import { getCampaign, type CampaignDetail } from "../../db/queries/surveys";
import { defaultRubric, defaultRubricVersion, isDefaultRubricVersion } from "../../scoring/index";
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
 * The rubric whose satisfaction rule (satisfied-at-or-above, target, floor,
 * minimum respondents) applies to the campaign — the version its quarter is
 * scored with, the one the campaign was built from (`rubricId@rubricVersion`):
 * an organisation's version or a built-in default — with the campaign's own
 * questionnaire snapshot, so `satisfactionRate` accepts its tally. Should the
 * quarter's rubric not be the campaign's (a campaign older than one rubric
 * per quarter), the built-in version the campaign names, else the type's
 * current default.
 */
export async function campaignRubric(
  campaign: Pick<CampaignDetail, "orgId" | "contractId" | "period" | "serviceType" | "rubricId" | "rubricVersion" | "questionnaire">,
): Promise<Rubric> {
  const quarter = await quarterRubric(db(), {
    orgId: campaign.orgId,
    contract: { id: campaign.contractId, serviceType: campaign.serviceType, rubricVersionId: null },
    period: campaign.period,
  });
  const own = quarter && quarter.ref.rubricId === campaign.rubricId && quarter.ref.rubricVersion === campaign.rubricVersion ? quarter.rubric : null;
  const base =
    own ??
    (campaign.rubricId === campaign.serviceType && isDefaultRubricVersion(campaign.rubricVersion)
      ? defaultRubricVersion(campaign.serviceType, campaign.rubricVersion)
      : defaultRubric(campaign.serviceType));
  return { ...base, questionnaire: campaign.questionnaire };
}
