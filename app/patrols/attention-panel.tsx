import { useTranslation } from "react-i18next";
import type { Attention } from "../../db/queries/inspections/patrols";

/** Each count of "needs attention now" and the list it opens. */
const ENTRIES = [
  { key: "overdue", href: "/supervisor/findings?status=overdue" },
  { key: "awaitingVerification", href: "/supervisor/findings?status=awaiting_verification" },
  { key: "pendingVetoes", href: "/supervisor/events?status=pending" },
  { key: "notPatrolled", href: "/supervisor/patrols" },
] as const;

/** The supervisor home's "needs attention now": four counts, each a link to its list. */
export function AttentionPanel({ attention }: { attention: Attention }) {
  const { t } = useTranslation();
  const total = ENTRIES.reduce((n, e) => n + attention[e.key].count, 0);
  return (
    <section className="panel" aria-labelledby="attention-title">
      <h2 id="attention-title">{t("patrols.attention.title")}</h2>
      {total === 0 ? <p>{t("patrols.attention.allClear")}</p> : null}
      <ul className="attention">
        {ENTRIES.map((e) => {
          const n = attention[e.key].count;
          return (
            <li key={e.key} className={n > 0 ? "hot" : undefined}>
              <a href={e.href} data-testid={`attention-${e.key}`}>
                <span className="count">{n}</span>
                {t(`patrols.attention.${e.key}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
