/**
 * The contract form, shared by "new contract" and the contract page:
 * contractor, service type, title and number, term, annual value and the
 * optional quarterly fee in yuan,
 * sites (checkboxes) and the payment rule editor.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { SERVICE_TYPES } from "../../scoring/types";
import { PaymentRuleEditor } from "./payment-rule-editor";
import { CONTRACT_STATUS_VALUES, ContractSchema, type ContractValues } from "./schemas";
import { Field, FormError, useMessage, useValidatedForm } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";

export interface ContractFormOptions {
  contractors: { id: string; name: string }[];
  sites: { id: string; name: string }[];
}

export function ContractForm({
  defaultValues,
  options,
  serverErrors,
  formError,
  submitLabel,
  showStatus,
  locked,
}: {
  defaultValues: ContractValues;
  options: ContractFormOptions;
  serverErrors?: FieldErrors;
  formError?: string;
  submitLabel: string;
  showStatus?: boolean;
  /** The contract has history: contractor and service type are shown but cannot change. */
  locked?: boolean;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const navigation = useNavigation();
  const sitesId = useId();
  const { form, onSubmit, field, checkbox } = useValidatedForm(ContractSchema, { defaultValues, serverErrors });
  const sitesError = form.formState.errors.siteIds?.message ?? form.formState.errors.siteIds?.root?.message;

  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError message={formError} />
      <Field form={form} name="contractorId" label={t("admin.contracts.contractor")} hint={locked ? t("admin.contracts.lockedHint") : undefined}>
        {(props) => (
          <select {...props} {...field("contractorId")} aria-readonly={locked || undefined}>
            <option value="">{t("admin.contracts.chooseContractor")}</option>
            {options.contractors.map((c) => (
              <option key={c.id} value={c.id} disabled={locked && c.id !== defaultValues.contractorId}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {options.contractors.length === 0 ? (
        <p className="notice">
          {t("admin.contracts.noContractors")} <a href="/admin/contractors/new">{t("admin.contractors.new")}</a>
        </p>
      ) : null}
      <Field form={form} name="serviceType" label={t("admin.contracts.serviceType")}>
        {(props) => (
          <select {...props} {...field("serviceType")} aria-readonly={locked || undefined}>
            <option value="">{t("admin.contracts.chooseServiceType")}</option>
            {SERVICE_TYPES.map((type) => (
              <option key={type} value={type} disabled={locked && type !== defaultValues.serviceType}>
                {t(`serviceTypes.${type}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="title" label={t("admin.contracts.titleField")}>
        {(props) => <input {...props} {...field("title")} autoComplete="off" />}
      </Field>
      <Field form={form} name="code" label={t("admin.contracts.code")} hint={t("admin.contracts.codeHint")}>
        {(props) => <input {...props} {...field("code")} autoComplete="off" />}
      </Field>
      <div className="field-row">
        <Field form={form} name="startOn" label={t("admin.contracts.startOn")}>
          {(props) => <input {...props} {...field("startOn")} type="date" />}
        </Field>
        <Field form={form} name="endOn" label={t("admin.contracts.endOn")}>
          {(props) => <input {...props} {...field("endOn")} type="date" />}
        </Field>
      </div>
      <Field form={form} name="annualValue" label={t("admin.contracts.annualValue")} hint={t("admin.contracts.annualValueHint")}>
        {(props) => <input {...props} {...field("annualValue")} inputMode="decimal" autoComplete="off" />}
      </Field>
      <Field form={form} name="quarterlyFee" label={t("admin.contracts.quarterlyFee")} hint={t("admin.contracts.quarterlyFeeHint")}>
        {(props) => <input {...props} {...field("quarterlyFee")} inputMode="decimal" autoComplete="off" />}
      </Field>
      {showStatus ? (
        <Field form={form} name="status" label={t("admin.contracts.status")}>
          {(props) => (
            <select {...props} {...field("status")}>
              {CONTRACT_STATUS_VALUES.map((s) => (
                <option key={s} value={s}>
                  {t(`admin.contracts.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}

      <fieldset
        className="checkbox-group"
        aria-describedby={`${sitesId}-hint${sitesError ? ` ${sitesId}-error` : ""}`}
        aria-invalid={Boolean(sitesError) || undefined}
      >
        <legend>{t("admin.contracts.sites")}</legend>
        <p className="hint" id={`${sitesId}-hint`}>
          {t("admin.contracts.sitesHint")}
        </p>
        {options.sites.length === 0 ? <p className="notice">{t("admin.contracts.noSites")}</p> : null}
        {options.sites.map((site) => (
          <label key={site.id} className="choice">
            <input {...checkbox("siteIds", site.id)} />
            {site.name}
          </label>
        ))}
        {sitesError ? (
          <p className="field-error" id={`${sitesId}-error`} role="alert">
            {message(String(sitesError))}
          </p>
        ) : null}
      </fieldset>

      <PaymentRuleEditor form={form} />

      <div className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
