/** The contractor form, shared by "new contractor" and the contractor page. */
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContractorSchema, type ContractorValues } from "./schemas";
import { Field, FormError, useValidatedForm } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";

export function ContractorForm({
  defaultValues,
  serverErrors,
  formError,
  submitLabel,
}: {
  defaultValues: ContractorValues;
  serverErrors?: FieldErrors;
  formError?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, onSubmit, field } = useValidatedForm(ContractorSchema, { defaultValues, serverErrors });
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError message={formError} />
      <Field form={form} name="name" label={t("admin.contractors.name")}>
        {(props) => <input {...props} {...field("name")} autoComplete="organization" />}
      </Field>
      <Field form={form} name="creditCode" label={t("admin.contractors.creditCode")} hint={t("admin.contractors.creditCodeHint")}>
        {(props) => (
          <input
            {...props}
            {...field("creditCode")}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            className="mono"
          />
        )}
      </Field>
      <Field form={form} name="contactName" label={t("admin.contractors.contactName")}>
        {(props) => <input {...props} {...field("contactName")} autoComplete="off" />}
      </Field>
      <Field form={form} name="contactPhone" label={t("admin.contractors.contactPhone")}>
        {(props) => <input {...props} {...field("contactPhone")} type="tel" autoComplete="off" inputMode="tel" />}
      </Field>
      <Field form={form} name="contactEmail" label={t("admin.contractors.contactEmail")}>
        {(props) => <input {...props} {...field("contactEmail")} type="email" autoComplete="off" inputMode="email" />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

export const EMPTY_CONTRACTOR: ContractorValues = { name: "", creditCode: "", contactName: "", contactPhone: "", contactEmail: "" };

/** Form values of a stored contractor. */
export function contractorValues(c: { name: string; creditCode: string; contactName: string | null; contactPhone: string | null; contactEmail: string | null }): ContractorValues {
  return { name: c.name, creditCode: c.creditCode, contactName: c.contactName ?? "", contactPhone: c.contactPhone ?? "", contactEmail: c.contactEmail ?? "" };
}
