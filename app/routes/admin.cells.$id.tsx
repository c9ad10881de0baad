import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteGridCell, getGridCell, listMemberOptions, listSiteOptions, updateGridCell } from "~/queries.server";
import { AdminHeader, InUseError } from "~/admin/components";
import { selectable } from "~/admin/contract-values";
import { adminLinks } from "~/admin/links";
import { done, refused, rejected, writeContext } from "~/admin/respond.server";
import { GridCellActionSchema, PATROL_LEADER_ROLES } from "~/admin/schemas";
import { gridCellWriteRefused } from "~/admin/site-errors.server";
import { GridCellForm, type GridCellValues } from "~/admin/site-forms";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { echoValues, msg, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `网格 ${data?.cell.code ?? ""} · 考评` }];
export const links = adminLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const cell = await getGridCell(db(), { orgId, id: params.id ?? "" });
  invariantResponse(cell, ...NOT_FOUND);
  const [sites, leaders] = await Promise.all([listSiteOptions(db(), { orgId }), listMemberOptions(db(), { orgId, roles: PATROL_LEADER_ROLES })]);
  return { cell, sites: selectable(sites, [cell.siteId]), leaders };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const id = params.id ?? "";
  const parsed = await parseForm(request, GridCellActionSchema);
  if (!parsed.ok) return rejected(parsed, ["save", "delete"]);
  const ctx = writeContext(viewer, context);
  if (parsed.data.intent === "save") {
    const { intent: _intent, ...fields } = parsed.data;
    const result = await updateGridCell(db(), ctx, { ...fields, id });
    if (!result.ok) return gridCellWriteRefused(result, "save", parsed.values);
    return done(`/admin/cells/${id}`, "saved");
  }
  const cell = await getGridCell(db(), { orgId: viewer.org.id, id });
  invariantResponse(cell, ...NOT_FOUND);
  const result = await deleteGridCell(db(), ctx, { id });
  if (result.ok) return done(`/admin/sites/${cell.siteId}`, "deleted");
  invariantResponse(result.error !== "not_found", ...NOT_FOUND);
  return refused(msg("admin.errors.cellInUse"), { usedBy: result.usedBy, intent: "delete" });
}

export default function GridCellPage() {
  const { t } = useTranslation();
  const { cell, sites, leaders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saveErrors = actionData?.intent === "save" ? actionData : undefined;
  const values = { siteId: cell.siteId, code: cell.code, name: cell.name, patrolLeaderUserId: cell.patrolLeaderUserId ?? "" };
  return (
    <div className="page admin narrow-form">
      <AdminHeader title={t("admin.cells.editTitle", { code: cell.code })}>
        <p className="muted">
          <Link to={`/admin/sites/${cell.siteId}`}>{t("admin.cells.backToSite", { site: cell.siteName })}</Link>
        </p>
      </AdminHeader>
      <GridCellForm
        key={JSON.stringify(values)}
        intent="save"
        defaultValues={echoValues<GridCellValues>(values, saveErrors?.values)}
        sites={sites}
        leaders={leaders}
        serverErrors={saveErrors?.fieldErrors}
        formError={saveErrors?.formError}
        submitLabel={t("admin.actions.save")}
      />
      <section className="danger-zone" aria-labelledby="danger-title">
        <h2 id="danger-title">{t("admin.actions.delete")}</h2>
        <p className="hint">{t("admin.cells.deleteHint")}</p>
        <InUseError message={actionData?.intent === "delete" ? actionData.formError : undefined} usedBy={actionData?.usedBy} />
        <Form method="post" className="actions">
          <button type="submit" name="intent" value="delete" className="secondary danger">
            {t("admin.actions.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
