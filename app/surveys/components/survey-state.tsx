import { useTranslation } from "react-i18next";

export type SurveyStateKind = "thanks" | "closed" | "notOpen" | "used" | "already" | "unknown" | "unknownCode";

/**
 * The clear one-message pages around the questionnaire: thank you, closed,
 * not yet open, invite already used, already taken part, unknown link. One
 * heading and one sentence, readable on a phone; a refusal is announced.
 */
export function SurveyState({
  kind,
  heading,
  opensOn,
  children,
}: {
  kind: SurveyStateKind;
  /** The contractor and service, when the campaign is known. */
  heading?: string;
  opensOn?: string;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const key = kind === "notOpen" && !opensOn ? "notOpenNoDate" : kind;
  const refused = kind !== "thanks";
  return (
    <div className={`page narrow survey-state survey-state-${kind}`}>
      <section className="survey-state-card" role={refused ? "alert" : "status"} aria-labelledby="survey-state-title">
        <p className="survey-state-icon" aria-hidden="true">
          {kind === "thanks" ? "✓" : kind === "closed" || kind === "notOpen" ? "⏱" : "!"}
        </p>
        {heading ? <p className="muted">{heading}</p> : null}
        <h1 id="survey-state-title">{t(`survey.states.${key}.title`)}</h1>
        <p>{t(`survey.states.${key}.body`, { date: opensOn })}</p>
        {children}
      </section>
    </div>
  );
}
