import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { completePasswordReset, findPasswordReset, hashToken } from "~/queries.server";
import { PASSWORD_MIN } from "~/admin/schemas";
import { hashPassword } from "~/auth/password.server";
import { ResetPasswordSchema } from "~/auth/schemas";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "设置新密码 · 考评" }, { name: "referrer", content: "no-referrer" }];

/** A password-reset link an admin made: sets a new password once, then every session of the user ends. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findPasswordReset(db(), { tokenHash: hashToken(params.token ?? ""), now: now() });
  if (!reset) throw new Response("Not found", { status: 404 });
  return { email: reset.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ResetPasswordSchema);
  if (!parsed.ok) return data<{ fieldErrors: FieldErrors; formError?: string }>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError }, { status: 400 });
  const tokenHash = hashToken(params.token ?? "");
  const at = now();
  // Refuse a dead link before the slow hash.
  if (!(await findPasswordReset(db(), { tokenHash, now: at }))) throw new Response("Not found", { status: 404 });
  const passwordHash = await hashPassword(parsed.data.password);
  const result = await completePasswordReset(db(), { tokenHash, passwordHash, now: at, ip: context.clientIp });
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return redirect("/login?done=passwordReset");
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form, onSubmit, field } = useValidatedForm(ResetPasswordSchema, {
    defaultValues: { password: "" },
    serverErrors: actionData?.fieldErrors,
  });
  return (
    <div className="page narrow">
      <h1>{t("auth.reset.title")}</h1>
      <p>{t("auth.reset.intro", { email })}</p>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={actionData?.formError} />
        <Field form={form} name="password" label={t("auth.reset.password")} hint={t("auth.join.passwordHint", { min: PASSWORD_MIN })}>
          {(props) => <input {...props} {...field("password")} type="password" autoComplete="new-password" />}
        </Field>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("auth.reset.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("auth.reset.invalidTitle")}</h1>
      <p>{t("auth.reset.invalidBody")}</p>
    </div>
  );
}
