import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { patrolMonth } from "~/queries.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { heatLevel, monthParam } from "~/patrols/month";
import { MonthPicker, useMonthLabel } from "~/patrols/month-picker";
import patrolsCss from "~/styles/patrols.css?url";
import { todayFor } from "~/utils/clock.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const handle = { i18n: ["patrols"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: patrolsCss }];
export const meta: MetaFunction = () => [{ title: "网格巡查 · 考评" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const today = todayFor(viewer.org);
  const month = await patrolMonth(db(), { orgId: viewer.org.id, month: monthParam(request.url, today), today });
  invariantResponse(month, ...NOT_FOUND);
  return month;
}

/** The monthly patrol view: cells against the target, the cell × week grid of findings, the cells not patrolled. */
export default function PatrolMonthPage() {
  const m = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const met = m.rows.filter((r) => r.met).length;
  const day = (d: string) => String(Number(d.slice(8)));
  return (
    <div className="page">
      <h1>
        {t("patrols.title")} · {monthLabel(m.month)}
      </h1>
      <MonthPicker month={m.month} />
      <p>{t("patrols.targetLine", { target: t(`patrols.target.${m.target}`), required: m.required })}</p>
      <p aria-live="polite">{t("patrols.summary", { met, total: m.rows.length, none: m.notPatrolled.length })}</p>
      {m.rows.length === 0 ? (
        <p>{t("patrols.cells.empty")}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table>
              <caption>{t("patrols.cells.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("patrols.cells.cell")}</th>
                  <th scope="col">{t("patrols.cells.site")}</th>
                  <th scope="col">{t("patrols.cells.leader")}</th>
                  <th scope="col" className="num">
                    {t("patrols.cells.patrols")}
                  </th>
                  <th scope="col">{t("patrols.cells.met")}</th>
                  <th scope="col">{t("patrols.cells.lastPatrol")}</th>
                </tr>
              </thead>
              <tbody>
                {m.rows.map((r) => (
                  <tr key={r.cellId}>
                    <th scope="row">
                      {r.code} {r.name}
                    </th>
                    <td>{r.siteName}</td>
                    <td>
                      {r.leaderUserId ? (
                        <a href={`/supervisor/patrols/${r.leaderUserId}?month=${m.month}`}>{r.leaderName}</a>
                      ) : (
                        <span className="muted">{t("patrols.cells.noLeader")}</span>
                      )}
                    </td>
                    <td className="num">
                      {r.patrols} / {m.required}
                    </td>
                    <td className={r.met ? "met-yes" : "met-no"}>{r.met ? `✓ ${t("patrols.cells.yes")}` : `✗ ${t("patrols.cells.no")}`}</td>
                    <td>{r.lastPatrolOn ?? t("patrols.cells.never")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2 id="grid-title">{t("patrols.grid.title")}</h2>
          <p id="grid-legend">{t("patrols.grid.legend")}</p>
          <ul className="legend" aria-hidden="true">
            {(["none", "low", "mid", "high"] as const).map((k, i) => (
              <li key={k}>
                <span className={`swatch heat-${i}`} />
                {t(`patrols.grid.legendLevels.${k}`)}
              </li>
            ))}
          </ul>
          <div className="table-scroll">
            <table className="heat" aria-describedby="grid-legend">
              <caption>{t("patrols.grid.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("patrols.cells.cell")}</th>
                  {m.weeks.map((w) => (
                    <th scope="col" key={w.index}>
                      {t("patrols.grid.week", { n: w.index })}
                      <br />
                      <span className="small muted">{t("patrols.grid.weekRange", { start: day(w.start), end: day(w.end) })}</span>
                    </th>
                  ))}
                  <th scope="col">{t("patrols.grid.total")}</th>
                </tr>
              </thead>
              <tbody>
                {m.rows.map((r) => (
                  <tr key={r.cellId}>
                    <th scope="row">{r.code}</th>
                    {r.findingsByWeek.map((n, i) => (
                      <td key={i} className={`heat-${heatLevel(n)}`}>
                        {n}
                      </td>
                    ))}
                    <td className="num">{r.findings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>{t("patrols.notPatrolled.title")}</h2>
          {m.notPatrolled.length === 0 ? (
            <p>{t("patrols.notPatrolled.none")}</p>
          ) : (
            <ul>
              {m.notPatrolled.map((r) => (
                <li key={r.cellId}>
                  {r.code} {r.name} · {r.siteName} · {r.leaderName ?? t("patrols.cells.noLeader")}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
