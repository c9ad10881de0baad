import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findCampaignByInviteCode } from "~/queries.server";
import { refuseContractorSurvey } from "~/auth/boundary.server";
import { getOptionalViewer } from "~/auth/session.server";
import { SurveyErrorBoundary } from "~/auth/survey-refusal";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { SurveyPage } from "~/surveys/components/survey-page";
import { campaignView, refusedSubmission, stateOfReason, surveyData, surveyHeaders } from "~/surveys/public.server";
import { handleSurveySubmission } from "~/surveys/submit.server";
import surveyCss from "~/styles/survey.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const headers = surveyHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.campaign ? `${data.campaign.contractorName} · 满意度调查` : "满意度调查 · 考评" },
  { name: "robots", content: "noindex" },
];

/**
 * The questionnaire of a single-use invite: the link printed (as a QR code)
 * on an invite slip, or where /invite sends a typed code. The code is the
 * capability; one response per code. Public: no sign-in, and nothing about
 * the person is recorded — the invite only records the day it was used.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const done = new URL(request.url).searchParams.get("done") === "1";
  const [campaign, viewer] = await Promise.all([findCampaignByInviteCode(db(), params.code ?? ""), getOptionalViewer(request)]);
  if (!campaign) return surveyData({ state: "unknownCode", campaign: null });
  // The session is read only to refuse a contractor's person; nothing of it is recorded.
  refuseContractorSurvey(viewer, campaign.orgId);
  const view = campaignView(campaign);
  if (done && campaign.inviteUsed) return surveyData({ state: "thanks", campaign: view });
  if (campaign.reason) return surveyData({ state: stateOfReason(campaign.reason), campaign: view });
  return surveyData({ state: "form", campaign: view });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const code = params.code ?? "";
  const viewer = await getOptionalViewer(request);
  if (viewer?.membership.role === "contractor") refuseContractorSurvey(viewer, (await findCampaignByInviteCode(db(), code))?.orgId);
  const result = await handleSurveySubmission({ request, target: { inviteCode: code }, clientIp: context.clientIp });
  if (result.ok) return redirect(`/i/${encodeURIComponent(code)}?done=1`, { headers: result.headers });
  return refusedSubmission(result, "unknownCode");
}

export default function InviteSurvey() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <SurveyPage view={view} actionData={actionData} stateLinks={(kind) => (kind === "unknownCode" ? <InviteLink /> : null)} />
  );
}

function InviteLink() {
  const { t } = useTranslation();
  return (
    <p>
      <a className="button" href="/invite">
        {t("survey.states.tryInvite")}
      </a>
    </p>
  );
}

export function ErrorBoundary() {
  return <SurveyErrorBoundary fallback={<GeneralErrorBoundary />} />;
}
