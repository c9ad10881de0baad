/**
 * One rubric version: the editor for a draft (save, delete, publish), a
 * read-only view of a published or retired one. Publishing applies it to the
 * chosen contracts of its type from the next quarter that starts after today.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { nextPeriod, periodOfDate } from "../../scoring/dates";
import { deleteRubricDraft, getRubricVersion, publishRubricVersion, saveRubricDraft } from "~/queries.server";
import { AdminHeader } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { invalid, refused, rejected, writeContext } from "~/admin/respond.server";
import { requireRole } from "~/auth/session.server";
import { FormError, useMessage } from "~/components/form";
import { db } from "~/db.server";
import { fieldOfRubricPath, rubricFieldErrors } from "~/rubrics/editor/errors";
import { echoRubricValues, formToRubric, rubricToForm, type RubricFormValues } from "~/rubrics/editor/form-model";
import { contractsOfType, loadTakenIds } from "~/rubrics/editor/load.server";
import { RubricEditor } from "~/rubrics/editor/rubric-editor";
import { RubricFormSchema } from "~/rubrics/editor/schema";
import editorCss from "~/rubrics/editor/editor.css?url";
import { todayFor } from "~/utils/clock.server";
import { msg, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.version.version ?? "考核细则"} · 考评` }];
export const links = () => [...adminLinks(), { rel: "stylesheet", href: editorCss }];
export const handle = { i18n: ["rubriceditor"] };

const SaveSchema = z.intersection(z.object({ intent: z.literal("save") }), RubricFormSchema);
const PublishSchema = z.object({
  intent: z.literal("publish"),
  contractIds: z.array(z.string().max(64), msg("rubriceditor.publish.chooseContracts")).min(1, msg("rubriceditor.publish.chooseContracts")).max(500),
  confirm: z.literal("yes", msg("rubriceditor.publish.confirmRequired")),
});
const DeleteSchema = z.object({ intent: z.literal("delete") });
const INTENTS = ["save", "publish", "delete"] as const;
const schemaFor = (intent: string | null) => (intent === "publish" ? PublishSchema : intent === "delete" ? DeleteSchema : SaveSchema);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const version = await getRubricVersion(db(), { orgId, id: params.id ?? "" });
  invariantResponse(version, ...NOT_FOUND);
  const draft = version.status === "draft";
  const [taken, contracts] = draft
    ? await Promise.all([
        loadTakenIds(db(), orgId, version.serviceType),
        // Only running contracts can take a version from next quarter.
        contractsOfType(db(), orgId, version.serviceType).then((all) => all.filter((c) => c.status === "active")),
      ])
    : [[], []];
  const { rubric, ...row } = version;
  return { version: row, values: rubricToForm(rubric), taken, contracts, fromPeriod: nextPeriod(periodOfDate(todayFor(viewer.org))) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const id = params.id ?? "";
  const parsed = await parseForm(request, schemaFor, { arrayFields: ["contractIds"] });
  if (!parsed.ok) return rejected(parsed, INTENTS);
  const version = await getRubricVersion(db(), { orgId, id });
  invariantResponse(version, ...NOT_FOUND);
  const ctx = writeContext(viewer, context);
  const extra = { intent: parsed.intent ?? "save", values: parsed.values };
  switch (parsed.intent) {
    case "publish": {
      const { contractIds } = parsed.data as z.output<typeof PublishSchema>;
      const result = await publishRubricVersion(db(), ctx, { id, contractIds, today: todayFor(viewer.org) });
      invariantResponse(result.ok || result.error !== "not_found", ...NOT_FOUND);
      if (!result.ok) {
        const why = result.error === "ineligible_contract" ? "ineligibleContract" : result.error === "not_draft" ? "notDraft" : "other";
        return refused(msg(`rubriceditor.errors.${why}`, { message: result.error }), { intent: "publish" });
      }
      return redirect(`/admin/rubrics/${id}?published=${encodeURIComponent(result.fromPeriod)}&contracts=${result.contracts}`);
    }
    case "delete": {
      const result = await deleteRubricDraft(db(), ctx, { id });
      invariantResponse(result.ok || result.error !== "not_found", ...NOT_FOUND);
      if (!result.ok) return refused(msg(result.error === "in_use" ? "rubriceditor.errors.inUse" : "rubriceditor.errors.notDraft"), { intent: "delete" });
      return redirect("/admin/rubrics?done=deleted");
    }
    default: {
      const values = parsed.data as RubricFormValues;
      const result = await saveRubricDraft(db(), ctx, { id, version: values.version, rubric: formToRubric(values, version.rubric) });
      if (result.ok) return redirect(`/admin/rubrics/${id}?done=saved`);
      invariantResponse(result.error !== "not_found", ...NOT_FOUND);
      switch (result.error) {
        case "invalid":
          return invalid(rubricFieldErrors(result.path, "message" in result ? result.message : ""), extra);
        case "version_taken":
          return invalid({ version: [msg("rubriceditor.errors.versionTaken")] }, extra);
        case "reused_id":
          return invalid({ [result.path ? fieldOfRubricPath(result.path) : "_form"]: [msg("rubriceditor.errors.reusedId")] }, extra);
        default:
          return refused(msg("rubriceditor.errors.notDraft"), { intent: "save" });
      }
    }
  }
}

export default function RubricVersionPage() {
  const { t } = useTranslation();
  const { version, values, taken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const saveAnswer = answer?.intent === "save" ? answer : undefined;
  const draft = version.status === "draft";
  const type = t(`serviceTypes.${version.serviceType}`);
  const shown = saveAnswer?.values ? echoRubricValues(values, saveAnswer.values) : values;
  return (
    <div className="page admin">
      <AdminHeader
        title={draft ? t("rubriceditor.editor.draftTitle", { type, version: version.version }) : t("rubriceditor.editor.publishedTitle", { type, version: version.version })}
      >
        <p className="actions">
          <Link to={`/admin/rubrics/${version.id}/diff`}>{t("rubriceditor.editor.diff")}</Link>
          {draft ? <Link to={`/admin/rubrics/${version.id}/what-if`}>{t("rubriceditor.editor.whatIf")}</Link> : null}
        </p>
      </AdminHeader>
      <PublishedNotice />
      {draft ? null : <p className="notice">{t("rubriceditor.editor.readOnly", { status: t(`rubriceditor.status.${version.status}`) })}</p>}
      <RubricEditor
        key={JSON.stringify(values)}
        defaultValues={shown}
        serviceType={version.serviceType}
        takenIds={taken}
        serverErrors={saveAnswer?.fieldErrors}
        formError={saveAnswer?.formError}
        readOnly={!draft}
      />
      {draft ? <PublishForm /> : null}
      {draft ? <DeleteDraft /> : null}
      <p>
        <Link to="/admin/rubrics">{t("rubriceditor.editor.back")}</Link>
      </p>
    </div>
  );
}

function PublishedNotice() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const period = params.get("published");
  if (!period) return null;
  return (
    <p className="notice" role="status">
      {t("rubriceditor.publish.published", { period, count: Number(params.get("contracts") ?? 0) })}
    </p>
  );
}

/** The contracts of the type as checkboxes (all ticked), and the confirmation naming the quarter it applies from. */
function PublishForm() {
  const { t } = useTranslation();
  const message = useMessage();
  const id = useId();
  const { contracts, fromPeriod } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const mine = answer?.intent === "publish" ? answer : undefined;
  const contractsError = mine?.fieldErrors?.contractIds?.[0];
  const confirmError = mine?.fieldErrors?.confirm?.[0];
  return (
    <section aria-labelledby={`${id}-title`} className="rubric-publish">
      <h2 id={`${id}-title`}>{t("rubriceditor.publish.title")}</h2>
      <p className="hint">{t("rubriceditor.publish.intro")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="publish" />
        <FormError message={mine?.formError} />
        {contracts.length === 0 ? (
          <p className="notice">{t("rubriceditor.publish.noContracts")}</p>
        ) : (
          <fieldset className="checkbox-group" aria-describedby={`${id}-hint${contractsError ? ` ${id}-contracts-error` : ""}`} aria-invalid={Boolean(contractsError)}>
            <legend>{t("rubriceditor.publish.contracts")}</legend>
            <p className="hint" id={`${id}-hint`}>
              {t("rubriceditor.publish.contractsHint")}
            </p>
            {contracts.map((c) => (
              <label key={c.id} className="choice">
                <input type="checkbox" name="contractIds" value={c.id} defaultChecked />
                {c.title} · {c.contractorName}
              </label>
            ))}
            {contractsError ? (
              <p className="field-error" id={`${id}-contracts-error`} role="alert">
                {message(contractsError)}
              </p>
            ) : null}
          </fieldset>
        )}
        <label className="choice">
          <input type="checkbox" name="confirm" value="yes" aria-invalid={Boolean(confirmError)} aria-describedby={confirmError ? `${id}-confirm-error` : undefined} />
          {t("rubriceditor.publish.confirm", { period: fromPeriod })}
        </label>
        {confirmError ? (
          <p className="field-error" id={`${id}-confirm-error`} role="alert">
            {message(confirmError)}
          </p>
        ) : null}
        <p className="actions">
          <button type="submit" className="primary" disabled={contracts.length === 0}>
            {t("rubriceditor.publish.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}

function DeleteDraft() {
  const { t } = useTranslation();
  const answer = useActionData<typeof action>();
  return (
    <section className="danger-zone" aria-labelledby="rubric-delete-title">
      <h2 id="rubric-delete-title">{t("rubriceditor.editor.deleteDraft")}</h2>
      <p className="hint">{t("rubriceditor.editor.deleteHint")}</p>
      <FormError message={answer?.intent === "delete" ? answer.formError : undefined} />
      <Form method="post">
        <button type="submit" name="intent" value="delete" className="secondary danger">
          {t("rubriceditor.editor.deleteDraft")}
        </button>
      </Form>
    </section>
  );
}
