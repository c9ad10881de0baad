/** Inspections as cards: kind, day, place, contract, inspector and how many findings. */
import { useTranslation } from "react-i18next";
import type { InspectionListRow } from "../../../db/queries/inspections/list";

export function InspectionList({ rows }: { rows: InspectionListRow[] }) {
  const { t } = useTranslation();
  return (
    <ul className="inspection-list">
      {rows.map((i) => (
        <li key={i.id} className="inspection-card">
          <a href={`/supervisor/inspections/${i.id}`}>
            <span className="step-title">
              {t(`inspections.kinds.${i.kind}`)} · {i.inspectedOn}
            </span>
            <span className="step-sub">
              {i.cellCode ? `${i.cellCode} · ` : ""}
              {i.siteName}
              {i.contractTitle ? ` · ${i.contractTitle}` : ""}
            </span>
            <span className="step-sub">
              {i.inspectorName} · {i.findingCount > 0 ? t("inspections.list.findings", { count: i.findingCount }) : t("inspections.list.noFindings")}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
