import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { LocalisedText } from "../../../scoring/types";
import { FormError, useMessage } from "~/components/form-message";
import type { FieldErrors } from "~/utils/messages";
import { useLocale } from "~/utils/localise";
import { answerFieldName, COMMENT_FIELD, questionKey } from "../fields";
import { useHydrated } from "./use-hydrated";

/** 非常满意 5 … 非常不满意 1, in the order the questionnaire reads. */
export const CHOICES = ["5", "4", "3", "2", "1"] as const;

export interface SurveyFormProps {
  questions: { id: string; label: LocalisedText }[];
  commentMax: number;
  /** What the action sent back after a refusal: the values to keep and the errors to show. */
  values?: { answers: Record<string, string>; comment: string };
  serverErrors?: FieldErrors;
  formError?: string;
}

type Validate = (raw: { answers: Record<string, string>; comment: string }) => FieldErrors | null;

/**
 * The schema's check, loaded on first use: the survey page is what staff open on a
 * phone on a weak signal, so zod (about 16 kB gzip) and a form library are not in
 * its first load. It is the very schema the action parses (../schema.ts).
 */
async function loadValidate(questionIds: string[]): Promise<Validate> {
  const { surveyResponseSchema } = await import("../schema");
  const schema = surveyResponseSchema(questionIds);
  return (raw) => {
    const result = schema.safeParse(raw);
    if (result.success) return null;
    const errors: FieldErrors = {};
    for (const issue of result.error.issues) (errors[issue.path.map(String).join(".") || "_form"] ??= []).push(issue.message);
    return errors;
  };
}

/**
 * The questionnaire: one fieldset per question with the five labelled
 * choices as a radio group, a live "已答 3/8", an optional comment with a
 * counter and a summary of what is missing, linked to each question.
 * It is a plain `<Form method="post">`: without JavaScript the browser posts
 * it and the action re-renders it with the server's errors and the choices
 * already made; with JavaScript the same schema checks it first (loaded on the
 * first submit), and once it has refused, every change checks it again.
 * No react-hook-form here, on purpose: it and zod would be a fifth of the page.
 */
export function SurveyForm({ questions, commentMax, values, serverErrors, formError }: SurveyFormProps) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const message = useMessage();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [answers, setAnswers] = useState<Record<string, string>>(() => ({ ...values?.answers }));
  const [comment, setComment] = useState(values?.comment ?? "");
  // null: nothing checked in the browser yet, so the server's errors (if any) stand.
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const validate = useRef<Validate | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = clientErrors ?? serverErrors ?? {};
  const errorOf = (name: string) => errors[name]?.[0];
  const commentName = COMMENT_FIELD;

  const rawOf = (nextAnswers: Record<string, string>, nextComment: string) => ({
    answers: Object.fromEntries(questions.map((q) => [questionKey(q.id), nextAnswers[q.id] ?? ""])),
    comment: nextComment,
  });
  const questionIds = questions.map((q) => q.id);
  const recheck = async (nextAnswers: Record<string, string>, nextComment: string) => {
    // Nothing shown yet (a refusal with only a form-level message counts as nothing): do not nag while answering.
    if (clientErrors === null && Object.keys(serverErrors ?? {}).length === 0) return;
    validate.current ??= await loadValidate(questionIds);
    setClientErrors(validate.current(rawOf(nextAnswers, nextComment)) ?? {});
  };
  const onAnswer = (id: string, value: string) => {
    const next = { ...answers, [id]: value };
    setAnswers(next);
    void recheck(next, comment);
  };
  const onComment = (value: string) => {
    setComment(value);
    void recheck(answers, value);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void (async () => {
      try {
        validate.current ??= await loadValidate(questionIds);
      } catch {
        return submit(form); // the check could not load (offline?): the server checks anyway
      }
      const found = validate.current(rawOf(answers, comment));
      setClientErrors(found ?? {});
      if (!found) return submit(form);
      const first = questions.find((q) => found[answerFieldName(q.id)]);
      if (first) document.getElementById(`q-${first.id}`)?.focus();
      else summaryRef.current?.focus();
    })();
  };

  const answered = questions.filter((q) => (answers[q.id] ?? "") !== "").length;
  // Characters as a person (and the server) counts them: code points, not UTF-16 units.
  const commentLength = [...comment].length;

  const problems = [
    ...questions.flatMap((q, i) => {
      const error = errorOf(answerFieldName(q.id));
      // The question is named here; its own message is shown beside it.
      return error ? [{ href: `#q-${q.id}`, text: t("survey.form.unansweredQuestion", { n: i + 1, label: pick(q.label) }) }] : [];
    }),
    ...(errorOf(commentName) ? [{ href: "#survey-comment", text: t("survey.form.comment") }] : []),
  ];
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" className="survey-form" onSubmit={onSubmit} noValidate>
      {problems.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={summaryRef}>
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
        const name = answerFieldName(q.id);
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
                    name={name}
                    onChange={(e) => onAnswer(q.id, e.currentTarget.value)}
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
          name={commentName}
          onChange={(e) => onComment(e.currentTarget.value)}
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
