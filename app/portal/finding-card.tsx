import { useTranslation } from "react-i18next";
import type { FindingCost } from "../../db/queries/portal/scores";
import type { PortalFindingRow } from "../../db/queries/portal/findings";
import { useLocale } from "~/utils/localise";

/** What the finding costs: in time and late while the deadline is ahead; once past, what it costs now and if rectified now. */
function CostLines({ cost, overdue }: { cost: FindingCost; overdue: boolean }) {
  const { t } = useTranslation();
  const { number } = useLocale();
  const points = (p: number) => number(p, 3);
  return (
    <p className="meta" data-testid="finding-cost">
      {overdue || cost.inTime === null ? (
        <>
          {t("contractor.cost.now", { points: points(cost.now) })} · {t("contractor.cost.lateNow", { points: points(cost.late) })}
        </>
      ) : (
        <>
          {t("contractor.cost.inTime", { points: points(cost.inTime) })} · {t("contractor.cost.late", { points: points(cost.late) })}
        </>
      )}
    </p>
  );
}

/** One finding on the contractor's home: what, where in the contract, its photos, how its deadline stands and what being late costs. */
export function PortalFindingCard({ finding: f, cost }: { finding: PortalFindingRow; cost?: FindingCost }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <li className="portal-finding">
      <p>
        <a href={`/contractor/findings/${f.id}`}>{f.itemLabel ? pick(f.itemLabel) : f.note}</a>
      </p>
      {f.itemLabel ? <p>{f.note}</p> : null}
      <p className="meta">
        {t("contractor.finding.severity", { label: t(`severity.${f.severity}`) })} · {t("contractor.finding.contract", { title: f.contractTitle })}
      </p>
      <p className="meta">
        {t("contractor.finding.found", { day: f.foundOn })} · {t("contractor.finding.due", { day: f.dueOn })}
      </p>
      {f.overdueDays > 0 ? <strong className="deadline-line bad">{t("contractor.finding.overdue", { count: f.overdueDays })}</strong> : null}
      {cost && !f.awaitsVerification ? <CostLines cost={cost} overdue={f.overdueDays > 0} /> : null}
      {f.photoIds.length > 0 ? (
        <ul className="portal-thumbs" aria-label={t("contractor.photos")}>
          {f.photoIds.map((id, i) => (
            <li key={id}>
              <a href={`/files/${id}`}>
                <img src={`/files/${id}/thumb`} alt={t("findings.photo", { n: i + 1 })} loading="lazy" width={96} height={72} />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
