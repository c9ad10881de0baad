/**
 * The renewal recommendation as procurement's pages show it (the tender view,
 * the comparison, the dossier): the decision as a badge and its reasons in the
 * reader's language, every quarter a reason names linked to that quarter's
 * page. A reason whose text names no quarter (the average over the term)
 * lists the quarters behind it after the text.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Decision, RenewalReason, RenewalRecommendation } from "../../scoring/types";
import { quarterPath } from "./paths";
import { useLocale } from "~/utils/localise";

/** A quarter named inside a reason's text ("2026-Q3"). */
const PERIOD = /\d{4}-Q[1-4]/g;

/** The reason's text as pieces: plain text, and the periods it names that are among its quarters. */
export function reasonPieces(text: string, periods: readonly string[]): { text: string; period?: string }[] {
  const out: { text: string; period?: string }[] = [];
  let at = 0;
  for (const match of text.matchAll(PERIOD)) {
    const index = match.index ?? 0;
    if (!periods.includes(match[0])) continue;
    if (index > at) out.push({ text: text.slice(at, index) });
    out.push({ text: match[0], period: match[0] });
    at = index + match[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

export function DecisionBadge({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  return (
    <span className={`decision-badge ${decision}`} data-testid="decision" data-decision={decision}>
      {t(`procurement.decision.${decision}`)}
    </span>
  );
}

function Reason({ contractId, reason }: { contractId: string; reason: RenewalReason }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const pieces = reasonPieces(pick(reason.detail), reason.periods);
  const named = new Set(pieces.flatMap((p) => (p.period ? [p.period] : [])));
  const rest = reason.periods.filter((p) => !named.has(p));
  return (
    <li data-rule={reason.rule}>
      {pieces.map((piece, i) =>
        piece.period ? (
          <Link key={i} to={quarterPath(contractId, piece.period)}>
            {piece.text}
          </Link>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
      {rest.length > 0 ? (
        <span className="reason-quarters">
          {" "}
          ({t("procurement.recommendation.quarters")}{" "}
          {rest.map((period, i) => (
            <span key={period}>
              {i > 0 ? t("procurement.listSeparator") : null}
              <Link to={quarterPath(contractId, period)}>{period}</Link>
            </span>
          ))}
          )
        </span>
      ) : null}
    </li>
  );
}

/** The decision's badge and its reasons, each linked to the quarters behind it. */
export function RecommendationBlock({ contractId, recommendation }: { contractId: string; recommendation: RenewalRecommendation }) {
  const { t } = useTranslation();
  return (
    <div className="recommendation" data-testid="recommendation">
      <p className="recommendation-head">
        <span className="muted">{t("procurement.recommendation.label")}</span> <DecisionBadge decision={recommendation.decision} />
      </p>
      {recommendation.reasons.length > 0 ? (
        <ul className="recommendation-reasons" aria-label={t("procurement.recommendation.reasons")}>
          {recommendation.reasons.map((reason, i) => (
            <Reason key={`${reason.rule}-${i}`} contractId={contractId} reason={reason} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
