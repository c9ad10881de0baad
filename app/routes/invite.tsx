import { data, redirect, type ActionFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { msg, parseForm, type FieldErrors } from "~/utils/forms";
import surveyCss from "~/styles/survey.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "输入邀请码 · 满意度调查 · 考评" }, { name: "robots", content: "noindex" }];

/**
 * What a person types from a slip: spaces, dashes and lower case are
 * forgiven; the code itself is checked by the survey page it leads to.
 */
export const InviteCodeSchema = z.object({
  code: z
    .string(msg("form.required"))
    .transform((s) => s.replace(/[\s-]+/g, "").toUpperCase())
    .pipe(z.string().min(1, msg("form.required")).regex(/^[A-Z0-9]{4,16}$/, msg("survey.invite.invalid"))),
});

// Public: no sign-in. The page only forwards to /i/<code>, which does the checking.
export function loader() {
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, InviteCodeSchema, { maxBytes: 4 * 1024 });
  if (!parsed.ok) {
    return data<{ fieldErrors: FieldErrors; formError?: string }>(
      { fieldErrors: parsed.fieldErrors, formError: parsed.formError },
      { status: 400 },
    );
  }
  return redirect(`/i/${encodeURIComponent(parsed.data.code)}`);
}

export default function InviteEntry() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { form, onSubmit } = useValidatedForm(InviteCodeSchema, { serverErrors: actionData?.fieldErrors });
  const serverError = actionData?.fieldErrors.code?.[0];
  return (
    <div className="page narrow">
      <h1>{t("survey.invite.title")}</h1>
      <p>{t("survey.invite.intro")}</p>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={actionData?.formError} />
        {/* Without JavaScript the field's error comes from the action only. */}
        {serverError && !form.formState.errors.code ? <FormError message={serverError} /> : null}
        <Field form={form} name="code" label={t("survey.invite.code")} hint={t("survey.invite.codeHint")}>
          {(props) => (
            <input
              {...props}
              {...form.register("code")}
              className="invite-code-input"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              inputMode="text"
              maxLength={24}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("survey.invite.submit")}
        </button>
      </Form>
    </div>
  );
}
