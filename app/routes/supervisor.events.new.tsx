import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { listEventContractOptions, recordBonus, recordVeto } from "~/queries.server";
import { writeContext } from "~/admin/respond.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, useFieldError, useMessage, useValidatedForm } from "~/components/form";
import { PhotoField, usePhotoSubmit } from "~/components/photo-field";
import { db } from "~/db.server";
import { EVENT_ERROR_MESSAGES } from "~/events/errors";
import { EVENT_KINDS, NewEventSchema } from "~/events/schema";
import patrolsCss from "~/styles/patrols.css?url";
import photosCss from "~/styles/photos.css?url";
import surveyCss from "~/styles/survey.css?url";
import { now, todayFor } from "~/utils/clock.server";
import { echoValues, msg, type FieldErrors } from "~/utils/forms";
import { useLocale } from "~/utils/localise";
import { parseMultipartForm } from "~/utils/multipart.server";
import { discardPhotos, storePhotos } from "../../server/photos";

export const handle = { i18n: ["events", "photos"] };
// survey.css has the big radio rows (.checkbox-field), photos.css the photo field.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: surveyCss },
  { rel: "stylesheet", href: photosCss },
  { rel: "stylesheet", href: patrolsCss },
];
export const meta: MetaFunction = () => [{ title: "登记加分或否决事项 · 考评" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const search = new URL(request.url).searchParams;
  const contracts = await listEventContractOptions(db(), { orgId: viewer.org.id });
  const kind: "bonus" | "veto" = search.get("kind") === "veto" ? "veto" : "bonus";
  const contractId = contracts.some((c) => c.id === search.get("contractId")) ? search.get("contractId")! : "";
  return { contracts, today: todayFor(viewer.org), defaults: { kind, contractId } };
}

type ActionResult = { fieldErrors: FieldErrors; formError?: string; values?: Record<string, unknown> };
type Posted = Partial<Record<"kind" | "contractId" | "itemId" | "occurredOn" | "note", string>>;
const POSTED_SHAPE: Posted = { kind: undefined, contractId: undefined, itemId: undefined, occurredOn: undefined, note: undefined };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const parsed = await parseMultipartForm(request, NewEventSchema);
  if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: parsed.values }, { status: 400 });
  const { kind, contractId, itemId, occurredOn, note } = parsed.data;
  const stored = await storePhotos(parsed.photos, { orgId: viewer.org.id, takenAt: now(), timeZone: viewer.org.timeZone, label: "" });
  const record = kind === "bonus" ? recordBonus : recordVeto;
  const result = await record(db(), writeContext(viewer, context), { contractId, itemId, occurredOn, note, photos: stored, today: todayFor(viewer.org) });
  if (result.ok) return redirect(`/supervisor/events/${result.id}?kind=${kind}`);
  await discardPhotos(stored); // nothing of a refused event stays in the uploads folder
  const fieldErrors: FieldErrors = {};
  let formError: string | undefined;
  if (result.error === "not_found") fieldErrors.contractId = [msg("events.errors.contractNotFound")];
  else {
    const m = EVENT_ERROR_MESSAGES[result.error];
    if (m.field) fieldErrors[m.field] = [msg(m.key)];
    else formError = msg(m.key);
  }
  return data<ActionResult>({ fieldErrors, formError, values: parsed.values }, { status: 400 });
}

export default function NewEvent() {
  const { contracts, today, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { pick } = useLocale();
  const message = useMessage();
  const values = actionData && "values" in actionData && actionData.values ? echoValues(POSTED_SHAPE, actionData.values) : undefined;
  const serverErrors = actionData && "fieldErrors" in actionData ? actionData.fieldErrors : undefined;
  const formError = actionData && "formError" in actionData ? actionData.formError : undefined;
  const initial = {
    kind: (values?.kind === "veto" || values?.kind === "bonus" ? values.kind : defaults.kind) as "bonus" | "veto",
    contractId: values?.contractId ?? defaults.contractId,
    itemId: values?.itemId ?? "",
    occurredOn: values?.occurredOn ?? today,
    note: values?.note ?? "",
  };
  const { form, field } = useValidatedForm(NewEventSchema, { serverErrors, defaultValues: initial });
  const errorOf = useFieldError(form);
  const photo = usePhotoSubmit();
  const kind = (useWatch({ control: form.control, name: "kind" }) ?? initial.kind) as "bonus" | "veto";
  const contractId = (useWatch({ control: form.control, name: "contractId" }) ?? initial.contractId) as string;
  const chosen = contracts.find((c) => c.id === contractId);
  // Without a chosen contract (or without JavaScript), every rubric's items, grouped; the server checks the pair.
  const groups = chosen
    ? [{ key: chosen.id, label: `${chosen.contractorName} · ${t(`serviceTypes.${chosen.serviceType}`)}`, contract: chosen }]
    : [...new Map(contracts.map((c) => [c.serviceType, c])).values()].map((c) => ({ key: c.serviceType, label: t(`serviceTypes.${c.serviceType}`), contract: c }));
  const kindError = errorOf("kind");
  return (
    <div className="page narrow">
      <p>
        <a href="/supervisor/events">← {t("events.detail.back")}</a>
      </p>
      <h1>{t("events.form.title")}</h1>
      {contracts.length === 0 ? (
        <p className="notice">{t("events.form.noContracts")}</p>
      ) : (
        <Form
          method="post"
          encType="multipart/form-data"
          className="form"
          noValidate
          onSubmit={(e) => {
            const target = e.currentTarget;
            void form.handleSubmit(() => photo.submit(target))(e);
          }}
        >
          <FormError message={formError} />
          <fieldset className="field" aria-describedby={kindError ? "kind-error" : undefined}>
            <legend>{t("events.form.kindLegend")}</legend>
            {EVENT_KINDS.map((k) => (
              <div className="checkbox-field" key={k}>
                <input {...form.register("kind")} type="radio" id={`kind-${k}`} value={k} defaultChecked={initial.kind === k} />
                <label htmlFor={`kind-${k}`}>{t(`events.kind.${k}`)}</label>
              </div>
            ))}
            {kindError ? (
              <p className="field-error" id="kind-error" role="alert">
                {message(kindError)}
              </p>
            ) : null}
          </fieldset>
          {kind === "veto" ? <p className="notice">{t("events.form.vetoWarning")}</p> : null}
          <Field form={form} name="contractId" label={t("events.form.contract")}>
            {(props) => (
              <select {...props} {...field("contractId")}>
                <option value="">{t("events.form.chooseContract")}</option>
                {contracts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.contractorName} · {t(`serviceTypes.${c.serviceType}`)} · {c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="itemId" label={t("events.form.item")} hint={t("events.form.itemHint")}>
            {(props) => (
              <select {...props} {...field("itemId")}>
                <option value="">{t("events.form.chooseItem")}</option>
                {groups.map((g) => (
                  <optgroup key={g.key} label={`${g.label} · ${t(`events.kind.${kind}`)}`}>
                    {kind === "bonus"
                      ? g.contract.bonusItems.map((i) => (
                          <option key={i.id} value={i.id}>
                            {pick(i.label)} ({t("events.form.points", { points: i.points })})
                          </option>
                        ))
                      : g.contract.vetoItems.map((i) => (
                          <option key={i.id} value={i.id}>
                            {pick(i.label)}
                          </option>
                        ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="occurredOn" label={t("events.form.occurredOn")}>
            {(props) => <input {...props} {...field("occurredOn")} type="date" max={today} />}
          </Field>
          <Field form={form} name="note" label={t("events.form.note")} hint={t("events.form.noteHint")}>
            {(props) => <textarea {...props} {...field("note")} rows={4} maxLength={1000} />}
          </Field>
          <PhotoField name="photos" error={serverErrors?.photos?.[0]} />
          {photo.status}
          <p className="actions">
            <button type="submit" className="primary" disabled={photo.busy}>
              {t("events.form.submit")}
            </button>
            <a className="button secondary" href="/supervisor/events">
              {t("events.form.cancel")}
            </a>
          </p>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
