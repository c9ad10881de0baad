import { useTranslation } from "react-i18next";
import type { EventStatus } from "../../db/queries/inspections/events";

/** An event's status as text (never colour alone): pending vetoes stand out with a border as well. */
export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { t } = useTranslation();
  return <span className={`event-status event-${status}`}>{t(`events.status.${status}`)}</span>;
}
