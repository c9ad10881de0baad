import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCampaignForParticipant } from "~/queries.server";
import { requireCentreMember } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { SurveyPage } from "~/surveys/components/survey-page";
import { campaignView, refusedSubmission, stateOfReason, surveyData, surveyHeaders } from "~/surveys/public.server";
import { handleSurveySubmission } from "~/surveys/submit.server";
import surveyCss from "~/styles/survey.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const headers = surveyHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.campaign ? `${data.campaign.contractorName} · 满意度调查 · 考评` : "满意度调查 · 考评" },
];

/**
 * A survey of the viewer's organisation, answered while signed in (from the
 * staff home). Each person answers once: the participation is recorded in
 * the same write as the response, and never linked to it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // The centre's people answer; a contractor's person never answers a survey about the contractors (403).
  const viewer = await requireCentreMember(request);
  const done = new URL(request.url).searchParams.get("done") === "1";
  const campaign = await getCampaignForParticipant(db(), {
    orgId: viewer.org.id,
    campaignId: params.campaignId ?? "",
    userId: viewer.user.id,
  });
  if (!campaign) return surveyData({ state: "unknown", campaign: null });
  const view = campaignView(campaign);
  if (done && campaign.participated) return surveyData({ state: "thanks", campaign: view });
  if (campaign.reason) return surveyData({ state: stateOfReason(campaign.reason), campaign: view });
  return surveyData({ state: "form", campaign: view });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireCentreMember(request);
  const campaignId = params.campaignId ?? "";
  const result = await handleSurveySubmission({
    request,
    target: { campaignId, orgId: viewer.org.id, userId: viewer.user.id },
    clientIp: context.clientIp,
  });
  if (result.ok) return redirect(`/staff/surveys/${encodeURIComponent(campaignId)}?done=1`, { headers: result.headers });
  return refusedSubmission(result);
}

export default function StaffSurvey() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <SurveyPage view={view} actionData={actionData} stateLinks={() => <HomeLink />} />;
}

function HomeLink() {
  const { t } = useTranslation();
  return (
    <p>
      <a className="button" href="/home">
        {t("survey.states.thanks.home")}
      </a>
    </p>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
