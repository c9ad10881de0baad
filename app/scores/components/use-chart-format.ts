import { useTranslation } from "react-i18next";
import { useLocale } from "~/utils/localise";
import type { ChartFormat } from "../chart-data";

/** The page's translator and number formatters, as the chart-data functions take them. */
export function useChartFormat(): ChartFormat {
  const { t } = useTranslation();
  const { number, percent } = useLocale();
  return { t: (key, options) => t(key, options ?? {}), number, percent };
}
