import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createSite } from "~/queries.server";
import { AdminHeader } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { done, rejected, writeContext } from "~/admin/respond.server";
import { SiteSchema } from "~/admin/schemas";
import { SiteForm, type SiteValues } from "~/admin/site-forms";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { echoValues, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "新增场所 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, SiteSchema);
  if (!parsed.ok) return rejected(parsed);
  const result = await createSite(db(), writeContext(viewer, context), parsed.data);
  return done(`/admin/sites/${result.id}`, "created");
}

export default function NewSite() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page admin narrow-form">
      <AdminHeader title={t("admin.sites.newTitle")} />
      <SiteForm
        defaultValues={echoValues<SiteValues>({ name: "", kind: "" as never, address: "" }, actionData?.values)}
        serverErrors={actionData?.fieldErrors}
        formError={actionData?.formError}
        submitLabel={t("admin.actions.create")}
      />
      <p>
        <a href="/admin/sites">{t("admin.actions.backToList")}</a>
      </p>
    </div>
  );
}
