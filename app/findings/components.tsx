/**
 * Pieces of a finding's page and its notice: the status badge, the deadline
 * line (overdue / late / in time), the photo thumbnails linking to the files.
 */
import { useTranslation } from "react-i18next";
import type { FindingListStatus } from "../../domain/findings";

export function FindingStatusBadge({ status }: { status: FindingListStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`finding-badge ${status}`} data-testid="finding-status">
      {t(`findings.status.${status}`)}
    </span>
  );
}

/** What the deadline means now: still due, passed unfixed, fixed late or in time. */
export function DeadlineLine({ f }: { f: { listStatus: FindingListStatus; dueOn: string; rectifiedOn: string | null; late: boolean } }) {
  const { t } = useTranslation();
  if (f.listStatus === "withdrawn") return null;
  if (f.listStatus === "overdue") return <p className="deadline-line bad">{t("findings.deadline.overdue", { dueOn: f.dueOn })}</p>;
  if (f.rectifiedOn) {
    return f.late ? (
      <p className="deadline-line warn">{t("findings.deadline.late", { rectifiedOn: f.rectifiedOn, dueOn: f.dueOn })}</p>
    ) : (
      <p className="deadline-line">{t("findings.deadline.inTime", { rectifiedOn: f.rectifiedOn })}</p>
    );
  }
  return <p className="deadline-line">{t("findings.deadline.dueIn", { dueOn: f.dueOn })}</p>;
}

/** Thumbnails, each a link to the full photo (served to members of the organisation only). */
export function PhotoThumbs({ photos }: { photos: { id: string; width: number; height: number }[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <ul className="photo-grid">
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={`/files/${p.id}`} target="_blank" rel="noreferrer">
            <img src={`/files/${p.id}/thumb`} alt={t("findings.photo", { n: i + 1 })} loading="lazy" width={320} height={240} />
          </a>
        </li>
      ))}
    </ul>
  );
}
