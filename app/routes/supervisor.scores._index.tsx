/**
 * The supervision dashboard (issue 11): every contract in term in a quarter
 * with grade, total, change against last quarter, satisfaction against
 * target, open and overdue findings, fee deducted, flags and state; filtered
 * by service type and state through a GET form (works without JavaScript;
 * the URL can be bookmarked). Below the table, the totals of each service
 * type's contracts side by side (the only chart.js on this page).
 */
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QUARTER_STATES, type QuarterState } from "../../domain/quarter-lock";
import { isPeriod, periodOfDate } from "../../scoring/dates";
import { SERVICE_TYPES, type ServiceType } from "../../scoring/types";
import type { DashboardRow } from "../../db/queries/scores/dashboard";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { supervisionDashboard } from "~/queries.server";
import { scoreChartLinks } from "~/scores/components/chart-figure";
import { PeerChart } from "~/scores/components/peer-chart";
import { DashboardTable } from "~/scores/dashboard-table";
import dashboardCss from "~/styles/dashboard.css?url";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import { todayFor } from "~/utils/clock.server";

export const handle = { i18n: ["scores", "dashboard"] };
export const links: LinksFunction = () => [...scoreChartLinks, { rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "考核成绩 · 考评" }];

/** Why the asked quarter has no page: not a quarter at all (400), or none of the organisation's (404). */
type Problem = "malformed" | "unknown";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const today = todayFor(viewer.org);
  const p = new URL(request.url).searchParams;
  const asked = p.get("period")?.trim() || null;
  const serviceType = SERVICE_TYPES.find((s) => s === p.get("type")) as ServiceType | undefined;
  const state = QUARTER_STATES.find((s) => s === p.get("state")) as QuarterState | undefined;
  const filter = { serviceType: serviceType ?? null, state: state ?? null };
  const orgId = viewer.org.id;

  if (asked !== null && !isPeriod(asked)) {
    // Only the quarters for the picker (an unknown period returns no rows and reads nothing more).
    const { periods } = await supervisionDashboard(db(), { orgId, period: "", today });
    return data({ problem: "malformed" as Problem | null, asked: String(asked).slice(0, 40), period: null as string | null, periods, rows: [] as DashboardRow[], filter }, { status: 400 });
  }
  const current = periodOfDate(today);
  const period = asked ?? current;
  const dashboard = await supervisionDashboard(db(), { orgId, period, today, serviceType, state });
  if (!dashboard.periods.includes(period)) {
    // Without a period asked: the newest quarter with contracts (none: the empty page).
    const fallback = dashboard.periods[0];
    if (asked === null && fallback) {
      const d = await supervisionDashboard(db(), { orgId, period: fallback, today, serviceType, state });
      return data({ problem: null as Problem | null, asked: null as string | null, period: fallback as string | null, periods: d.periods, rows: d.rows, filter });
    }
    if (asked !== null) {
      return data({ problem: "unknown" as Problem | null, asked, period: null as string | null, periods: dashboard.periods, rows: [] as DashboardRow[], filter }, { status: 404 });
    }
  }
  return data({ problem: null as Problem | null, asked: null as string | null, period: dashboard.periods.includes(period) ? period : null, periods: dashboard.periods, rows: dashboard.rows, filter });
}

export default function SupervisionDashboardPage() {
  const { problem, asked, period, periods, rows, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const select = (name: string, label: string, value: string, options: { value: string; label: string }[], any: boolean) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value}>
        {any ? <option value="">{t("dashboard.any")}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const byType = SERVICE_TYPES.map((type) => ({ type, rows: rows.filter((r) => r.serviceType === type) })).filter((g) => g.rows.length > 0);

  return (
    <div className="page dashboard">
      <div className="page-head">
        <h1>
          {problem === "malformed"
            ? t("dashboard.errors.malformedTitle")
            : problem === "unknown"
              ? t("dashboard.errors.unknownTitle")
              : period
                ? t("dashboard.titlePeriod", { period: periodLabel(period) })
                : t("dashboard.title")}
        </h1>
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem === "malformed" ? t("dashboard.errors.malformed") : t("dashboard.errors.unknown", { period: periodLabel(asked ?? "") })}
        </p>
      ) : (
        <p className="lead">{t("dashboard.lead")}</p>
      )}
      {periods.length > 0 ? (
        <Form method="get" action="/supervisor/scores" className="form filter-form" aria-label={t("dashboard.filters")}>
          {select("period", t("dashboard.period"), period ?? periods[0]!, periods.map((p) => ({ value: p, label: periodLabel(p) })), false)}
          {select("type", t("dashboard.serviceType"), filter.serviceType ?? "", SERVICE_TYPES.map((s) => ({ value: s, label: t(`serviceTypes.${s}`) })), true)}
          {select("state", t("dashboard.state"), filter.state ?? "", QUARTER_STATES.map((s) => ({ value: s, label: t(`scores.chart.states.${s}`) })), true)}
          <p className="actions">
            <button type="submit" className="primary">
              {t("dashboard.apply")}
            </button>
            <a className="button secondary" href="/supervisor/scores">
              {t("dashboard.reset")}
            </a>
          </p>
        </Form>
      ) : (
        <p className="notice">{t("dashboard.noContracts")}</p>
      )}
      {period ? (
        <section aria-labelledby="dashboard-results">
          <h2 id="dashboard-results" className="visually-hidden">
            {t("dashboard.tableCaption", { period: periodLabel(period) })}
          </h2>
          <p role="status" aria-live="polite">
            {rows.length === 0 ? t("dashboard.none") : t("dashboard.count", { count: rows.length })}
          </p>
          {rows.length > 0 ? <DashboardTable rows={rows} period={period} caption={t("dashboard.tableCaption", { period: periodLabel(period) })} /> : null}
        </section>
      ) : null}
      {period && byType.length > 0 ? (
        <section aria-labelledby="dashboard-charts">
          <h2 id="dashboard-charts">{t("dashboard.quarterChart")}</h2>
          {byType.map((g) => (
            <section key={g.type} aria-labelledby={`dashboard-chart-${g.type}`}>
              <h3 id={`dashboard-chart-${g.type}`}>{t(`serviceTypes.${g.type}`)}</h3>
              <PeerChart peers={g.rows.map((r) => ({ contractId: r.contractId, label: r.contractorName, total: r.total, grade: r.grade }))} />
            </section>
          ))}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
