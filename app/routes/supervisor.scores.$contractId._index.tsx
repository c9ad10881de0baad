/**
 * One contract's quarter scores (issue 11): the trend of its totals with the
 * grade bands drawn in, the latest quarter's dimensions and the contracts of
 * the same service type that quarter side by side. Every chart carries its
 * numbers as a table (readable without JavaScript); each quarter links to its
 * score page.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { contractScoreHistory } from "~/queries.server";
import { scoreChartLinks } from "~/scores/components/chart-figure";
import { DimensionChart } from "~/scores/components/dimension-chart";
import { PeerChart } from "~/scores/components/peer-chart";
import { TrendChart } from "~/scores/components/trend-chart";
import dashboardCss from "~/styles/dashboard.css?url";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import { todayFor } from "~/utils/clock.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";

export const handle = { i18n: ["scores", "dashboard"] };
export const links: LinksFunction = () => [...scoreChartLinks, { rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "合同考核趋势 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const contractId = params.contractId ?? "";
  invariantResponse(contractId.length > 0 && contractId.length <= 64, ...NOT_FOUND);
  const history = await contractScoreHistory(db(), { orgId: viewer.org.id, contractId, today: todayFor(viewer.org) });
  invariantResponse(history, ...NOT_FOUND);
  const { contract, points, gradeBands, breakdown, peers } = history;
  return {
    contract: { id: contract.id, title: contract.title, code: contract.code, contractorName: contract.contractorName, serviceType: contract.serviceType, startOn: contract.startOn, endOn: contract.endOn },
    points,
    gradeBands,
    breakdown,
    peers,
  };
}

export default function ContractScoresPage() {
  const { contract, points, gradeBands, breakdown, peers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  const periodLabel = usePeriodLabel();
  const label = `${contract.contractorName} · ${contract.title}`;
  return (
    <div className="page dashboard">
      <p>
        <a href="/supervisor/scores">← {t("dashboard.contract.back")}</a>
      </p>
      <div className="page-head">
        <h1>{label}</h1>
      </div>
      <p className="muted">
        {t(`serviceTypes.${contract.serviceType}`)} · {contract.code ? `${contract.code} · ` : ""}
        {t("dashboard.contract.term", { start: contract.startOn, end: contract.endOn })}
      </p>
      {points.length === 0 ? (
        <p className="notice">{t("dashboard.contract.noPoints")}</p>
      ) : (
        <>
          <section className="dashboard-trend" aria-labelledby="contract-trend">
            <h2 id="contract-trend">{t("dashboard.contract.trend")}</h2>
            <TrendChart points={points} bands={gradeBands} label={label} />
            <h3>{t("dashboard.contract.quarters")}</h3>
            <ul className="dashboard-quarters">
              {[...points].reverse().map((p) => (
                <li key={p.period}>
                  <a href={`/supervisor/scores/${contract.id}/${p.period}`}>
                    {periodLabel(p.period)} · {number(p.total, 1)} · {t(`grades.${p.grade}`)} · {t(`scores.chart.states.${p.state}`)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          <div className="dashboard-side">
            {breakdown ? (
              <section aria-labelledby="contract-dimensions">
                <h2 id="contract-dimensions">{t("dashboard.contract.dimensions", { period: periodLabel(breakdown.period) })}</h2>
                <DimensionChart dimensions={breakdown.dimensions.map((d) => ({ id: d.id, label: pick(d.label), points: d.points, max: d.max }))} />
              </section>
            ) : null}
            <section aria-labelledby="contract-peers">
              <h2 id="contract-peers">{t("dashboard.contract.peers", { period: periodLabel(breakdown?.period ?? points.at(-1)!.period) })}</h2>
              {peers.length === 0 ? (
                <p>{t("dashboard.contract.noPeers")}</p>
              ) : (
                <PeerChart peers={peers.map((p) => ({ contractId: p.contractId, label: p.contractorName, total: p.total, grade: p.grade }))} highlightId={contract.id} bands={gradeBands} />
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
