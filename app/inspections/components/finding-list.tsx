/**
 * Findings as a list of cards (a phone shows no wide table): item, status,
 * place, contract, days, the first photo's thumbnail and the repeat mark.
 * Each links to the finding's page (/supervisor/findings/:id).
 */
import { useTranslation } from "react-i18next";
import type { FindingListRow } from "../../../db/queries/inspections/list";
import type { LocalisedText } from "../../../scoring/types";
import { useLocale } from "~/utils/localise";

type Row = Pick<
  FindingListRow,
  "id" | "itemId" | "status" | "severity" | "note" | "foundOn" | "dueOn" | "late" | "repeat" | "thumbnailId" | "siteName" | "cellCode" | "contractorName" | "contractTitle"
>;

export function FindingList({ rows, labels }: { rows: Row[]; labels: Record<string, LocalisedText> }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <ul className="finding-list">
      {rows.map((f) => (
        <li key={f.id} className={`finding-card status-${f.status}`}>
          <a href={`/supervisor/findings/${f.id}`}>
            {f.thumbnailId ? <img className="finding-thumb" src={`/files/${f.thumbnailId}/thumb`} alt={t("inspections.findings.photo")} loading="lazy" width={64} height={64} /> : null}
            <span className="finding-main">
              <span className="finding-item">{labels[f.itemId] ? pick(labels[f.itemId]!) : f.itemId}</span>
              <span className="finding-badges">
                <span className={`badge status-${f.status}`}>{t(`inspections.listStatus.${f.status}`)}</span>{" "}
                <span className={`badge severity-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
                {f.repeat ? <span className="badge repeat"> {t("inspections.findings.repeat")}</span> : null}
                {f.late ? <span className="badge late"> {t("inspections.findings.late")}</span> : null}
              </span>
              <span className="finding-note">{f.note}</span>
              <span className="muted small">
                {f.cellCode ? `${f.cellCode} · ` : ""}
                {f.siteName} · {f.contractorName}
              </span>
              <span className="muted small">
                {t("inspections.findings.found", { date: f.foundOn })} · {t("inspections.findings.due", { date: f.dueOn })}
              </span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
