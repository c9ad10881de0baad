import { useTranslation } from "react-i18next";

export type CampaignStatusName = "draft" | "open" | "closed";

/** The campaign's status as a coloured label (the colour repeats the text, never replaces it). */
export function StatusBadge({ status }: { status: CampaignStatusName }) {
  const { t } = useTranslation();
  return <span className={`status-badge status-${status}`}>{t(`survey.status.${status}`)}</span>;
}

/** "2026-Q3" as "2026 年第 3 季度" / "Q3 2026". */
export function usePeriodLabel() {
  const { t } = useTranslation();
  return (period: string) => {
    const m = /^(\d{4})-Q([1-4])$/.exec(period);
    return m ? t("survey.period", { year: m[1], quarter: m[2] }) : period;
  };
}
