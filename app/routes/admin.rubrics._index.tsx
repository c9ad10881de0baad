/**
 * The organisation's rubric versions by service type, and the form that
 * starts a new draft: a copy of the default rubric or of one of the
 * organisation's versions, under the admin's own version label.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DEFAULT_RUBRIC_VERSION } from "../../scoring/rubrics/index";
import { SERVICE_TYPES, type ServiceType } from "../../scoring/types";
import { createRubricDraft, listRubricVersions } from "~/queries.server";
import { AdminHeader, AdminTable } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { fieldError, invalid, rejected, writeContext } from "~/admin/respond.server";
import { requireRole } from "~/auth/session.server";
import { FormError, useMessage } from "~/components/form";
import { db } from "~/db.server";
import { fields, msg, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const meta: MetaFunction = () => [{ title: "考核细则管理 · 考评" }];
export const links = adminLinks;
export const handle = { i18n: ["rubriceditor"] };

const NewDraftSchema = z.object({
  intent: z.literal("create", msg("form.malformed")),
  serviceType: z.enum(SERVICE_TYPES, msg("admin.errors.chooseServiceType")),
  /** "default" or the id of one of the organisation's versions. */
  from: z.string(msg("form.choose")).trim().min(1, msg("form.choose")).max(64, msg("form.choose")),
  version: fields.name(40),
});

function readType(request: Request): ServiceType | undefined {
  const type = new URL(request.url).searchParams.get("type");
  return (SERVICE_TYPES as readonly string[]).includes(type ?? "") ? (type as ServiceType) : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const serviceType = readType(request);
  const [versions, all] = await Promise.all([
    listRubricVersions(db(), { orgId: viewer.org.id, serviceType }),
    serviceType ? listRubricVersions(db(), { orgId: viewer.org.id }) : null,
  ]);
  return { versions, sources: all ?? versions, serviceType: serviceType ?? null, defaultVersion: DEFAULT_RUBRIC_VERSION };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, NewDraftSchema);
  if (!parsed.ok) return rejected(parsed, ["create"]);
  const { serviceType, from, version } = parsed.data;
  const result = await createRubricDraft(db(), writeContext(viewer, context), {
    serviceType,
    from: from === "default" ? { kind: "default" } : { kind: "version", id: from },
    version,
  });
  if (result.ok) return redirect(`/admin/rubrics/${result.id}?done=created`);
  invariantResponse(result.error !== "not_found", ...NOT_FOUND);
  if (result.error === "version_taken") return fieldError("version", msg("rubriceditor.errors.versionTaken"), { intent: "create", values: parsed.values });
  return invalid({}, { formError: msg("rubriceditor.errors.other", { message: result.error }), intent: "create", values: parsed.values });
}

export default function RubricVersions() {
  const { t } = useTranslation();
  const { versions, serviceType } = useLoaderData<typeof loader>();
  return (
    <div className="page admin">
      <AdminHeader title={t("rubriceditor.title")} intro={t("rubriceditor.intro")} />
      <TypeFilter current={serviceType} />
      <AdminTable
        caption={t("rubriceditor.list.caption")}
        q=""
        isEmpty={versions.length === 0}
        columns={[
          { label: t("rubriceditor.list.version") },
          { label: t("rubriceditor.list.serviceType") },
          { label: t("rubriceditor.list.status") },
          { label: t("rubriceditor.list.basedOn") },
          { label: t("rubriceditor.list.createdBy") },
          { label: t("rubriceditor.list.publishedAt") },
        ]}
      >
        {versions.map((v) => (
          <tr key={v.id}>
            <th scope="row">
              <Link to={`/admin/rubrics/${v.id}`}>{v.version}</Link>
            </th>
            <td data-label={t("rubriceditor.list.serviceType")}>{t(`serviceTypes.${v.serviceType}`)}</td>
            <td data-label={t("rubriceditor.list.status")}>{t(`rubriceditor.status.${v.status}`)}</td>
            <td data-label={t("rubriceditor.list.basedOn")}>{v.basedOn ?? "—"}</td>
            <td data-label={t("rubriceditor.list.createdBy")}>{v.createdByName ?? "—"}</td>
            <td data-label={t("rubriceditor.list.publishedAt")}>{v.publishedAt ? v.publishedAt.slice(0, 10) : "—"}</td>
          </tr>
        ))}
      </AdminTable>
      <NewDraftForm />
    </div>
  );
}

function TypeFilter({ current }: { current: ServiceType | null }) {
  const { t } = useTranslation();
  return (
    <nav className="admin-tabs" aria-label={t("rubriceditor.list.filter")}>
      <Link to="/admin/rubrics" aria-current={current === null ? "page" : undefined}>
        {t("rubriceditor.list.all")}
      </Link>
      {SERVICE_TYPES.map((type) => (
        <Link key={type} to={`/admin/rubrics?type=${type}`} aria-current={current === type ? "page" : undefined}>
          {t(`serviceTypes.${type}`)}
        </Link>
      ))}
    </nav>
  );
}

/** A plain form (it works without JavaScript); the copy's source lists the default and every version of the organisation. */
function NewDraftForm() {
  const { t } = useTranslation();
  const message = useMessage();
  const id = useId();
  const { sources, serviceType, defaultVersion } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer?.fieldErrors ?? {};
  const posted = (answer?.values ?? {}) as Record<string, unknown>;
  const value = (name: string, fallback: string) => (typeof posted[name] === "string" ? (posted[name] as string) : fallback);
  const errorOf = (name: string) => errors[name]?.[0];
  const described = (name: string, hint = false) =>
    [hint ? `${id}-${name}-hint` : null, errorOf(name) ? `${id}-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const error = (name: string) =>
    errorOf(name) ? (
      <p className="field-error" id={`${id}-${name}-error`} role="alert">
        {message(errorOf(name))}
      </p>
    ) : null;
  return (
    <section aria-labelledby={`${id}-title`} className="narrow-form">
      <h2 id={`${id}-title`}>{t("rubriceditor.newDraft.title")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="create" />
        <FormError message={answer?.formError} />
        <div className="field">
          <label htmlFor={`${id}-type`}>{t("rubriceditor.newDraft.serviceType")}</label>
          <select id={`${id}-type`} name="serviceType" defaultValue={value("serviceType", serviceType ?? "property")} aria-describedby={described("serviceType")} aria-invalid={Boolean(errorOf("serviceType"))}>
            {SERVICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`serviceTypes.${type}`)}
              </option>
            ))}
          </select>
          {error("serviceType")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("rubriceditor.newDraft.from")}</label>
          <select id={`${id}-from`} name="from" defaultValue={value("from", "default")} aria-describedby={described("from")} aria-invalid={Boolean(errorOf("from"))}>
            <option value="default">{t("rubriceditor.newDraft.fromDefault", { version: defaultVersion })}</option>
            {sources.map((v) => (
              <option key={v.id} value={v.id}>
                {t(`serviceTypes.${v.serviceType}`)} · {t("rubriceditor.newDraft.fromVersion", { version: v.version, status: t(`rubriceditor.status.${v.status}`) })}
              </option>
            ))}
          </select>
          {error("from")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-version`}>{t("rubriceditor.newDraft.version")}</label>
          <p className="hint" id={`${id}-version-hint`}>
            {t("rubriceditor.newDraft.versionHint")}
          </p>
          <input id={`${id}-version`} name="version" defaultValue={value("version", "")} autoComplete="off" maxLength={40} aria-describedby={described("version", true)} aria-invalid={Boolean(errorOf("version"))} />
          {error("version")}
        </div>
        <p className="actions">
          <button type="submit" className="primary">
            {t("rubriceditor.newDraft.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}
