/**
 * The contractor's appeal form (finding, repeat mark or veto): the choices
 * that may be appealed today, the reason and evidence photos; when none may,
 * why not. The finding's and the veto's pages both post it with intent "appeal".
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { PhotoField, usePhotoSubmit } from "~/components/photo-field";
import type { FindingFormAnswer } from "~/findings/rectify-form";
import { AppealFormSchema } from "~/portal/schemas";
import { echoValues } from "~/utils/forms";
import type { AppealRefusal, AppealTarget } from "../../domain/appeals";
import { MAX_PHOTOS } from "../../domain/findings";

/** Why a target cannot be appealed today ("already": it has been); null when it can. */
export type AppealChoiceRefusal = AppealRefusal | "already" | null;

const TARGET_LABEL: Record<AppealTarget, string> = {
  finding: "contractor.appeal.targetFinding",
  repeat: "contractor.appeal.targetRepeat",
  veto: "contractor.appeal.targetVeto",
};

export function AppealSection({
  closesOn,
  choices,
  answer,
}: {
  closesOn: string | null;
  choices: readonly { target: AppealTarget; refusal: AppealChoiceRefusal }[];
  answer?: FindingFormAnswer;
}) {
  const { t } = useTranslation();
  const photo = usePhotoSubmit();
  const targets = choices.filter((c) => c.refusal === null).map((c) => c.target);
  const firstRefusal = choices[0]?.refusal ?? null;
  const defaults = echoValues({ intent: "appeal" as const, target: targets[0] ?? choices[0]?.target ?? "finding", reason: "" }, answer?.values);
  const { form, field } = useValidatedForm(AppealFormSchema, { serverErrors: answer?.fieldErrors, defaultValues: defaults });
  // A veto is the only thing its page can appeal: no choice to make.
  const single = targets.length === 1 && targets[0] === "veto";
  return (
    <section className="finding-panel" aria-labelledby="appeal-title">
      <h2 id="appeal-title">{t("contractor.appeal.title")}</h2>
      {targets.length === 0 ? (
        <p className="muted">{firstRefusal ? t(`contractor.appeal.closed.${firstRefusal}`, { day: closesOn ?? "" }) : null}</p>
      ) : (
        <Form
          method="post"
          encType="multipart/form-data"
          noValidate
          onSubmit={(e) => {
            const target = e.currentTarget;
            void form.handleSubmit(() => photo.submit(target))(e);
          }}
        >
          <p className="hint">{t(single ? "contractor.appeal.vetoHint" : "contractor.appeal.hint")}</p>
          {closesOn ? <p>{t("contractor.appeal.window", { day: closesOn })}</p> : null}
          <input type="hidden" name="intent" value="appeal" />
          <FormError message={answer?.formError} />
          {single ? (
            <input type="hidden" {...form.register("target")} value="veto" />
          ) : (
            <fieldset className="field">
              <legend>{t("contractor.appeal.target")}</legend>
              {targets.map((target) => (
                <div className="checkbox-field" key={target}>
                  <input type="radio" id={`appeal-${target}`} {...form.register("target")} value={target} defaultChecked={defaults.target === target} />
                  <label htmlFor={`appeal-${target}`}>{t(TARGET_LABEL[target])}</label>
                </div>
              ))}
            </fieldset>
          )}
          <Field form={form} name="reason" label={t("contractor.appeal.reason")}>
            {(props) => <textarea {...props} {...field("reason")} rows={4} />}
          </Field>
          <PhotoField name="photos" max={MAX_PHOTOS} label={t("contractor.appeal.evidence")} error={answer?.fieldErrors?.photos?.[0]} />
          {photo.status}
          <button type="submit" className="primary" disabled={photo.busy}>
            {t("contractor.appeal.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
