import { useTranslation } from "react-i18next";
import type { AppealSummary } from "../../db/queries/appeals/read";

/** Where the contractor reads what an appeal contests: its finding's page, or the veto's. */
function targetHref(a: Pick<AppealSummary, "findingId" | "vetoEventId">): string | null {
  if (a.findingId) return `/contractor/findings/${a.findingId}`;
  if (a.vetoEventId) return `/contractor/vetoes/${a.vetoEventId}`;
  return null;
}

/** The contractor's own appeals on its home: what, when, how it stands, the outcome and the supervisor's reason. */
export function ContractorAppealList({ appeals }: { appeals: readonly AppealSummary[] }) {
  const { t } = useTranslation();
  const sev = (s: string | null) => (s ? t(`severity.${s}`) : "");
  return (
    <section aria-labelledby="my-appeals">
      <h2 id="my-appeals">{t("contractor.appeals.title")}</h2>
      {appeals.length === 0 ? (
        <p className="notice">{t("contractor.appeals.empty")}</p>
      ) : (
        <ul className="portal-appeals" data-testid="portal-appeals">
          {appeals.map((a) => {
            const href = targetHref(a);
            const line = t("contractor.appeals.line", { target: t(`appeals.target.${a.target}`), filedOn: a.filedOn, status: t(`appeals.status.${a.status}`) });
            return (
              <li key={a.id} className={`appeal-${a.status}`}>
                {href ? <a href={href}>{line}</a> : line}
                {a.note ? <div className="small">{a.note}</div> : null}
                {a.outcome ? <div>{t(`appeals.outcome.${a.outcome}`, { from: sev(a.severityFrom), to: sev(a.severityTo) })}</div> : null}
                {a.decisionReason ? <div className="muted small">{a.decisionReason}</div> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
