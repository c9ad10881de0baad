/**
 * PLACEHOLDER until `app/procurement/recommendation.tsx` (the tender helper's
 * RecommendationBlock) is on this branch: the same props, the decision and its
 * reasons, each quarter linked to its page.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RenewalRecommendation } from "../../scoring/types";
import { quarterPath } from "./paths";
import { useLocale } from "~/utils/localise";

export function RecommendationBlock({ contractId, recommendation }: { contractId: string; recommendation: RenewalRecommendation }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <div className="recommendation" data-testid="recommendation">
      <p>
        <span className="muted">{t("dossier.recommendation.decision")}</span>{" "}
        <strong data-testid="decision" data-decision={recommendation.decision}>
          {t(`dossier.recommendation.decisions.${recommendation.decision}`)}
        </strong>
      </p>
      <ul aria-label={t("dossier.recommendation.reasons")}>
        {recommendation.reasons.map((r, i) => (
          <li key={`${r.rule}-${i}`} data-rule={r.rule}>
            {pick(r.detail)}
            {r.periods.length ? (
              <>
                {" "}
                ({t("dossier.recommendation.quarters")}
                {r.periods.map((p, k) => (
                  <span key={p}>
                    {k > 0 ? "、" : ""}
                    <Link to={quarterPath(contractId, p)}>{p}</Link>
                  </span>
                ))}
                )
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
