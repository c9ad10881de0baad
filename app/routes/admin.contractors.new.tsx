import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createContractor } from "~/queries.server";
import { AdminHeader } from "~/admin/components";
import { contractorWriteRefused } from "~/admin/contractor-errors.server";
import { ContractorForm, EMPTY_CONTRACTOR } from "~/admin/contractor-form";
import { adminLinks } from "~/admin/links";
import { done, rejected, writeContext } from "~/admin/respond.server";
import { ContractorSchema } from "~/admin/schemas";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { echoValues, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "新增服务企业 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, ContractorSchema);
  if (!parsed.ok) return rejected(parsed);
  const result = await createContractor(db(), writeContext(viewer, context), parsed.data);
  if (!result.ok) return contractorWriteRefused(result.error, parsed.values);
  return done(`/admin/contractors/${result.id}`, "created");
}

export default function NewContractor() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page admin narrow-form">
      <AdminHeader title={t("admin.contractors.newTitle")} />
      <ContractorForm
        defaultValues={echoValues(EMPTY_CONTRACTOR, actionData?.values)}
        serverErrors={actionData?.fieldErrors}
        formError={actionData?.formError}
        submitLabel={t("admin.actions.create")}
      />
      <p>
        <a href="/admin/contractors">{t("admin.actions.backToList")}</a>
      </p>
    </div>
  );
}
