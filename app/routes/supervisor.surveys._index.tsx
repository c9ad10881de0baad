import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCampaigns } from "~/queries.server";
import { todayIn } from "../../domain/days";
import { isPeriod, periodOfDate, previousPeriod } from "../../scoring/index";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { CampaignTable } from "~/surveys/components/campaign-table";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import surveyCss from "~/styles/survey.css?url";
import { now } from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "满意度调查 · 考评" }];

/** Quarters offered in the filter: the current one and the seven before it. */
const FILTER_QUARTERS = 8;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const search = new URL(request.url).searchParams;
  const wanted = search.get("period") ?? "";
  const period = isPeriod(wanted) ? wanted : undefined;
  const page = Math.max(1, Math.trunc(Number(search.get("page")) || 1));
  const result = await listCampaigns(db(), { orgId: viewer.org.id, period, page, pageSize: 50 });
  const periods: string[] = [periodOfDate(todayIn(viewer.org.timeZone, now()))];
  while (periods.length < FILTER_QUARTERS) periods.push(previousPeriod(periods[periods.length - 1]!));
  return { ...result, period: period ?? "", periods };
}

export default function CampaignList() {
  const { rows, total, page, pageSize, period, periods } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const pages = Math.ceil(total / pageSize);
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(period ? { period } : {}), page: String(p) })}`;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("survey.list.title")}</h1>
        <a className="button" href="/supervisor/surveys/new">
          {t("survey.supervisor.create")}
        </a>
      </div>
      <p className="muted">{t("survey.list.intro")}</p>
      <Form method="get" className="inline-fields">
        <div className="field">
          <label htmlFor="period-filter">{t("survey.list.filterPeriod")}</label>
          <select id="period-filter" name="period" defaultValue={period}>
            <option value="">{t("survey.list.allPeriods")}</option>
            {periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("survey.list.filter")}
        </button>
      </Form>
      {rows.length === 0 ? <p className="notice">{t("survey.list.empty")}</p> : <CampaignTable rows={rows} showPeriod />}
      {pages > 1 ? (
        <nav className="actions" aria-label={t("survey.list.title")}>
          {page > 1 ? <a href={pageLink(page - 1)}>{t("audit.prev")}</a> : null}
          <span>
            {t("audit.page", { page })} / {pages}
          </span>
          {page < pages ? <a href={pageLink(page + 1)}>{t("audit.next")}</a> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
