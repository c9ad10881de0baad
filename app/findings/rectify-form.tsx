/**
 * The form that records a fix with its evidence photos (multipart, the photo
 * upload rules of inspections): the supervisor's finding page (on the
 * contractor's behalf) and the contractor's own page post the same fields.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { PhotoField, usePhotoSubmit } from "~/components/photo-field";
import { RectifySchema } from "~/findings/schemas";
import { echoValues, type FieldErrors } from "~/utils/forms";
import { MAX_PHOTOS } from "../../domain/findings";

/** What a finding page's action answers a refused form with. */
export type FindingFormAnswer = { fieldErrors: FieldErrors; formError?: string; intent?: string; values?: Record<string, unknown> };

/** `by`: who fills it in — the contractor's person on the portal, or a supervisor on their behalf. */
export function RectifyForm({ today, answer, by = "supervisor" }: { today: string; answer?: FindingFormAnswer; by?: "supervisor" | "contractor" }) {
  const { t } = useTranslation();
  const photo = usePhotoSubmit();
  const defaults = echoValues({ intent: "rectify" as const, fixedOn: today, note: "" }, answer?.values);
  const { form, field } = useValidatedForm(RectifySchema, { serverErrors: answer?.fieldErrors, defaultValues: defaults });
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      noValidate
      aria-labelledby="rectify-title"
      onSubmit={(e) => {
        const target = e.currentTarget;
        void form.handleSubmit(() => photo.submit(target))(e);
      }}
    >
      <h3 id="rectify-title">{t(by === "contractor" ? "contractor.rectify.title" : "findings.actions.rectify")}</h3>
      <p className="hint">{t(by === "contractor" ? "contractor.rectify.hint" : "findings.actions.rectifyHint")}</p>
      <input type="hidden" name="intent" value="rectify" />
      <FormError message={answer?.formError} />
      <Field form={form} name="fixedOn" label={t("findings.actions.fixedOn")}>
        {(props) => <input {...props} {...field("fixedOn")} type="date" max={today} />}
      </Field>
      <Field form={form} name="note" label={t("findings.actions.note")}>
        {(props) => <textarea {...props} {...field("note")} rows={3} />}
      </Field>
      <PhotoField name="photos" max={MAX_PHOTOS} label={t("findings.actions.evidence")} error={answer?.fieldErrors?.photos?.[0]} />
      {photo.status}
      <button type="submit" className="primary" disabled={photo.busy}>
        {t("findings.actions.rectifySubmit")}
      </button>
    </Form>
  );
}

