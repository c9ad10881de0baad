/**
 * The supervisor's appeal queue (异议申诉, issue 14): pending appeals first,
 * oldest filed first, then the decided ones; filtered by status with a plain
 * GET form (works without JavaScript). Each row: contractor, contract, what is
 * contested, the filing day and the day the quarter's window closes.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { listAppeals } from "~/queries.server";
import { APPEAL_STATES, type AppealState } from "../../domain/appeals";

export const handle = { i18n: ["appeals"] };
export const meta: MetaFunction = () => [{ title: "异议申诉 · 考评" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const url = new URL(request.url);
  const raw = url.searchParams.get("status");
  const status = (APPEAL_STATES as readonly string[]).includes(raw ?? "") ? (raw as AppealState) : null;
  const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const appeals = await listAppeals(db(), { orgId: viewer.org.id, status, page });
  return { appeals, status };
}

export default function AppealQueue() {
  const { appeals, status } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <p>
        <a href="/supervisor">← {t("appeals.back")}</a>
      </p>
      <h1>{t("appeals.title")}</h1>
      <Form method="get" className="filters">
        <label htmlFor="status-filter">{t("appeals.filter.label")}</label>{" "}
        <select id="status-filter" name="status" defaultValue={status ?? ""}>
          <option value="">{t("appeals.filter.all")}</option>
          {APPEAL_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`appeals.status.${s}`)}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("appeals.filter.submit")}</button>
      </Form>
      {appeals.rows.length === 0 ? (
        <p className="muted">{t("appeals.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="appeal-queue">
            <thead>
              <tr>
                <th scope="col">{t("appeals.columns.contested")}</th>
                <th scope="col">{t("appeals.columns.contractor")}</th>
                <th scope="col">{t("appeals.columns.contract")}</th>
                <th scope="col">{t("appeals.columns.filedOn")}</th>
                <th scope="col">{t("appeals.columns.closesOn")}</th>
                <th scope="col">{t("appeals.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {appeals.rows.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/supervisor/appeals/${a.id}`}>
                      {t(`appeals.target.${a.target}`)}
                      {a.severity ? ` · ${t(`severity.${a.severity}`)}` : ""}
                    </a>
                    {a.note ? <div className="muted small">{a.note.slice(0, 60)}</div> : null}
                  </td>
                  <td>{a.contractorName}</td>
                  <td>
                    {a.contractTitle} · {a.period}
                  </td>
                  <td className="nowrap">{a.filedOn}</td>
                  <td className="nowrap">{a.windowClosesOn ?? "—"}</td>
                  <td>{t(`appeals.status.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
