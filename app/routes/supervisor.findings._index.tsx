/**
 * The findings list: filters by contract, site, cell, status, severity and
 * quarter as a GET form (works on a phone and without JavaScript; the URL
 * can be bookmarked), each finding a card linking to its page.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FINDING_LIST_STATUSES, type FindingListStatus } from "../../domain/findings";
import { isPeriod, periodOfDate, previousPeriod } from "../../scoring/dates";
import { SEVERITIES, type Severity } from "../../scoring/types";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { FindingList } from "~/inspections/components/finding-list";
import { itemLabels } from "~/inspections/labels";
import { listContracts, listFindings, listSiteOptions, recordingOptions } from "~/queries.server";
import inspectionsCss from "~/styles/inspections.css?url";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import { todayFor } from "~/utils/clock.server";

export const handle = { i18n: ["inspections"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectionsCss }];
export const meta: MetaFunction = () => [{ title: "问题清单 · 考评" }];

const FILTERS = ["contractId", "siteId", "gridCellId", "status", "severity", "period"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const today = todayFor(viewer.org);
  const p = new URL(request.url).searchParams;
  const text = (name: string) => p.get(name)?.trim().slice(0, 64) || undefined;
  const status = FINDING_LIST_STATUSES.find((s) => s === p.get("status")) as FindingListStatus | undefined;
  const severity = SEVERITIES.find((s) => s === p.get("severity")) as Severity | undefined;
  const period = isPeriod(p.get("period")) ? p.get("period")! : undefined;
  const page = Math.max(1, Math.min(1000, Number.parseInt(p.get("page") ?? "1", 10) || 1));
  const filter = { contractId: text("contractId"), siteId: text("siteId"), gridCellId: text("gridCellId"), status, severity, period };
  const [findings, contracts, sites, options] = await Promise.all([
    listFindings(db(), { orgId: viewer.org.id, today, ...filter, page }),
    listContracts(db(), { orgId: viewer.org.id, pageSize: 100 }),
    listSiteOptions(db(), { orgId: viewer.org.id }),
    recordingOptions(db(), { orgId: viewer.org.id, userId: viewer.user.id, today }),
  ]);
  // The last eight quarters to choose from.
  const periods: string[] = [periodOfDate(today)];
  while (periods.length < 8) periods.push(previousPeriod(periods[periods.length - 1]!));
  return {
    findings,
    labels: itemLabels(findings.rows.map((r) => r.itemId)),
    filter,
    contracts: contracts.rows.map((c) => ({ id: c.id, label: `${c.contractorName} · ${c.title}` })),
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    cells: [...options.cells].sort((a, b) => a.code.localeCompare(b.code)).map((c) => ({ id: c.id, label: `${c.code} ${c.name}` })),
    periods,
  };
}

export default function FindingsList() {
  const { findings, labels, filter, contracts, sites, cells, periods } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const pageHref = (page: number) => {
    const search = new URLSearchParams();
    for (const name of FILTERS) if (filter[name]) search.set(name, filter[name]!);
    search.set("page", String(page));
    return `?${search}`;
  };
  const select = (name: (typeof FILTERS)[number], label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={filter[name] ?? ""}>
        <option value="">{t("inspections.findings.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="page narrow inspections">
      <div className="page-head">
        <h1>{t("inspections.findings.title")}</h1>
        <p className="actions">
          <a className="button" href="/supervisor/inspections/new">
            {t("inspections.list.new")}
          </a>
        </p>
      </div>
      <details className="filters" open={FILTERS.some((f) => filter[f])}>
        <summary>{t("inspections.findings.filters")}</summary>
        <Form method="get" className="form filter-form">
          {select("status", t("inspections.findings.status"), FINDING_LIST_STATUSES.map((s) => ({ value: s, label: t(`inspections.listStatus.${s}`) })))}
          {select("severity", t("inspections.findings.severity"), SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })))}
          {select("contractId", t("inspections.findings.contract"), contracts.map((c) => ({ value: c.id, label: c.label })))}
          {select("siteId", t("inspections.findings.site"), sites.map((s) => ({ value: s.id, label: s.name })))}
          {select("gridCellId", t("inspections.findings.cell"), cells.map((c) => ({ value: c.id, label: c.label })))}
          {select("period", t("inspections.findings.period"), periods.map((p) => ({ value: p, label: periodLabel(p) })))}
          <p className="actions">
            <button type="submit" className="primary big">
              {t("inspections.findings.apply")}
            </button>
            <a className="button secondary" href="/supervisor/findings">
              {t("inspections.findings.reset")}
            </a>
          </p>
        </Form>
      </details>
      <section aria-labelledby="findings-results">
        <h2 id="findings-results" className="visually-hidden">
          {t("inspections.findings.results")}
        </h2>
        {findings.rows.length === 0 ? <p className="notice">{t("inspections.findings.none")}</p> : <FindingList rows={findings.rows} labels={labels} />}
      </section>
      {findings.page > 1 || findings.hasMore ? (
        <nav className="pager" aria-label={t("inspections.findings.page", { page: findings.page })}>
          {findings.page > 1 ? (
            <a className="button secondary" href={pageHref(findings.page - 1)} rel="prev">
              {t("inspections.list.previous")}
            </a>
          ) : null}
          <span>{t("inspections.findings.page", { page: findings.page })}</span>
          {findings.hasMore ? (
            <a className="button secondary" href={pageHref(findings.page + 1)} rel="next">
              {t("inspections.list.next")}
            </a>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
