/** Recent inspections, the viewer's own first, with a big "record an inspection" button. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { InspectionList } from "~/inspections/components/inspection-list";
import { listInspections } from "~/queries.server";
import inspectionsCss from "~/styles/inspections.css?url";

export const handle = { i18n: ["inspections"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectionsCss }];
export const meta: MetaFunction = () => [{ title: "检查记录 · 考评" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const page = Math.max(1, Math.min(1000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const [mine, recent] = await Promise.all([
    page === 1 ? listInspections(db(), { orgId: viewer.org.id, inspectorUserId: viewer.user.id, pageSize: 5 }) : null,
    listInspections(db(), { orgId: viewer.org.id, page }),
  ]);
  return { mine: mine?.rows ?? [], recent };
}

export default function Inspections() {
  const { mine, recent } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page narrow inspections">
      <div className="page-head">
        <h1>{t("inspections.list.title")}</h1>
        <p className="actions">
          <a className="button big" href="/supervisor/inspections/new">
            {t("inspections.list.new")}
          </a>
          <a className="button secondary" href="/supervisor/findings">
            {t("inspections.list.findingsLink")}
          </a>
        </p>
      </div>
      {mine.length > 0 ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t("inspections.list.mine")}</h2>
          <InspectionList rows={mine} />
        </section>
      ) : null}
      <section aria-labelledby="recent">
        <h2 id="recent">{t("inspections.list.recent")}</h2>
        {recent.rows.length === 0 ? <p className="notice">{t("inspections.list.none")}</p> : <InspectionList rows={recent.rows} />}
      </section>
      {recent.page > 1 || recent.hasMore ? (
        <nav className="pager" aria-label={t("inspections.list.recent")}>
          {recent.page > 1 ? (
            <a className="button secondary" href={`?page=${recent.page - 1}`} rel="prev">
              {t("inspections.list.previous")}
            </a>
          ) : null}
          {recent.hasMore ? (
            <a className="button secondary" href={`?page=${recent.page + 1}`} rel="next">
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
