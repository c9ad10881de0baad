import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { archiveContract, deleteContract, getContract, listContractorOptions, listSiteOptions, restoreContract, updateContract } from "~/queries.server";
import { AdminHeader, DangerZone } from "~/admin/components";
import { contractWriteRefused } from "~/admin/contract-errors.server";
import { ContractForm } from "~/admin/contract-form";
import { contractValues, selectable, withPosted } from "~/admin/contract-values";
import { adminLinks } from "~/admin/links";
import { done, refused, rejected, writeContext } from "~/admin/respond.server";
import { ContractIntentSchema, ContractSchema, type ContractOutput } from "~/admin/schemas";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { msg, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contract.title ?? "合同"} · 考评` }];
export const links = adminLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const contract = await getContract(db(), { orgId, id: params.id ?? "", withUsage: true });
  invariantResponse(contract, ...NOT_FOUND);
  const [contractors, sites] = await Promise.all([listContractorOptions(db(), { orgId }), listSiteOptions(db(), { orgId })]);
  const locked = Object.values(contract.usedBy ?? {}).some((n) => n > 0);
  return {
    contract,
    locked,
    options: { contractors: selectable(contractors, [contract.contractorId]), sites: selectable(sites, contract.siteIds) },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const id = params.id ?? "";
  const ctx = writeContext(viewer, context);
  // "save" posts the contract form; the other buttons only their intent. The body is read once either way.
  const parsed = await parseForm(request, (intent) => (intent === "save" ? ContractSchema : ContractIntentSchema), { arrayFields: ["siteIds"] });
  if (!parsed.ok) return rejected(parsed, ["save", "delete"]);
  if (parsed.intent === "save") {
    const result = await updateContract(db(), ctx, { ...(parsed.data as ContractOutput), id });
    if (!result.ok) return contractWriteRefused(result, parsed.values);
    return done(`/admin/contracts/${id}`, "saved");
  }
  const { intent } = parsed.data as { intent: "archive" | "restore" | "delete" };
  switch (intent) {
    case "archive":
    case "restore": {
      const result = await (intent === "archive" ? archiveContract : restoreContract)(db(), ctx, { id });
      invariantResponse(result.ok, ...NOT_FOUND);
      return done(`/admin/contracts/${id}`, intent === "archive" ? "archived" : "restored");
    }
    case "delete": {
      const result = await deleteContract(db(), ctx, { id });
      if (result.ok) return done("/admin/contracts", "deleted");
      invariantResponse(result.error !== "not_found", ...NOT_FOUND);
      return refused(msg("admin.errors.contractInUse"), { usedBy: result.usedBy, intent: "delete" });
    }
  }
}

export default function ContractPage() {
  const { t } = useTranslation();
  const { contract, options, locked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saveErrors = actionData?.intent === "save" ? actionData : undefined;
  const values = contractValues(contract);
  return (
    <div className="page admin narrow-form">
      <AdminHeader title={contract.title}>
        <p className="muted">
          <Link to={`/admin/contractors/${contract.contractorId}`}>{contract.contractorName}</Link> · {t(`serviceTypes.${contract.serviceType}`)}
        </p>
      </AdminHeader>
      {contract.archivedAt ? <p className="notice">{t("admin.contracts.archivedNotice")}</p> : null}
      <ContractForm
        key={JSON.stringify(values)}
        defaultValues={withPosted(values, saveErrors?.values)}
        options={options}
        serverErrors={saveErrors?.fieldErrors}
        formError={saveErrors?.formError}
        submitLabel={t("admin.actions.save")}
        showStatus
        locked={locked}
      />
      <DangerZone
        hint={t("admin.contracts.deleteHint")}
        archived={Boolean(contract.archivedAt)}
        deleteError={actionData?.intent === "delete" ? actionData.formError : undefined}
        usedBy={actionData?.usedBy}
      />
      <p>
        <Link to="/admin/contracts">{t("admin.actions.backToList")}</Link>
      </p>
    </div>
  );
}
