import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The 403's body by which the survey pages tell "a contractor's person" apart from other refusals. */
export const CONTRACTOR_SURVEY_REFUSAL = "contractor_person_survey";

/**
 * The survey pages' error boundary: a contractor's person gets a message that says
 * why they cannot answer (not a bare "forbidden"); anything else goes to `fallback`.
 */
export function SurveyErrorBoundary({ fallback }: { fallback: React.ReactNode }) {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 403 || error.data !== CONTRACTOR_SURVEY_REFUSAL) return <>{fallback}</>;
  return (
    <section className="error-page" role="alert">
      <h1>{t("errors.page.contractorSurvey.title")}</h1>
      <p>{t("errors.page.contractorSurvey.body")}</p>
      <p>
        <a href="/home">{t("errors.page.home")}</a>
      </p>
    </section>
  );
}
