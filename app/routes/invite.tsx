import { data, redirect, type ActionFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { normaliseInviteCode } from "../../domain/survey-rules";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { msg, parseForm, type FieldErrors } from "~/utils/forms";
import surveyCss from "~/styles/survey.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "输入邀请码 · 满意度调查 · 考评" }, { name: "robots", content: "noindex" }];

/**
 * What a person types from a slip: spaces, dashes and lower case are
 * forgiven; a code of the wrong length or with a character codes never have
 * (0, O, 1, I) is refused here, whether it exists is for the survey page.
 */
export const InviteCodeSchema = z.object({
  code: z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => s === "" || normaliseInviteCode(s) !== null, msg("survey.invite.invalid"))
    .transform((s) => normaliseInviteCode(s) ?? s),
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
  return (
    <div className="page narrow">
      <h1>{t("survey.invite.title")}</h1>
      <p>{t("survey.invite.intro")}</p>
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <FormError message={actionData?.formError} />
        <Field
          form={form}
          name="code"
          label={t("survey.invite.code")}
          hint={t("survey.invite.codeHint")}
        >
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
