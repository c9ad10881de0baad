import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { acceptInvitation, acceptInvitationWithNewAccount, findInvitationByToken, hashToken } from "~/queries.server";
import { PASSWORD_MIN } from "~/admin/schemas";
import { hashPassword } from "~/auth/password.server";
import { JoinActionSchema, JoinNewSchema } from "~/auth/schemas";
import { getOptionalViewer, homeOf, requireUser, startSession } from "~/auth/session.server";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { msg, parseForm, type FieldErrors } from "~/utils/forms";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "接受邀请 · 考评" }, { name: "referrer", content: "no-referrer" }];

/**
 * An invitation link. The page is the same whether or not the invited e-mail
 * has an account (it offers both ways), so the link tells its holder nothing
 * about the account; a signed-in invitee accepts with one button.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitationByToken(db(), { tokenHash: hashToken(params.token ?? ""), now: now() });
  if (!invitation) throw new Response("Not found", { status: 404 });
  const viewer = await getOptionalViewer(request);
  return {
    invalid: false as const,
    invitation: { id: invitation.id, orgName: invitation.orgName, email: invitation.email, role: invitation.role, contractorName: invitation.contractorName },
    signedIn: viewer ? { isInvitee: viewer.user.email === invitation.email } : null,
  };
}

type ActionAnswer = { fieldErrors: FieldErrors; formError?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const tokenHash = hashToken(params.token ?? "");
  const at = now();
  const parsed = await parseForm(request, JoinActionSchema);
  if (!parsed.ok) return data<ActionAnswer>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "accept") {
    const viewer = await requireUser(request);
    const invitation = await findInvitationByToken(db(), { tokenHash, now: at });
    if (!invitation || invitation.id !== input.invitationId) throw new Response("Not found", { status: 404 });
    const result = await acceptInvitation(db(), { id: invitation.id, userId: viewer.user.id, email: viewer.user.email, now: at, ip: context.clientIp });
    if (!result.ok) return data<ActionAnswer>({ fieldErrors: {}, formError: msg("auth.join.wrongAccount") }, { status: 403 });
    return redirect("/org");
  }
  // Refuse a dead link before the slow hash (no hashing on demand for made-up tokens),
  // and hash before the write, never inside it.
  if (!(await findInvitationByToken(db(), { tokenHash, now: at }))) throw new Response("Not found", { status: 404 });
  const passwordHash = await hashPassword(input.password);
  const result = await acceptInvitationWithNewAccount(db(), { tokenHash, name: input.name, passwordHash, now: at, ip: context.clientIp });
  if (!result.ok) {
    if (result.error === "not_found") throw new Response("Not found", { status: 404 });
    return data<ActionAnswer>({ fieldErrors: {}, formError: msg("auth.join.hasAccount") }, { status: 409 });
  }
  const setCookie = await startSession(request, { userId: result.userId, orgId: result.orgId, ip: context.clientIp });
  return redirect(homeOf(result.role), { headers: { "Set-Cookie": setCookie } });
}

export default function Join() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form, onSubmit, field } = useValidatedForm(JoinNewSchema, {
    defaultValues: { intent: "create", name: "", password: "" },
    serverErrors: actionData?.fieldErrors,
  });
  const { invitation, signedIn } = loaded;
  const org = invitation.orgName;
  return (
    <div className="page narrow">
      <h1>{t("auth.join.title", { org })}</h1>
      <p>{t("auth.join.intro", { org, role: t(`roles.${invitation.role}`), email: invitation.email })}</p>
      {invitation.contractorName ? <p>{t("auth.join.contractorOf", { contractor: invitation.contractorName })}</p> : null}
      <FormError message={actionData?.formError} />
      {signedIn ? (
        signedIn.isInvitee ? (
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="invitationId" value={invitation.id} />
            <button type="submit" className="primary">
              {t("auth.join.accept")}
            </button>
          </Form>
        ) : (
          <p className="form-error">{t("auth.join.wrongAccount")}</p>
        )
      ) : (
        <>
          <section aria-labelledby="join-existing">
            <h2 id="join-existing">{t("auth.join.existingTitle")}</h2>
            <p>{t("auth.join.existingBody")}</p>
            <Link to="/login?redirectTo=/invitations" className="button secondary">
              {t("auth.join.signIn")}
            </Link>
          </section>
          <section aria-labelledby="join-new">
            <h2 id="join-new">{t("auth.join.newTitle")}</h2>
            <Form method="post" className="form" onSubmit={onSubmit} noValidate>
              <input type="hidden" name="intent" value="create" />
              <Field form={form} name="name" label={t("auth.join.name")}>
                {(props) => <input {...props} {...field("name")} autoComplete="name" />}
              </Field>
              <Field form={form} name="password" label={t("auth.join.password")} hint={t("auth.join.passwordHint", { min: PASSWORD_MIN })}>
                {(props) => <input {...props} {...field("password")} type="password" autoComplete="new-password" />}
              </Field>
              <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
                {t("auth.join.create")}
              </button>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("auth.join.invalidTitle")}</h1>
      <p>{t("auth.join.invalidBody")}</p>
    </div>
  );
}
