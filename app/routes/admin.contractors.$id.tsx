import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  archiveContractor,
  deleteContractor,
  getContractor,
  restoreContractor,
  updateContractor,
} from "~/queries.server";
import { AdminHeader, DangerZone } from "~/admin/components";
import { contractorWriteRefused } from "~/admin/contractor-errors.server";
import { ContractorForm, contractorValues } from "~/admin/contractor-form";
import { adminLinks } from "~/admin/links";
import { done, refused, rejected, writeContext } from "~/admin/respond.server";
import { ContractorActionSchema } from "~/admin/schemas";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { echoValues, msg, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contractor.name ?? "服务企业"} · 考评` }];
export const links = adminLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const contractor = await getContractor(db(), { orgId: viewer.org.id, id: params.id ?? "" });
  invariantResponse(contractor, ...NOT_FOUND);
  return { contractor };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const id = params.id ?? "";
  const parsed = await parseForm(request, ContractorActionSchema);
  if (!parsed.ok) return rejected(parsed);
  const ctx = writeContext(viewer, context);
  const input = parsed.data;
  switch (input.intent) {
    case "save": {
      const { intent: _intent, ...fields } = input;
      const result = await updateContractor(db(), ctx, { ...fields, id });
      if (!result.ok) return contractorWriteRefused(result.error, parsed.values);
      return done(`/admin/contractors/${id}`, "saved");
    }
    case "archive":
    case "restore": {
      const result = await (input.intent === "archive" ? archiveContractor : restoreContractor)(db(), ctx, { id });
      invariantResponse(result.ok, ...NOT_FOUND);
      return done(`/admin/contractors/${id}`, input.intent === "archive" ? "archived" : "restored");
    }
    case "delete": {
      const result = await deleteContractor(db(), ctx, { id });
      if (result.ok) return done("/admin/contractors", "deleted");
      invariantResponse(result.error !== "not_found", ...NOT_FOUND);
      return refused(msg("admin.errors.contractorInUse"), { usedBy: result.usedBy, intent: "delete" });
    }
  }
}

export default function ContractorPage() {
  const { t } = useTranslation();
  const { contractor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saveErrors = actionData?.intent === "save" ? actionData : undefined;
  return (
    <div className="page admin narrow-form">
      <AdminHeader title={contractor.name} />
      {contractor.archivedAt ? <p className="notice">{t("admin.contractors.archivedNotice")}</p> : null}
      <p>
        <Link to={`/admin/contracts?contractorId=${contractor.id}&show=all`}>{t("admin.contractors.viewContracts")}</Link>
        {` (${contractor.contractCount})`}
      </p>
      <ContractorForm
        key={JSON.stringify(contractorValues(contractor))}
        defaultValues={echoValues(contractorValues(contractor), saveErrors?.values)}
        serverErrors={saveErrors?.fieldErrors}
        formError={saveErrors?.formError}
        submitLabel={t("admin.actions.save")}
      />
      <DangerZone
        hint={t("admin.contractors.deleteHint")}
        archived={Boolean(contractor.archivedAt)}
        deleteError={actionData?.intent === "delete" ? actionData.formError : undefined}
        usedBy={actionData?.usedBy}
      />
      <p>
        <Link to="/admin/contractors">{t("admin.actions.backToList")}</Link>
      </p>
    </div>
  );
}
