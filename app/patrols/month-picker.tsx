import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { shiftMonth } from "../../domain/patrols";
import { monthParts } from "./month";

/** A month input (GET, works without JavaScript) with links to the month before and after. */
export function MonthPicker({ month }: { month: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="month-nav">
      <a className="button secondary" href={`?month=${shiftMonth(month, -1)}`}>
        ← {t("patrols.previousMonth")}
      </a>
      <div className="field">
        <label htmlFor="month">{t("patrols.monthPicker")}</label>
        <input id="month" name="month" type="month" defaultValue={month} />
      </div>
      <button type="submit" className="secondary">
        {t("patrols.show")}
      </button>
      <a className="button secondary" href={`?month=${shiftMonth(month, 1)}`}>
        {t("patrols.nextMonth")} →
      </a>
    </Form>
  );
}

export function useMonthLabel() {
  const { t } = useTranslation();
  return (month: string) => t("patrols.month", monthParts(month));
}
