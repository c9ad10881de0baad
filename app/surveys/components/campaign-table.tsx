import { useTranslation } from "react-i18next";
import type { ServiceType } from "../../../scoring/types";
import { useLocale } from "~/utils/localise";
import { StatusBadge, usePeriodLabel, type CampaignStatusName } from "./status-badge";

export interface CampaignRow {
  id: string;
  contractorName: string;
  contractTitle: string;
  serviceType: ServiceType;
  period: string;
  opensOn: string;
  closesOn: string;
  status: CampaignStatusName;
  reason: string | null;
  respondents: number;
  invitesTotal: number;
  invitesUsed: number;
}

/** Campaigns as a table: contract, status, window and responses against invites. */
export function CampaignTable({ rows, showPeriod = false }: { rows: CampaignRow[]; showPeriod?: boolean }) {
  const { t } = useTranslation();
  const { percent } = useLocale();
  const periodLabel = usePeriodLabel();
  return (
    <div className="table-scroll">
      <table className="campaign-table wide">
        <thead>
          <tr>
            <th scope="col">{t("survey.list.contract")}</th>
            {showPeriod ? <th scope="col">{t("survey.list.periodCol")}</th> : null}
            <th scope="col">{t("survey.list.statusCol")}</th>
            <th scope="col">{t("survey.list.window")}</th>
            <th scope="col" className="num">
              {t("survey.list.responses")}
            </th>
            <th scope="col" className="num">
              {t("survey.list.invites")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <a href={`/supervisor/surveys/${c.id}`}>{c.contractorName}</a>
                <span className="sub">
                  {t(`serviceTypes.${c.serviceType}`)} · {c.contractTitle}
                </span>
              </th>
              {showPeriod ? <td>{periodLabel(c.period)}</td> : null}
              <td>
                <StatusBadge status={c.status} />
                {c.reason && c.status === "open" ? <span className="sub">{t(`survey.reasons.${c.reason}`, { date: c.opensOn })}</span> : null}
              </td>
              <td>{t("survey.list.windowValue", { opensOn: c.opensOn, closesOn: c.closesOn })}</td>
              <td className="num">{c.respondents}</td>
              <td className="num">
                {c.invitesTotal > 0 ? (
                  <>
                    {c.invitesUsed}/{c.invitesTotal}
                    <span className="sub">{percent(c.invitesUsed / c.invitesTotal)}</span>
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
