/**
 * The contractor's scores on its home: the quarters still being written (live,
 * from today's records and the released tallies) and the finalised ones with
 * their deductions and fee deduction. Everything comes from the loader;
 * nothing here computes a score.
 */
import { useTranslation } from "react-i18next";
import type { PortalFinalScore, PortalLiveScore } from "../../db/queries/portal/scores";
import { formatFen } from "~/admin/money";
import { useLocale } from "~/utils/localise";

function Figures({ score }: { score: PortalLiveScore | PortalFinalScore }) {
  const { t } = useTranslation();
  const { locale, number } = useLocale();
  return (
    <dl className="portal-score-figures">
      <dt>{t("contractor.scores.total")}</dt>
      <dd className="num" data-testid="portal-score-total">
        {number(score.total)}
      </dd>
      <dt>{t("contractor.scores.grade")}</dt>
      <dd className={`grade-${score.grade}`}>{t(`grades.${score.grade}`)}</dd>
      <dt>{t("contractor.scores.feeDeducted")}</dt>
      <dd className="num">{formatFen(score.fee.deductedFen, locale)}</dd>
      <dt>{t("contractor.scores.payable")}</dt>
      <dd className="num">{formatFen(score.fee.payableFen, locale)}</dd>
    </dl>
  );
}

function Notes({ score }: { score: PortalLiveScore | PortalFinalScore }) {
  const { t } = useTranslation();
  return (
    <>
      {score.vetoed ? <p className="quarter-warn">{t("contractor.scores.vetoed")}</p> : null}
      {score.provisional ? <p className="muted small">{t("contractor.scores.provisional")}</p> : null}
      <p className="muted small">{t("contractor.scores.respondents", { count: score.respondents })}</p>
    </>
  );
}

export function LiveScores({ scores }: { scores: readonly PortalLiveScore[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="live-scores">
      <h2 id="live-scores">{t("contractor.scores.liveTitle")}</h2>
      <p className="muted small">{t("contractor.scores.liveHint")}</p>
      {scores.length === 0 ? (
        <p className="notice">{t("contractor.scores.empty")}</p>
      ) : (
        <ul className="portal-scores" data-testid="portal-live-scores">
          {scores.map((s) => (
            <li key={`${s.contractId}|${s.period}`} className="portal-score">
              <h3>
                {t("contractor.scores.quarter", { period: s.period, title: s.contractTitle })}{" "}
                <span className={`quarter-badge ${s.state}`}>{t(`quarter.state.${s.state}`, { revision: 0 })}</span>
              </h3>
              <Figures score={s} />
              <Notes score={s} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function FinalScores({ scores }: { scores: readonly PortalFinalScore[] }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  return (
    <section aria-labelledby="final-scores">
      <h2 id="final-scores">{t("contractor.scores.finalTitle")}</h2>
      {scores.length === 0 ? (
        <p className="notice">{t("contractor.scores.finalEmpty")}</p>
      ) : (
        <ul className="portal-scores" data-testid="portal-final-scores">
          {scores.map((s) => (
            <li key={`${s.contractId}|${s.period}`} className="portal-score">
              <h3>
                {t("contractor.scores.quarter", { period: s.period, title: s.contractTitle })}{" "}
                <small className="muted">{t("contractor.scores.revision", { revision: s.revision })}</small>
              </h3>
              <Figures score={s} />
              <Notes score={s} />
              <details>
                <summary>{t("contractor.scores.deductions")}</summary>
                {s.deductions.length === 0 ? (
                  <p className="muted">{t("contractor.scores.noDeductions")}</p>
                ) : (
                  <ul className="portal-deductions">
                    {s.deductions.map((d, i) => (
                      <li key={`${d.findingId ?? d.itemId}-${i}`}>
                        <span className="num">−{number(d.points)}</span> {pick(d.reason)}
                      </li>
                    ))}
                  </ul>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
