/**
 * The tender view, procurement's home (issue 12): contracts ending within the
 * chosen horizon (3 / 6 / 12 months; the organisation's setting by default)
 * and those ended in the last three months that nothing has replaced, soonest
 * first, each with its renewal recommendation over its finalised quarters,
 * the reasons linked to those quarters, and its record over the term. The
 * horizon is a GET form (works without JavaScript, the URL can be bookmarked);
 * a horizon that is not one of the three reads as the default.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TENDER_HORIZONS } from "../../domain/procurement";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleHome } from "~/components/role-home";
import { db } from "~/db.server";
import { horizonOf } from "~/procurement/horizon";
import { comparePath, contractExportPath, dossierPath, orgExportPath, TENDER_PATH } from "~/procurement/paths";
import { RecommendationBlock, recommendationLinks } from "~/procurement/recommendation";
import { ContractFacts, PolicyThresholds, TermMeasures, TermQuarters } from "~/procurement/tender-parts";
import { requireProcurementReader } from "~/procurement/viewer.server";
import { tenderView } from "~/queries.server";

export const links: LinksFunction = () => [...recommendationLinks];
export const meta: MetaFunction = () => [{ title: "招标续签 · 考评" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, today, settings } = await requireProcurementReader(request);
  const horizonMonths = horizonOf(new URL(request.url).searchParams.get("months"), settings.tenderHorizonMonths);
  const view = await tenderView(db(), {
    orgId: viewer.org.id,
    today,
    horizonMonths,
    policy: settings.renewalPolicy,
  });
  return {
    orgName: viewer.org.name,
    userName: viewer.user.name,
    today,
    defaultHorizon: settings.tenderHorizonMonths,
    ...view,
  };
}

export default function TenderPage() {
  const { orgName, userName, horizonMonths, defaultHorizon, policy, rows, today } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <RoleHome role="procurement" orgName={orgName} userName={userName}>
      <div className="procurement">
        <p>{t("procurement.tender.intro")}</p>
        <Form method="get" action={TENDER_PATH} className="form horizon-form">
          <div className="field">
            <label htmlFor="horizon-months">{t("procurement.tender.horizon")}</label>
            <select id="horizon-months" name="months" defaultValue={String(horizonMonths)} key={horizonMonths}>
              {TENDER_HORIZONS.map((m) => (
                <option key={m} value={m}>
                  {m === defaultHorizon ? t("procurement.tender.horizonDefault", { months: m }) : t("procurement.tender.horizonOption", { months: m })}
                </option>
              ))}
            </select>
          </div>
          <p className="actions">
            <button type="submit" className="primary">
              {t("procurement.tender.show")}
            </button>
          </p>
        </Form>
        <p className="actions page-links">
          <a href={orgExportPath} download>
            {t("procurement.tender.orgExport")}
          </a>
        </p>
        <section aria-labelledby="tender-contracts">
          <h2 id="tender-contracts">
            {t("procurement.tender.title")}{" "}
            <span className="muted small">
              {t("procurement.tender.asOf", { today })} · {t("procurement.tender.count", { count: rows.length })}
            </span>
          </h2>
          {rows.length === 0 ? (
            <p className="notice" data-testid="tender-empty">
              {t("procurement.tender.empty", { months: horizonMonths })}
            </p>
          ) : (
            <ol className="tender-list">
              {rows.map((record) => (
                <li key={record.contract.id}>
                  <article
                    className={`tender-card${record.ended ? " ended" : ""}`}
                    data-testid="tender-card"
                    data-contract-id={record.contract.id}
                    aria-labelledby={`contract-${record.contract.id}`}
                  >
                    <h3 id={`contract-${record.contract.id}`}>
                      <Link to={dossierPath(record.contract.id)}>{record.contract.title}</Link>
                      {record.contract.code ? <span className="meta">{record.contract.code}</span> : null}
                    </h3>
                    <ContractFacts record={record} />
                    <RecommendationBlock contractId={record.contract.id} recommendation={record.recommendation} />
                    <h4>{t("procurement.quarters.title")}</h4>
                    <TermQuarters record={record} />
                    <h4>{t("procurement.measures.title")}</h4>
                    <TermMeasures record={record} />
                    <p className="actions tender-links">
                      <Link to={dossierPath(record.contract.id)}>{t("procurement.links.dossier")}</Link>
                      <a href={contractExportPath(record.contract.id)} download>
                        {t("procurement.links.export")}
                      </a>
                      <Link to={comparePath(record.contract.serviceType)}>{t("procurement.links.compare")}</Link>
                    </p>
                  </article>
                </li>
              ))}
            </ol>
          )}
        </section>
        <PolicyThresholds policy={policy} />
      </div>
    </RoleHome>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
