/**
 * The comparison of every contract of one service type across the
 * organisation, past ones too (issue 12): their finalised quarter totals on
 * one chart, and below a table of the tender view's measures, best average
 * first, so the next tender can name who performed best. An unknown service
 * type is 404.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { defaultRubric } from "../../scoring/index";
import { SERVICE_TYPES, type ServiceType } from "../../scoring/types";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { CompareChart, type CompareLine } from "~/procurement/compare-chart";
import { comparePath, dossierPath, TENDER_PATH } from "~/procurement/paths";
import { DecisionBadge, recommendationLinks } from "~/procurement/recommendation";
import { PolicyThresholds, useMeasureText } from "~/procurement/tender-parts";
import { requireProcurementReader } from "~/procurement/viewer.server";
import { serviceTypeComparison } from "~/queries.server";
import { scoreChartLinks } from "~/scores/components/chart-figure";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";

export const handle = { i18n: ["scores"] };
export const links: LinksFunction = () => [...scoreChartLinks, ...recommendationLinks];
export const meta: MetaFunction = () => [{ title: "同类合同对比 · 考评" }];

/** The table's columns: text key under `procurement.`, and whether it holds a number. */
const COLUMNS = [
  ["compare.rank", true],
  ["compare.contract", false],
  ["measures.average", true],
  ["measures.quartersCounted", true],
  ["recommendation.label", false],
  ["measures.rectification", true],
  ["measures.repeats", true],
  ["measures.vetoes", true],
  ["measures.satisfactionAverage", true],
  ["measures.deducted", true],
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, today, settings } = await requireProcurementReader(request);
  const serviceType = SERVICE_TYPES.find((s) => s === params.serviceType) as ServiceType | undefined;
  invariantResponse(serviceType, ...NOT_FOUND);
  const comparison = await serviceTypeComparison(db(), { orgId: viewer.org.id, serviceType, today, policy: settings.renewalPolicy });
  // The bands behind the chart: the service type's current rubric (the table says each quarter's own grade).
  return { ...comparison, bands: defaultRubric(serviceType).gradeBands };
}

export default function ComparePage() {
  const { serviceType, policy, periods, rows, bands } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { number } = useLocale();
  const text = useMeasureText();
  const type = t(`serviceTypes.${serviceType}`);
  const lineLabel = (r: (typeof rows)[number]) => [r.contract.contractorName, r.contract.code ?? r.contract.title].join(" · ");
  const lines: CompareLine[] = rows.map((r) => {
    const byPeriod = new Map(r.quarters.filter((q) => q.counted).map((q) => [q.period, q.total]));
    return { contractId: r.contract.id, label: lineLabel(r), totals: periods.map((p) => byPeriod.get(p) ?? null) };
  });
  const counted = lines.filter((l) => l.totals.some((x) => x !== null));
  const summary =
    counted.length === 0
      ? t("procurement.compare.chartSummaryNone", { type })
      : t("procurement.compare.chartSummary", {
          type,
          items: counted
            .map((l) =>
              t("procurement.compare.chartItem", {
                label: l.label,
                totals: l.totals.flatMap((x, i) => (x === null ? [] : [`${periods[i]} ${number(x)}`])).join(t("procurement.listSeparator")),
              })
            )
            .join(t("scores.chart.itemSeparator")),
        });

  return (
    <div className="page procurement compare">
      <p>
        <Link to={TENDER_PATH}>← {t("procurement.compare.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("procurement.compare.title", { type })}</h1>
      </div>
      <p className="lead">{t("procurement.compare.intro", { type })}</p>
      <nav className="type-switcher" aria-label={t("procurement.compare.switcher")}>
        <ul>
          {SERVICE_TYPES.map((s) => (
            <li key={s}>
              <Link to={comparePath(s)} aria-current={s === serviceType ? "page" : undefined}>
                {t(`serviceTypes.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p className="notice" data-testid="compare-empty">
          {t("procurement.compare.empty", { type })}
        </p>
      ) : (
        <>
          <CompareChart periods={periods} lines={lines} bands={bands} summary={summary} caption={t("procurement.compare.chartCaption")} />
          <div className="table-scroll compare-scroll" tabIndex={0} role="region" aria-labelledby="compare-caption">
            <table className="compare-table" data-testid="compare-table">
              <caption id="compare-caption">{t("procurement.compare.tableCaption", { type })}</caption>
              <thead>
                <tr>
                  {COLUMNS.map(([key, numeric]) => (
                    <th key={key} scope="col" className={numeric ? "num" : undefined}>
                      {t(`procurement.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.contract.id} data-contract-id={r.contract.id}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">
                      <Link to={dossierPath(r.contract.id)}>{r.contract.title}</Link>
                      <span className="meta">{lineLabel(r)}</span>
                      <span className="meta">{t("procurement.contract.termValue", { start: r.contract.startOn, end: r.contract.endOn })}</span>
                    </th>
                    <td className="num">{text.average(r)}</td>
                    <td className="num">{text.counted(r)}</td>
                    <td>
                      <DecisionBadge decision={r.recommendation.decision} />
                    </td>
                    <td className="num">{text.rectification(r)}</td>
                    <td className="num">{r.findings.repeats}</td>
                    <td className="num">{r.vetoes}</td>
                    <td className="num">{text.satisfaction(r)}</td>
                    <td className="num">{text.deducted(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <PolicyThresholds policy={policy} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
