import { useTranslation } from "react-i18next";
import type { DashboardRow } from "../../db/queries/scores/dashboard";
import { formatFen } from "~/admin/money";
import { useLocale } from "~/utils/localise";

/** The change against last quarter: ▲/▼ with the points, spelled out for screen readers. */
export function ChangeText({ change }: { change: number | null }) {
  const { t } = useTranslation();
  const { number } = useLocale();
  if (change === null) return <span className="muted">{t("dashboard.change.none")}</span>;
  if (change === 0) return <span>{t("dashboard.change.same")}</span>;
  const value = number(Math.abs(change), 1);
  const up = change > 0;
  return (
    <span className={up ? "change-up" : "change-down"}>
      <span aria-hidden="true">{t(up ? "dashboard.change.up" : "dashboard.change.down", { value })}</span>
      <span className="visually-hidden">{t(up ? "dashboard.change.upLabel" : "dashboard.change.downLabel", { value })}</span>
    </span>
  );
}

/** The flags of a row: provisional, pending vetoes, vetoed. */
function Flags({ row }: { row: DashboardRow }) {
  const { t } = useTranslation();
  const flags = [
    row.vetoed ? <span key="v" className="flag flag-bad">{t("dashboard.flags.vetoed")}</span> : null,
    row.pendingVetoes > 0 ? <span key="p" className="flag flag-warn">{t("dashboard.flags.pendingVetoes", { count: row.pendingVetoes })}</span> : null,
    row.provisional ? <span key="pr" className="flag">{t("dashboard.flags.provisional")}</span> : null,
  ].filter(Boolean);
  return flags.length ? <span className="flags">{flags}</span> : <span className="muted">—</span>;
}

/**
 * Every contract of the quarter as a table that scrolls inside its own box
 * on a phone (the contract column stays readable), each row linking to the
 * quarter's score page and to the contract's trend.
 */
export function DashboardTable({ rows, period, caption }: { rows: DashboardRow[]; period: string; caption: string }) {
  const { t } = useTranslation();
  const { locale, number, percent } = useLocale();
  return (
    <div className="table-scroll dashboard-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="wide dashboard-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.contract")}</th>
            <th scope="col">{t("dashboard.col.grade")}</th>
            <th scope="col" className="num">{t("dashboard.col.total")}</th>
            <th scope="col" className="num">{t("dashboard.col.change")}</th>
            <th scope="col">{t("dashboard.col.satisfaction")}</th>
            <th scope="col" className="num">{t("dashboard.col.findings")}</th>
            <th scope="col" className="num">{t("dashboard.col.deducted")}</th>
            <th scope="col">{t("dashboard.col.flags")}</th>
            <th scope="col">{t("dashboard.col.state")}</th>
            <th scope="col">{t("dashboard.col.links")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const target = percent(r.satisfaction.target);
            const overdueHref = `/supervisor/findings?${new URLSearchParams({ contractId: r.contractId, period, status: "overdue" })}`;
            return (
              <tr key={r.contractId} className={r.vetoed || r.grade === "fail" ? "row-bad" : undefined}>
                <th scope="row">
                  <a href={`/supervisor/scores/${r.contractId}`}>{r.contractorName}</a>
                  <span className="meta">
                    {t(`serviceTypes.${r.serviceType}`)} · {r.code ? `${r.code} ` : ""}
                    {r.title}
                  </span>
                </th>
                <td className={`grade-cell grade-${r.grade}`}>{t(`grades.${r.grade}`)}</td>
                <td className="num">{number(r.total, 1)}</td>
                <td className="num">
                  <ChangeText change={r.change} />
                </td>
                <td>
                  {r.satisfaction.rate === null
                    ? t("dashboard.noRate", { target })
                    : t("dashboard.satisfaction", { rate: percent(r.satisfaction.rate, 1), target })}
                  <span className="meta">{t("dashboard.respondents", { count: r.satisfaction.respondents })}</span>
                </td>
                <td className="num">
                  <span aria-hidden="true">{t("dashboard.findings", { open: r.findings.open, overdue: r.findings.overdue })}</span>
                  <span className="visually-hidden">{t("dashboard.findingsLabel", { open: r.findings.open, overdue: r.findings.overdue })}</span>
                  {r.findings.overdue > 0 ? (
                    <a className="meta" href={overdueHref}>
                      {t("dashboard.overdueLink")}
                    </a>
                  ) : null}
                </td>
                <td className="num">{formatFen(r.deductedFen, locale)}</td>
                <td>
                  <Flags row={r} />
                </td>
                <td>
                  {t(`scores.chart.states.${r.state}`)}
                  {r.revision > 1 ? <span className="meta">{t("dashboard.revision", { revision: r.revision })}</span> : null}
                </td>
                <td>
                  <a href={`/supervisor/scores/${r.contractId}/${period}`}>
                    {t("dashboard.scorePage")}
                    <span className="visually-hidden">: {r.contractorName}</span>
                  </a>
                  <a className="meta" href={`/supervisor/scores/${r.contractId}`}>
                    {t("dashboard.history")}
                    <span className="visually-hidden">: {r.contractorName}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
