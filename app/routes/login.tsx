import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listInvitationsForEmail } from "~/queries.server";
import { attemptLogin } from "~/auth/login.server";
import { getOptionalViewer, homeOf, startSession } from "~/auth/session.server";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { fields, msg, parseForm, type FieldErrors } from "~/utils/forms";
import { safeRedirect } from "~/utils/safe-redirect";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "登录 · 考评" }];

export const LoginSchema = z.object({
  email: fields.email(),
  password: z.string(msg("form.required")).min(1, msg("form.required")).max(200, msg("form.tooLong", { max: 200 })),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getOptionalViewer(request);
  if (viewer) throw redirect(homeOf(viewer.membership.role));
  return null;
}

type ActionResult = { fieldErrors: FieldErrors; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, LoginSchema);
  if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError }, { status: 400 });
  const outcome = await attemptLogin({
    email: parsed.data.email,
    password: parsed.data.password,
    ip: context.clientIp ?? "",
    now: now(),
  });
  if (outcome.ok === false && outcome.reason === "locked") {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return data<ActionResult>(
      { fieldErrors: {}, formError: msg("auth.login.locked", { minutes }) },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (!outcome.ok) return data<ActionResult>({ fieldErrors: {}, formError: msg(`login.${outcome.reason}`) }, { status: 400 });
  const setCookie = await startSession(request, { userId: outcome.userId, orgId: outcome.orgId, ip: context.clientIp });
  // Invitations waiting for this e-mail are shown first; the person accepts them there.
  const pending = await listInvitationsForEmail(db(), { email: parsed.data.email, now: now() });
  const next = pending.length > 0 ? "/invitations" : safeRedirect(parsed.data.redirectTo, homeOf(outcome.role));
  return redirect(next, { headers: { "Set-Cookie": setCookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { form, onSubmit } = useValidatedForm(LoginSchema, { serverErrors: actionData?.fieldErrors });
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      {searchParams.get("done") === "passwordReset" ? (
        <p className="notice" role="status">
          {t("auth.reset.done")}
        </p>
      ) : null}
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field form={form} name="email" label={t("login.email")}>
          {(props) => <input {...props} {...form.register("email")} type="email" autoComplete="username" inputMode="email" />}
        </Field>
        <Field form={form} name="password" label={t("login.password")}>
          {(props) => <input {...props} {...form.register("password")} type="password" autoComplete="current-password" />}
        </Field>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="hint">{t("login.demoHint")}</p>
    </div>
  );
}
