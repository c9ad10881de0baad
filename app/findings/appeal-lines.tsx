/**
 * The appeals of a finding or veto, as one line each with its state and
 * outcome and a link to the appeal (the finding and veto pages, the score page).
 */
import { useTranslation } from "react-i18next";

export interface AppealLine {
  id: string;
  target: string;
  status: string;
  outcome: string | null;
  severityFrom: string | null;
  severityTo: string | null;
  filedOn: string;
  decisionReason?: string | null;
}

/** `linked: false` for pages whose reader cannot open the supervisor's appeal page (the contractor's). */
export function AppealLines({ appeals, title, linked = true }: { appeals: readonly AppealLine[]; title?: string; linked?: boolean }) {
  const { t } = useTranslation();
  if (appeals.length === 0) return null;
  const sev = (s: string | null) => (s ? t(`severity.${s}`) : "");
  return (
    <section className="finding-panel" aria-labelledby="appeals-title">
      <h2 id="appeals-title">{title ?? t("appeals.onFinding")}</h2>
      <ul data-testid="appeal-lines">
        {appeals.map((a) => (
          <li key={a.id}>
            {linked ? (
              <a href={`/supervisor/appeals/${a.id}`}>
                {t(`appeals.target.${a.target}`)} · {a.filedOn} · {t(`appeals.status.${a.status}`)}
              </a>
            ) : (
              <span>
                {t(`appeals.target.${a.target}`)} · {a.filedOn} · {t(`appeals.status.${a.status}`)}
              </span>
            )}
            {a.outcome ? ` · ${t(`appeals.outcome.${a.outcome}`, { from: sev(a.severityFrom), to: sev(a.severityTo) })}` : ""}
            {a.decisionReason ? <div className="muted small">{a.decisionReason}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
