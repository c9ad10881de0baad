import { useTranslation } from "react-i18next";
import type { PortalFindingRow } from "../../db/queries/portal/findings";

/** One finding on the contractor's home: what, where in the contract, and how its deadline stands. */
export function PortalFindingCard({ finding: f }: { finding: PortalFindingRow }) {
  const { t } = useTranslation();
  const deadline =
    f.overdueDays > 0 ? (
      <strong className="deadline-line bad">{t("contractor.finding.overdue", { count: f.overdueDays })}</strong>
    ) : null;
  return (
    <li className="portal-finding">
      <p>
        <a href={`/contractor/findings/${f.id}`}>{f.note}</a>
      </p>
      <p className="meta">
        {t("contractor.finding.severity", { label: t(`severity.${f.severity}`) })} · {t("contractor.finding.contract", { title: f.contractTitle })}
      </p>
      <p className="meta">
        {t("contractor.finding.found", { day: f.foundOn })} · {t("contractor.finding.due", { day: f.dueOn })}
      </p>
      {deadline}
    </li>
  );
}
