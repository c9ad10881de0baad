import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listEventContractOptions, listEvents } from "~/queries.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { EVENT_KINDS, EVENT_STATUSES } from "~/events/schema";
import { EventStatusBadge } from "~/events/status-badge";
import patrolsCss from "~/styles/patrols.css?url";
import { useLocale } from "~/utils/localise";

export const handle = { i18n: ["events"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: patrolsCss }];
export const meta: MetaFunction = () => [{ title: "加分与否决事项 · 考评" }];

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.includes(value as T) ? (value as T) : undefined;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const search = new URL(request.url).searchParams;
  const contracts = await listEventContractOptions(db(), { orgId: viewer.org.id });
  const kind = oneOf(EVENT_KINDS, search.get("kind"));
  const status = oneOf(EVENT_STATUSES, search.get("status"));
  const contractId = contracts.some((c) => c.id === search.get("contractId")) ? search.get("contractId")! : undefined;
  const page = Math.max(1, Math.trunc(Number(search.get("page")) || 1));
  const result = await listEvents(db(), { orgId: viewer.org.id, kind, status, contractId, page, pageSize: 30 });
  // Item labels from the contracts' rubrics, so the list names each item in the reader's language.
  const labels: Record<string, { "zh-CN": string; en: string }> = {};
  for (const c of contracts) for (const i of [...c.bonusItems, ...c.vetoItems]) labels[i.id] = i.label;
  return {
    ...result,
    labels,
    contracts: contracts.map((c) => ({ id: c.id, label: `${c.contractorName} · ${c.title}` })),
    filters: { kind: kind ?? "", status: status ?? "", contractId: contractId ?? "" },
  };
}

export default function EventList() {
  const { rows, total, page, pageSize, labels, contracts, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { pick } = useLocale();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) =>
    `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page: String(p) })}`;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("events.title")}</h1>
        <a className="button" href="/supervisor/events/new">
          {t("events.record")}
        </a>
      </div>
      <p className="muted">{t("events.intro")}</p>
      <Form method="get" className="inline-fields filters">
        <div className="field">
          <label htmlFor="kind-filter">{t("events.filters.kind")}</label>
          <select id="kind-filter" name="kind" defaultValue={filters.kind}>
            <option value="">{t("events.filters.all")}</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`events.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status-filter">{t("events.filters.status")}</label>
          <select id="status-filter" name="status" defaultValue={filters.status}>
            <option value="">{t("events.filters.all")}</option>
            {EVENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`events.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contract-filter">{t("events.filters.contract")}</label>
          <select id="contract-filter" name="contractId" defaultValue={filters.contractId}>
            <option value="">{t("events.filters.all")}</option>
            {contracts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("events.filters.apply")}
        </button>
      </Form>
      <p aria-live="polite">{t("events.list.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("events.list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("events.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("events.list.day")}</th>
                <th scope="col">{t("events.list.item")}</th>
                <th scope="col">{t("events.list.contract")}</th>
                <th scope="col">{t("events.list.state")}</th>
                <th scope="col">{t("events.list.recordedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}-${r.id}`}>
                  <td className="nowrap">{r.occurredOn}</td>
                  <td>
                    <a href={`/supervisor/events/${r.id}?kind=${r.kind}`}>
                      {t(`events.kind.${r.kind}`)}: {labels[r.itemId] ? pick(labels[r.itemId]!) : r.itemId}
                    </a>
                  </td>
                  <td>
                    {r.contractorName} · {r.contractTitle}
                  </td>
                  <td>
                    <EventStatusBadge status={r.status} />
                  </td>
                  <td>{r.recordedByName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("events.list.page", { page, pages })} className="actions">
          {page > 1 ? <a href={pageLink(page - 1)}>{t("events.list.previous")}</a> : null}
          <span>{t("events.list.page", { page, pages })}</span>
          {page < pages ? <a href={pageLink(page + 1)}>{t("events.list.next")}</a> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
