/**
 * What-if: every finalised quarter of the organisation of the version's
 * service type re-scored under it (store's `whatIfQuarters`, one query, then
 * engine's pure `whatIfRescore`), beside its finalised score, sorted by the
 * change, with each contract's renewal recommendation under both. A loader
 * only: it stores nothing.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { whatIfRescore } from "../../scoring/what-if";
import type { Decision } from "../../scoring/types";
import { getRubricVersion, whatIfQuarters } from "~/queries.server";
import { AdminHeader } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { contractsOfType } from "~/rubrics/editor/load.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";

export const meta: MetaFunction = () => [{ title: "试算 · 考评" }];
export const links = adminLinks;
export const handle = { i18n: ["rubriceditor"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const version = await getRubricVersion(db(), { orgId, id: params.id ?? "" });
  invariantResponse(version, ...NOT_FOUND);
  const [quarters, contracts] = await Promise.all([
    whatIfQuarters(db(), { orgId, serviceType: version.serviceType }),
    contractsOfType(db(), orgId, version.serviceType),
  ]);
  const result = whatIfRescore(version.rubric, quarters);
  const titles: Record<string, string> = Object.fromEntries(contracts.map((c) => [c.id, c.title]));
  return {
    version: { id: version.id, version: version.version, serviceType: version.serviceType },
    rows: result.rows.map((r) => ({ ...r, title: titles[r.contractId] ?? r.contractId })),
    removedFindings: result.removedFindings,
    contracts: result.contracts.map((c) => ({
      contractId: c.contractId,
      title: titles[c.contractId] ?? c.contractId,
      before: { decision: c.before.decision, averageTotal: c.before.averageTotal },
      after: { decision: c.after.decision, averageTotal: c.after.averageTotal },
    })),
  };
}

export default function WhatIfPage() {
  const { t } = useTranslation();
  const { number } = useLocale();
  const { version, rows, removedFindings, contracts } = useLoaderData<typeof loader>();
  const signed = (n: number) => (n > 0 ? `+${number(n)}` : number(n));
  const decision = (d: Decision) => t(`rubriceditor.whatIf.decisions.${d}`);
  return (
    <div className="page admin">
      <AdminHeader title={`${t("rubriceditor.whatIf.title")} · ${t(`serviceTypes.${version.serviceType}`)} ${version.version}`} intro={t("rubriceditor.whatIf.intro")} />
      <p className="notice" role="note">
        {t("rubriceditor.whatIf.nothingStored")}
      </p>
      {removedFindings > 0 ? <p className="notice">{t("rubriceditor.whatIf.removedTotal", { count: removedFindings })}</p> : null}
      {rows.length === 0 ? (
        <p className="notice">{t("rubriceditor.whatIf.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table" data-testid="what-if">
            <caption>{t("rubriceditor.whatIf.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rubriceditor.whatIf.contract")}</th>
                <th scope="col">{t("rubriceditor.whatIf.period")}</th>
                <th scope="col" className="num">
                  {t("rubriceditor.whatIf.finalised")}
                </th>
                <th scope="col" className="num">
                  {t("rubriceditor.whatIf.whatIf")}
                </th>
                <th scope="col" className="num">
                  {t("rubriceditor.whatIf.change")}
                </th>
                <th scope="col" className="num">
                  {t("rubriceditor.whatIf.removedFindings")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.contractId}:${r.period}`}>
                  <th scope="row">{r.title}</th>
                  <td data-label={t("rubriceditor.whatIf.period")}>{r.period}</td>
                  <td data-label={t("rubriceditor.whatIf.finalised")} className="num">
                    {number(r.before.total)} · {t(`grades.${r.before.grade}`)}
                  </td>
                  <td data-label={t("rubriceditor.whatIf.whatIf")} className="num">
                    {number(r.after.total)} · {t(`grades.${r.after.grade}`)}
                  </td>
                  <td data-label={t("rubriceditor.whatIf.change")} className={`num ${r.change > 0 ? "rubric-change-up" : r.change < 0 ? "rubric-change-down" : ""}`}>
                    {signed(r.change)}
                  </td>
                  <td data-label={t("rubriceditor.whatIf.removedFindings")} className="num">
                    {r.removedFindings}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {contracts.length > 0 ? (
        <section className="rubric-whatif" aria-labelledby="what-if-renewal">
          <h2 id="what-if-renewal">{t("rubriceditor.whatIf.renewal")}</h2>
          <div className="table-scroll">
            <table className="admin-table">
              <caption className="visually-hidden">{t("rubriceditor.whatIf.renewalCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("rubriceditor.whatIf.contract")}</th>
                  <th scope="col">{t("rubriceditor.whatIf.before")}</th>
                  <th scope="col">{t("rubriceditor.whatIf.after")}</th>
                </tr>
              </thead>
              <tbody>
                {contracts.map((c) => (
                  <tr key={c.contractId}>
                    <th scope="row">{c.title}</th>
                    <td data-label={t("rubriceditor.whatIf.before")}>
                      {decision(c.before.decision)}
                      {c.before.averageTotal === null ? null : ` · ${number(c.before.averageTotal)}`}
                    </td>
                    <td data-label={t("rubriceditor.whatIf.after")}>
                      {decision(c.after.decision)}
                      {c.after.averageTotal === null ? null : ` · ${number(c.after.averageTotal)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <p>
        <Link to={`/admin/rubrics/${version.id}`}>{version.version}</Link>
      </p>
    </div>
  );
}
