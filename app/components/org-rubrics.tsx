/**
 * An organisation's published rubric versions as a list of links, and each
 * contract's version in force since which quarter (the /rubrics pages).
 * Texts: `rubricpages.*` (the route declares it in its handle).
 */
import { useTranslation } from "react-i18next";
import type { ContractRubricRow } from "../../db/queries/rubrics";
import type { PublishedRubricRow } from "~/rubrics/pages.server";

/** "2026-Q3" as "2026 年第 3 季度" / "Q3 2026". */
export function usePeriodText() {
  const { t } = useTranslation();
  return (period: string) => {
    const m = /^(\d{4})-Q([1-4])$/.exec(period);
    return m ? t("rubricpages.period", { year: m[1], quarter: m[2] }) : period;
  };
}

export function OrgVersionList({ versions }: { versions: PublishedRubricRow[] }) {
  const { t } = useTranslation();
  return (
    <ul className="org-rubric-versions" data-testid="org-versions">
      {versions.map((v) => (
        <li key={v.id} data-version-id={v.id}>
          <a href={`/rubrics/v/${v.id}`}>{t("rubricpages.versionLink", { type: t(`serviceTypes.${v.serviceType}`), version: v.version })}</a>{" "}
          <span className={`status-badge status-${v.status}`}>{t(`rubricpages.status.${v.status}`)}</span>
          {v.publishedAt ? <span className="muted small"> · {t("rubricpages.publishedOn", { date: v.publishedAt.slice(0, 10) })}</span> : null}
          {v.basedOn ? <span className="muted small"> · {t("rubricpages.basedOn", { ref: v.basedOn })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function RubricInForceTable({ contracts, labelledBy }: { contracts: ContractRubricRow[]; labelledBy: string }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  if (contracts.length === 0) return <p>{t("rubricpages.contractsEmpty")}</p>;
  return (
    <div className="table-scroll">
      <table className="rubric-in-force" aria-labelledby={labelledBy} data-testid="rubric-in-force">
        <thead>
          <tr>
            <th scope="col">{t("rubricpages.contract")}</th>
            <th scope="col">{t("rubricpages.serviceType")}</th>
            <th scope="col">{t("rubricpages.rubricInForce")}</th>
            <th scope="col">{t("rubricpages.since")}</th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((c) => (
            <tr key={c.contractId} data-contract-id={c.contractId}>
              <th scope="row">
                {c.title}
                <span className="muted small"> · {c.contractorName}</span>
              </th>
              <td>{t(`serviceTypes.${c.serviceType}`)}</td>
              <td>
                {c.rubricVersionId ? (
                  <a href={`/rubrics/v/${c.rubricVersionId}`}>{t("rubrics.version", { version: c.rubricLabel })}</a>
                ) : (
                  <a href={`/rubrics/${c.serviceType}`}>{t("rubricpages.defaultVersion", { version: c.rubricLabel.split("@")[1] ?? c.rubricLabel })}</a>
                )}
              </td>
              <td>{c.fromPeriod ? periodText(c.fromPeriod) : t("rubricpages.sinceStart")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
