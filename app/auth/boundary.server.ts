/**
 * Where the contractor role meets pages that were written for the centre's own
 * people (issue 14): photos a contractor's person may fetch, and surveys they
 * must not answer. Kept here so each route states its rule in one call.
 */
import { getContractorEvidenceFile, getEvidenceFile } from "~/queries.server";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { CONTRACTOR_SURVEY_REFUSAL } from "~/auth/survey-refusal";

/**
 * The evidence photo `id` as the viewer may see it: the centre's people any
 * photo of their organisation, a contractor's person only one on a contract of
 * their own contractor. null otherwise — the route's 404, the same as unknown.
 */
export async function evidenceFileForViewer(viewer: Viewer, id: string) {
  if (viewer.membership.role === "contractor") {
    // A contractor person always has a contractor (a CHECK); without one, nothing.
    if (!viewer.membership.contractorId) return null;
    return getContractorEvidenceFile(db(), { orgId: viewer.org.id, contractorId: viewer.membership.contractorId, id });
  }
  return getEvidenceFile(db(), { orgId: viewer.org.id, id });
}

/**
 * A contractor's person signed in to the campaign's organisation may not answer
 * its satisfaction survey: the survey rates the contractors, and the answers are
 * the centre's people's (a contractor answering about itself, or about a rival,
 * would corrupt the score). 403 with a message of its own.
 */
export function refuseContractorSurvey(viewer: Viewer | null, campaignOrgId: string | null | undefined): void {
  if (viewer && campaignOrgId && viewer.org.id === campaignOrgId && viewer.membership.role === "contractor") {
    throw new Response(CONTRACTOR_SURVEY_REFUSAL, { status: 403 });
  }
}
