import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createContract, listContractorOptions, listSiteOptions } from "~/queries.server";
import { AdminHeader } from "~/admin/components";
import { contractWriteRefused } from "~/admin/contract-errors.server";
import { ContractForm } from "~/admin/contract-form";
import { NEW_CONTRACT_VALUES, selectable, withPosted } from "~/admin/contract-values";
import { adminLinks } from "~/admin/links";
import { done, rejected, writeContext } from "~/admin/respond.server";
import { ContractSchema } from "~/admin/schemas";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "新增合同 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const [contractors, sites] = await Promise.all([
    listContractorOptions(db(), { orgId: viewer.org.id }),
    listSiteOptions(db(), { orgId: viewer.org.id }),
  ]);
  // ?contractorId= preselects the contractor (from its page).
  const preselected = new URL(request.url).searchParams.get("contractorId") ?? "";
  const options = { contractors: selectable(contractors), sites: selectable(sites) };
  return { options, contractorId: options.contractors.some((c) => c.id === preselected) ? preselected : "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, ContractSchema, { arrayFields: ["siteIds"] });
  if (!parsed.ok) return rejected(parsed);
  const result = await createContract(db(), writeContext(viewer, context), parsed.data);
  if (!result.ok) return contractWriteRefused(result, parsed.values);
  return done(`/admin/contracts/${result.id}`, "created");
}

export default function NewContract() {
  const { t } = useTranslation();
  const { options, contractorId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page admin narrow-form">
      <AdminHeader title={t("admin.contracts.newTitle")} />
      <ContractForm
        defaultValues={withPosted({ ...NEW_CONTRACT_VALUES, contractorId }, actionData?.values)}
        options={options}
        serverErrors={actionData?.fieldErrors}
        formError={actionData?.formError}
        submitLabel={t("admin.actions.create")}
      />
      <p>
        <a href="/admin/contracts">{t("admin.actions.backToList")}</a>
      </p>
    </div>
  );
}
