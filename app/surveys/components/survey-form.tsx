import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { get, useWatch, type FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { LocalisedText } from "../../../scoring/types";
import { FormError, useFieldError, useMessage, useValidatedForm } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";
import { useLocale } from "~/utils/localise";
import { useHydrated } from "./use-hydrated";

/** 非常满意 5 … 非常不满意 1, in the order the questionnaire reads. */
export const CHOICES = ["5", "4", "3", "2", "1"] as const;

export interface SurveyFormProps<S extends z.core.$ZodType<FieldValues, FieldValues>> {
  questions: { id: string; label: LocalisedText }[];
  /** `surveyResponseSchema(questionIds)`: the same schema the action parses. */
  schema: S;
  /** Form field name of a question's answer, e.g. `answers.q1`. */
  answerName: (questionId: string) => string;
  commentName: string;
  commentMax: number;
  /** What the action sent back after a refusal: the values to keep and the errors to show. */
  values?: { answers: Record<string, string>; comment: string };
  serverErrors?: FieldErrors;
  formError?: string;
}

/**
 * The questionnaire: one fieldset per question with the five labelled
 * choices as a radio group, a live "已答 3/8", an optional comment with a
 * counter and a summary of what is missing, linked to each question.
 * It is a plain `<Form method="post">`: without JavaScript the browser posts
 * it and the action re-renders it with the server's errors and the choices
 * already made; with JavaScript react-hook-form checks it first.
 */
export function SurveyForm<S extends z.core.$ZodType<FieldValues, FieldValues>>({
  questions,
  schema,
  answerName,
  commentName,
  commentMax,
  values,
  serverErrors,
  formError,
}: SurveyFormProps<S>) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const message = useMessage();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const defaultValues = useMemo(() => {
    const out: Record<string, unknown> = {};
    // "" rather than undefined: react-hook-form reads an untouched radio group as null, which
    // the schema reports as an invalid answer; "" is reported as a missing one.
    for (const q of questions) setDotted(out, answerName(q.id), values?.answers[q.id] ?? "");
    setDotted(out, commentName, values?.comment ?? "");
    return out;
  }, [questions, answerName, commentName, values]);
  const { form, onSubmit } = useValidatedForm(schema, { defaultValues: defaultValues as never, serverErrors });
  const watched = useWatch({ control: form.control }) as Record<string, unknown>;

  // The server's errors from the first render (without JavaScript too), the browser's checks once hydrated.
  const errorOf = useFieldError(form);
  const answeredNow = (id: string) => {
    const value = hydrated ? get(watched, answerName(id)) : values?.answers[id];
    return typeof value === "string" && value !== "";
  };
  const answered = questions.filter((q) => answeredNow(q.id)).length;
  const comment = String((hydrated ? get(watched, commentName) : values?.comment) ?? "");
  // Characters as a person (and the server) counts them: code points, not UTF-16 units.
  const commentLength = [...comment].length;

  const problems = [
    ...questions.flatMap((q, i) => {
      const error = errorOf(answerName(q.id));
      // The question is named here; its own message is shown beside it.
      return error ? [{ href: `#q-${q.id}`, text: t("survey.form.unansweredQuestion", { n: i + 1, label: pick(q.label) }) }] : [];
    }),
    ...(errorOf(commentName) ? [{ href: "#survey-comment", text: t("survey.form.comment") }] : []),
  ];
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" className="survey-form" onSubmit={onSubmit} noValidate>
      {problems.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">{t("survey.form.summaryTitle", { count: problems.length })}</h2>
          <ul>
            {problems.map((p) => (
              <li key={p.href}>
                <a href={p.href}>{p.text}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormError message={formError} />
      {hydrated ? (
        <div className="survey-progress" role="status" aria-live="polite">
          <span>{t("survey.form.progress", { answered, total: questions.length })}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${(answered / Math.max(1, questions.length)) * 100}%` }} />
          </span>
        </div>
      ) : null}
      {questions.map((q, i) => {
        const name = answerName(q.id);
        const error = errorOf(name);
        const errorId = `q-${q.id}-error`;
        const initial = values?.answers[q.id];
        return (
          <fieldset key={q.id} className={error ? "question invalid" : "question"} aria-describedby={error ? errorId : undefined}>
            <legend>
              <span className="qno">{t("survey.form.questionNumber", { n: i + 1 })}</span>
              {pick(q.label)}
            </legend>
            <div className="choices">
              {CHOICES.map((value, k) => (
                <label key={value} className="choice">
                  <input
                    {...form.register(name as never)}
                    type="radio"
                    value={value}
                    id={k === 0 ? `q-${q.id}` : undefined}
                    defaultChecked={initial === value}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                  />
                  <span className="choice-box">
                    <span className="choice-value" aria-hidden="true">
                      {value}
                    </span>
                    <span className="choice-label">{t(`survey.choices.${value}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            {error ? (
              <p className="field-error" id={errorId}>
                {message(error)}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="field survey-comment">
        <label htmlFor="survey-comment">{t("survey.form.comment")}</label>
        <p className="hint" id="survey-comment-hint">
          {t("survey.form.commentHint")}
        </p>
        <textarea
          {...form.register(commentName as never)}
          id="survey-comment"
          rows={4}
          maxLength={commentMax}
          defaultValue={values?.comment ?? ""}
          aria-invalid={errorOf(commentName) ? true : undefined}
          aria-describedby={`survey-comment-hint survey-comment-count${errorOf(commentName) ? " survey-comment-error" : ""}`}
        />
        <p className={commentLength > commentMax ? "counter over" : "counter"} id="survey-comment-count">
          {t("survey.form.commentCount", { count: commentLength, max: commentMax })}
        </p>
        {errorOf(commentName) ? (
          <p className="field-error" id="survey-comment-error">
            {message(errorOf(commentName))}
          </p>
        ) : null}
      </div>
      <button type="submit" className="primary survey-submit" disabled={submitting}>
        {submitting ? t("survey.form.submitting") : t("survey.form.submit")}
      </button>
    </Form>
  );
}

function setDotted(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    node = (typeof child === "object" && child !== null ? child : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}
