import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listAuditPage } from "~/queries.server";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "操作日志 · 考评" }];

const PAGE_SIZE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const AuditFilter = z.object({
  action: z.string().trim().max(80).optional().catch(undefined),
  entity: z.string().trim().max(80).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const filter = AuditFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listAuditPage(db(), {
    orgId: viewer.org.id,
    timeZone: viewer.org.timeZone,
    action: filter.action || undefined,
    entity: filter.entity || undefined,
    fromDay: filter.from,
    toDay: filter.to,
    page: filter.page,
    pageSize: PAGE_SIZE,
  });
  return { ...result, filter, timeZone: viewer.org.timeZone };
}

export default function AuditTrail() {
  const { t, i18n } = useTranslation();
  const { rows, hasMore, page, filter, timeZone, actions, entities } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium", timeZone });
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <div className="page">
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <Form method="get" className="form filters" aria-label={t("audit.filter")}>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.filterAction")}</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">—</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity">{t("audit.filterEntity")}</label>
          <select id="audit-entity" name="entity" defaultValue={filter.entity ?? ""}>
            <option value="">—</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.filterFrom")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.filterTo")}</label>
          <input id="audit-to" type="date" name="to" defaultValue={filter.to ?? ""} />
        </div>
        <button type="submit" className="primary">
          {t("audit.filter")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="notice">{t("audit.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="wide">
            <caption className="visually-hidden">
              {t("audit.title")} · {t("audit.page", { page })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap">{when.format(new Date(row.at))}</td>
                  <td>{row.actorName ?? t("audit.system")}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>
                    {row.entity} <span className="muted small">{row.entityId}</span>
                  </td>
                  <td>
                    <details>
                      <summary>{t("audit.changes")}</summary>
                      <dl className="audit-diff">
                        <dt>{t("audit.before")}</dt>
                        <dd>
                          <pre>{row.before === null ? "—" : JSON.stringify(row.before, null, 2)}</pre>
                        </dd>
                        <dt>{t("audit.after")}</dt>
                        <dd>
                          <pre>{row.after === null ? "—" : JSON.stringify(row.after, null, 2)}</pre>
                        </dd>
                      </dl>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="actions" aria-label={t("audit.page", { page })}>
        {page > 1 ? <a href={pageLink(page - 1)}>{t("audit.prev")}</a> : null}
        <span>{t("audit.page", { page })}</span>
        {hasMore ? <a href={pageLink(page + 1)}>{t("audit.next")}</a> : null}
      </nav>
    </div>
  );
}
