import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { patrolLeaderSheet } from "~/queries.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { monthParam } from "~/patrols/month";
import { MonthPicker, useMonthLabel } from "~/patrols/month-picker";
import patrolsCss from "~/styles/patrols.css?url";
import { todayFor } from "~/utils/clock.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const handle = { i18n: ["patrols"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: patrolsCss }];
export const meta: MetaFunction = () => [{ title: "网格长巡查情况积分表 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const month = monthParam(request.url, todayFor(viewer.org));
  // Someone who leads no cell of this organisation (or another organisation's user) is a 404.
  const sheet = await patrolLeaderSheet(db(), { orgId: viewer.org.id, userId: params.userId ?? "", month });
  invariantResponse(sheet, ...NOT_FOUND);
  return sheet;
}

/** 网格长巡查情况积分表: one patrol leader's cells, patrols and findings in a month. */
export default function LeaderSheetPage() {
  const s = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  return (
    <div className="page">
      <p>
        <a href={`/supervisor/patrols?month=${s.month}`}>← {t("patrols.sheet.back")}</a>
      </p>
      <h1>
        {t("patrols.sheet.title")} · {monthLabel(s.month)}
      </h1>
      <p>{t("patrols.sheet.leader", { name: s.leader.name })}</p>
      <MonthPicker month={s.month} />
      <p>{t("patrols.targetLine", { target: t(`patrols.target.${s.target}`), required: s.required })}</p>
      <div className="table-scroll">
        <table>
          <caption>{t("patrols.sheet.caption", { name: s.leader.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("patrols.cells.cell")}</th>
              <th scope="col">{t("patrols.cells.site")}</th>
              <th scope="col" className="num">
                {t("patrols.cells.patrols")}
              </th>
              <th scope="col">{t("patrols.cells.met")}</th>
              <th scope="col" className="num">
                {t("patrols.sheet.raised")}
              </th>
              <th scope="col" className="num">
                {t("patrols.sheet.closed")}
              </th>
              <th scope="col" className="num">
                {t("patrols.sheet.open")}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr key={r.cellId}>
                <th scope="row">
                  {r.code} {r.name}
                </th>
                <td>{r.siteName}</td>
                <td className="num">
                  {r.patrols} / {s.required}
                </td>
                <td className={r.met ? "met-yes" : "met-no"}>{r.met ? `✓ ${t("patrols.cells.yes")}` : `✗ ${t("patrols.cells.no")}`}</td>
                <td className="num">{r.raised}</td>
                <td className="num">{r.closed}</td>
                <td className="num">{r.open}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("patrols.sheet.totals")}
              </th>
              <td className="num">{s.totals.patrols}</td>
              <td>
                {s.totals.cellsMet} / {s.rows.length}
              </td>
              <td className="num">{s.totals.raised}</td>
              <td className="num">{s.totals.closed}</td>
              <td className="num">{s.totals.open}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
