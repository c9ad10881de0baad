/** The site form and the grid-cell form (the site page adds cells; a cell has its own page too). */
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { GridCellSchema, SITE_KIND_VALUES, SiteSchema } from "./schemas";
import { Field, FormError, useValidatedForm } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";

export type SiteValues = z.input<typeof SiteSchema>;
export type GridCellValues = z.input<typeof GridCellSchema>;

export function SiteForm({
  defaultValues,
  serverErrors,
  formError,
  submitLabel,
}: {
  defaultValues: SiteValues;
  serverErrors?: FieldErrors;
  formError?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, onSubmit, field } = useValidatedForm(SiteSchema, { defaultValues, serverErrors });
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError message={formError} />
      <Field form={form} name="name" label={t("admin.sites.name")}>
        {(props) => <input {...props} {...field("name")} autoComplete="off" />}
      </Field>
      <Field form={form} name="kind" label={t("admin.sites.kind")}>
        {(props) => (
          <select {...props} {...field("kind")}>
            <option value="">{t("admin.sites.chooseKind")}</option>
            {SITE_KIND_VALUES.map((k) => (
              <option key={k} value={k}>
                {t(`admin.sites.kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="address" label={t("admin.sites.address")}>
        {(props) => <input {...props} {...field("address")} autoComplete="off" />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

export function GridCellForm({
  intent,
  defaultValues,
  sites,
  leaders,
  serverErrors,
  formError,
  submitLabel,
}: {
  intent: "save" | "addCell";
  defaultValues: GridCellValues;
  /** Shown as a select; without it the site is fixed (a hidden field). */
  sites?: { id: string; name: string }[];
  leaders: { userId: string; name: string; email: string }[];
  serverErrors?: FieldErrors;
  formError?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, onSubmit, field } = useValidatedForm(GridCellSchema, { defaultValues, serverErrors });
  return (
    <Form method="post" className="form" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value={intent} />
      <FormError message={formError} />
      {sites ? (
        <Field form={form} name="siteId" label={t("admin.cells.site")}>
          {(props) => (
            <select {...props} {...field("siteId")}>
              <option value="">{t("admin.cells.chooseSite")}</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <input type="hidden" {...field("siteId")} />
      )}
      <Field form={form} name="code" label={t("admin.cells.code")} hint={t("admin.cells.codeHint")}>
        {(props) => <input {...props} {...field("code")} autoComplete="off" autoCapitalize="characters" />}
      </Field>
      <Field form={form} name="name" label={t("admin.cells.name")}>
        {(props) => <input {...props} {...field("name")} autoComplete="off" />}
      </Field>
      <Field form={form} name="patrolLeaderUserId" label={t("admin.cells.leader")}>
        {(props) => (
          <select {...props} {...field("patrolLeaderUserId")}>
            <option value="">{t("admin.cells.noLeader")}</option>
            {leaders.map((l) => (
              <option key={l.userId} value={l.userId}>
                {l.name}（{l.email}）
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
