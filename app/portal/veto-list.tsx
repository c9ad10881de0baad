import { useTranslation } from "react-i18next";
import type { PortalVetoRow } from "../../db/queries/portal/vetoes";
import { useLocale } from "~/utils/localise";

/** The vetoes on the contractor's contracts, latest first, each linking to its page (where it can be appealed). */
export function VetoList({ vetoes }: { vetoes: readonly PortalVetoRow[] }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <section aria-labelledby="vetoes">
      <h2 id="vetoes">{t("contractor.veto.listTitle")}</h2>
      <ul className="portal-findings" data-testid="portal-vetoes">
        {vetoes.map((v) => (
          <li key={v.id} className="portal-finding">
            <p>
              <a href={`/contractor/vetoes/${v.id}`}>{v.itemLabel ? pick(v.itemLabel) : v.itemId}</a>
            </p>
            <p className="meta">{t("contractor.veto.line", { period: v.period, title: v.contractTitle, day: v.occurredOn })}</p>
            <p className="meta">{t(`contractor.veto.status.${v.status}`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
