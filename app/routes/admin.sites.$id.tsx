import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { archiveSite, createGridCell, deleteSite, getSite, listGridCells, listMemberOptions, restoreSite, updateSite } from "~/queries.server";
import { AdminHeader, DangerZone, EmptyList, Pagination, ResultCount, SearchBox } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { done, refused, rejected, writeContext } from "~/admin/respond.server";
import { PAGE_SIZE, PATROL_LEADER_ROLES, readListQuery, SiteActionSchema } from "~/admin/schemas";
import { gridCellWriteRefused } from "~/admin/site-errors.server";
import { GridCellForm, SiteForm, type GridCellValues, type SiteValues } from "~/admin/site-forms";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { echoValues, msg, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.site.name ?? "场所"} · 考评` }];
export const links = adminLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const site = await getSite(db(), { orgId, id: params.id ?? "" });
  invariantResponse(site, ...NOT_FOUND);
  const { q, page } = readListQuery(request);
  const [cells, leaders] = await Promise.all([
    listGridCells(db(), { orgId, siteId: site.id, q, page, pageSize: PAGE_SIZE }),
    listMemberOptions(db(), { orgId, roles: PATROL_LEADER_ROLES }),
  ]);
  return { site, cells, q, leaders };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const id = params.id ?? "";
  const parsed = await parseForm(request, SiteActionSchema);
  if (!parsed.ok) return rejected(parsed, ["save", "addCell"]);
  const ctx = writeContext(viewer, context);
  const input = parsed.data;
  switch (input.intent) {
    case "save": {
      const { intent: _intent, ...fields } = input;
      const result = await updateSite(db(), ctx, { ...fields, id });
      invariantResponse(result.ok, ...NOT_FOUND);
      return done(`/admin/sites/${id}`, "saved");
    }
    case "archive":
    case "restore": {
      const result = await (input.intent === "archive" ? archiveSite : restoreSite)(db(), ctx, { id });
      invariantResponse(result.ok, ...NOT_FOUND);
      return done(`/admin/sites/${id}`, input.intent === "archive" ? "archived" : "restored");
    }
    case "delete": {
      const result = await deleteSite(db(), ctx, { id });
      if (result.ok) return done("/admin/sites", "deleted");
      invariantResponse(result.error !== "not_found", ...NOT_FOUND);
      return refused(msg("admin.errors.siteInUse"), { usedBy: result.usedBy, intent: "delete" });
    }
    case "addCell": {
      // The cell goes on this page's site, whatever the form says.
      invariantResponse(input.siteId === id, ...NOT_FOUND);
      const { intent: _intent, ...fields } = input;
      const result = await createGridCell(db(), ctx, fields);
      if (!result.ok) return gridCellWriteRefused(result, "addCell", parsed.values);
      return done(`/admin/sites/${id}`, "created");
    }
  }
}

export default function SitePage() {
  const { t } = useTranslation();
  const { site, cells, q, leaders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const siteValues = { name: site.name, kind: site.kind, address: site.address ?? "" };
  return (
    <div className="page admin">
      <AdminHeader title={site.name} />
      {site.archivedAt ? <p className="notice">{t("admin.sites.archivedNotice")}</p> : null}
      <div className="admin-columns">
        <section aria-labelledby="site-form-title" className="narrow-form">
          <h2 id="site-form-title">{t("admin.sites.details")}</h2>
          <SiteForm
            key={JSON.stringify(siteValues)}
            defaultValues={echoValues<SiteValues>(siteValues, errorsFor("save")?.values)}
            serverErrors={errorsFor("save")?.fieldErrors}
            formError={errorsFor("save")?.formError}
            submitLabel={t("admin.actions.save")}
          />
        </section>
        <section aria-labelledby="cell-form-title" className="narrow-form">
          <h2 id="cell-form-title">{t("admin.cells.addTitle")}</h2>
          <GridCellForm
            intent="addCell"
            defaultValues={{ ...echoValues<GridCellValues>({ code: "", name: "", patrolLeaderUserId: "", siteId: site.id }, errorsFor("addCell")?.values), siteId: site.id }}
            leaders={leaders}
            serverErrors={errorsFor("addCell")?.fieldErrors}
            formError={errorsFor("addCell")?.formError}
            submitLabel={t("admin.cells.add")}
          />
        </section>
      </div>

      <section aria-labelledby="cells-title">
        <h2 id="cells-title">{t("admin.cells.title")}</h2>
        <SearchBox label={t("admin.cells.searchLabel")} placeholder={t("admin.cells.searchPlaceholder")} />
        <ResultCount total={cells.total} q={q} />
        {cells.rows.length === 0 ? (
          <EmptyList q={q} />
        ) : (
          <div className="table-scroll">
            <table className="admin-table">
              <caption className="visually-hidden">{t("admin.cells.caption", { site: site.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.cells.code")}</th>
                  <th scope="col">{t("admin.cells.name")}</th>
                  <th scope="col">{t("admin.cells.leader")}</th>
                  <th scope="col" className="num">
                    {t("admin.cells.inspections")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {cells.rows.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" data-label={t("admin.cells.code")}>
                      <Link to={`/admin/cells/${c.id}`}>{c.code}</Link>
                    </th>
                    <td data-label={t("admin.cells.name")}>{c.name}</td>
                    <td data-label={t("admin.cells.leader")}>{c.patrolLeaderName ?? t("admin.cells.noLeader")}</td>
                    <td data-label={t("admin.cells.inspections")} className="num">
                      {c.inspectionCount}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={cells.page} pageSize={cells.pageSize} total={cells.total} />
      </section>

      <DangerZone
        hint={t("admin.sites.deleteHint")}
        archived={Boolean(site.archivedAt)}
        deleteError={errorsFor("delete")?.formError}
        usedBy={errorsFor("delete")?.usedBy}
      />
      <p>
        <Link to="/admin/sites">{t("admin.actions.backToList")}</Link>
      </p>
    </div>
  );
}
