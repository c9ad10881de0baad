import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findCampaignByToken, getCampaignForParticipant } from "~/queries.server";
import { getOptionalViewer } from "~/auth/session.server";
import { refuseContractorSurvey } from "~/auth/boundary.server";
import { SurveyErrorBoundary } from "~/auth/survey-refusal";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { SurveyPage } from "~/surveys/components/survey-page";
import { campaignView, refusedSubmission, stateOfReason, surveyData, surveyHeaders } from "~/surveys/public.server";
import { openLinkCampaign } from "~/surveys/open-link-cache.server";
import { answeredOnDevice, handleSurveySubmission } from "~/surveys/submit.server";
import surveyCss from "~/styles/survey.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const headers = surveyHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.campaign ? `${data.campaign.contractorName} · 满意度调查` : "满意度调查 · 考评" },
  { name: "robots", content: "noindex" },
];

/**
 * The public questionnaire behind the open link / QR code. Public on purpose:
 * the token is the capability (kept out of request logs). A signed-in member
 * of the campaign's organisation is also recorded as having taken part, so
 * they cannot answer again from their home page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const done = new URL(request.url).searchParams.get("done") === "1";
  const [campaign, viewer] = await Promise.all([findCampaignByToken(db(), token), getOptionalViewer(request)]);
  if (!campaign) return surveyData({ state: "unknown", campaign: null });
  refuseContractorSurvey(viewer, campaign.orgId);
  const view = campaignView(campaign);
  if (done) return surveyData({ state: "thanks", campaign: view });
  const member = viewer !== null && viewer.org.id === campaign.orgId;
  // A member answers once as a participant (also an invite-only campaign's link); the public once per device.
  const reason = member
    ? (await getCampaignForParticipant(db(), { orgId: viewer.org.id, campaignId: campaign.id, userId: viewer.user.id }))?.reason ?? null
    : campaign.reason;
  if (reason) return surveyData({ state: stateOfReason(reason), campaign: reason === "no_open_link" ? null : view });
  if (!member && (await answeredOnDevice(request)).includes(campaign.id)) return surveyData({ state: "already", campaign: view });
  return surveyData({ state: "form", campaign: view });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const [viewer, campaign] = await Promise.all([getOptionalViewer(request), openLinkCampaign(token)]);
  refuseContractorSurvey(viewer, campaign?.orgId);
  // Only a member of the campaign's organisation is recorded as a participant.
  const member = viewer !== null && campaign !== null && viewer.org.id === campaign.orgId;
  const result = await handleSurveySubmission({
    request,
    target: member ? { token, userId: viewer.user.id } : { token },
    clientIp: context.clientIp,
    campaign, // looked up once per submission (or remembered for a second): the write re-checks everything
  });
  if (result.ok) {
    const headers = new Headers(result.headers);
    return redirect(`/s/${encodeURIComponent(token)}?done=1`, { headers });
  }
  return refusedSubmission(result);
}

export default function OpenLinkSurvey() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <SurveyPage view={view} actionData={actionData} stateLinks={(kind) => (kind === "unknown" ? <InviteLink /> : null)} />;
}

function InviteLink() {
  const { t } = useTranslation();
  return (
    <p>
      <a href="/invite">{t("survey.states.tryInvite")}</a>
    </p>
  );
}

export function ErrorBoundary() {
  return <SurveyErrorBoundary fallback={<GeneralErrorBoundary />} />;
}
