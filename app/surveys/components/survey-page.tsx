import { useTranslation } from "react-i18next";
import type { SurveyActionData, SurveyCampaignView, SurveyView } from "../public.server";
import { usePeriodLabel } from "./status-badge";
import { SurveyForm } from "./survey-form";
import { SurveyState, type SurveyStateKind } from "./survey-state";

/**
 * The questionnaire page or one of its clear state pages, the same for the
 * open link, an invite and signed-in staff. An action's answer (a refusal)
 * wins over what the loader saw.
 */
export function SurveyPage({
  view,
  actionData,
  stateLinks,
}: {
  view: SurveyView;
  actionData?: SurveyActionData;
  /** Links under a state page (back to the staff home, enter an invite code…). */
  stateLinks?: (kind: SurveyStateKind) => React.ReactNode;
}) {
  const { t } = useTranslation();
  if (actionData && actionData.state !== "form") {
    const campaign = actionData.campaign ?? view.campaign;
    return (
      <SurveyState kind={actionData.state} heading={campaign ? headingOf(campaign, t) : undefined} opensOn={campaign?.opensOn}>
        {stateLinks?.(actionData.state)}
      </SurveyState>
    );
  }
  if (view.state !== "form") {
    return (
      <SurveyState kind={view.state} heading={view.campaign ? headingOf(view.campaign, t) : undefined} opensOn={view.campaign?.opensOn}>
        {stateLinks?.(view.state)}
      </SurveyState>
    );
  }
  return <Questionnaire campaign={view.campaign} actionData={actionData?.state === "form" ? actionData : undefined} />;
}

function headingOf(c: SurveyCampaignView, t: (key: string, options?: Record<string, unknown>) => string): string {
  return t("survey.form.heading", { contractor: c.contractorName, service: t(`serviceTypes.${c.serviceType}`) });
}

function Questionnaire({
  campaign,
  actionData,
}: {
  campaign: SurveyCampaignView;
  actionData?: Extract<SurveyActionData, { state: "form" }>;
}) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const formError = actionData?.formError ?? actionData?.fieldErrors._form?.[0];
  return (
    <div className="survey">
      <header className="survey-head">
        <p className="muted small">{campaign.orgName}</p>
        <h1>{headingOf(campaign, t)}</h1>
        <p className="period">
          <span className="nowrap">{t("survey.form.subheading", { period: periodLabel(campaign.period) })}</span> ·{" "}
          <span className="nowrap">{t("survey.form.closesOn", { date: campaign.closesOn })}</span>
        </p>
        <p className="intro">{t("survey.form.intro")}</p>
        <p className="survey-anonymity">{t("survey.form.anonymity")}</p>
      </header>
      <SurveyForm
        questions={campaign.questionnaire}
        commentMax={campaign.commentMax}
        values={actionData?.values}
        serverErrors={actionData?.fieldErrors}
        formError={formError}
      />
    </div>
  );
}
