/**
 * Edits a contract's payment rule in the contract form — never as raw JSON:
 * either a step table (rows of "总分 ≥ N 分 付 P %", add/remove rows, one must
 * start at 0) or "below N pays (base + total) %". A live preview runs the
 * scoring module's own `quarterPayment` on a few example totals, so what the
 * admin sees is exactly what the quarter will pay.
 *
 * Without JavaScript both kinds stay visible (CSS `:has()` hides the other
 * one where supported) and the chosen radio decides; the default rows can be
 * edited and submitted, only adding/removing rows needs the script. Default
 * values are written into the inputs as well as given to react-hook-form,
 * which fills inputs only in the browser.
 */
import { useId } from "react";
import { get, useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { quarterPayment } from "../../scoring/payment";
import { formatFen, optionalYuanToFen, yuanToFen } from "./money";
import { MAX_STEPS, PAYMENT_KINDS, toPaymentRule } from "./payment-rule";
import type { ContractValues } from "./schemas";
import { useMessage } from "~/components/form";
import { useLocale } from "~/utils/localise";

/** Used for the preview until the annual value is filled in: 100 000 yuan a quarter. */
const SAMPLE_QUARTER_FEE_FEN = 10_000_000;
const EXAMPLE_TOTALS = [100, 90, 85, 80, 70, 60, 45] as const;

export function PaymentRuleEditor({ form }: { form: UseFormReturn<ContractValues> }) {
  const { t } = useTranslation();
  const message = useMessage();
  const id = useId();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "steps" });
  const errors = form.formState.errors;
  const errorOf = (path: string): string | undefined => {
    const e = get(errors, path) as { message?: string; root?: { message?: string } } | undefined;
    return e?.message ?? e?.root?.message;
  };
  const stepsError = errorOf("steps");

  return (
    <fieldset className="payment-editor">
      <legend>{t("admin.payment.legend")}</legend>
      <p className="hint">{t("admin.payment.intro")}</p>

      <fieldset className="payment-kinds">
        <legend>{t("admin.payment.kind")}</legend>
        {PAYMENT_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input
              type="radio"
              value={kind}
              {...form.register("paymentKind")}
              defaultChecked={get(form.formState.defaultValues, "paymentKind") === kind}
            />
            {t(`admin.payment.kinds.${kind}`)}
          </label>
        ))}
        <FieldMessage id={`${id}-kind-error`} text={message(errorOf("paymentKind"))} />
      </fieldset>

      <div className="payment-steps" data-kind="steps">
        <div className="table-scroll">
          <table className="steps-table" aria-describedby={`${id}-steps-hint${stepsError ? ` ${id}-steps-error` : ""}`}>
            <caption>{t("admin.payment.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.payment.row")}</th>
                <th scope="col">{t("admin.payment.minTotal")}</th>
                <th scope="col">{t("admin.payment.percent")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.list.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field, index) => {
                const row = index + 1;
                const minError = errorOf(`steps.${index}.minTotal`);
                const percentError = errorOf(`steps.${index}.percent`);
                return (
                  <tr key={field.id}>
                    <th scope="row">
                      {/* A bare number on screen (room on a phone), the full "第 n 档" for screen readers. */}
                      <span aria-hidden="true">{row}</span>
                      <span className="visually-hidden">{t("admin.payment.rowN", { row })}</span>
                    </th>
                    <td>
                      <span className="step-input">
                        <span aria-hidden="true">≥</span>
                        <input
                          {...form.register(`steps.${index}.minTotal`)}
                          defaultValue={field.minTotal}
                          inputMode="decimal"
                          autoComplete="off"
                          aria-label={t("admin.payment.minTotalOf", { row })}
                          aria-invalid={Boolean(minError)}
                          aria-describedby={minError ? `${id}-min-${index}` : undefined}
                        />
                        <span aria-hidden="true">分</span>
                      </span>
                      <FieldMessage id={`${id}-min-${index}`} text={message(minError)} />
                    </td>
                    <td>
                      <span className="step-input">
                        <span aria-hidden="true">付</span>
                        <input
                          {...form.register(`steps.${index}.percent`)}
                          defaultValue={field.percent}
                          inputMode="decimal"
                          autoComplete="off"
                          aria-label={t("admin.payment.percentOf", { row })}
                          aria-invalid={Boolean(percentError)}
                          aria-describedby={percentError ? `${id}-pct-${index}` : undefined}
                        />
                        <span aria-hidden="true">%</span>
                      </span>
                      <FieldMessage id={`${id}-pct-${index}`} text={message(percentError)} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary remove-row"
                        onClick={() => remove(index)}
                        disabled={fields.length <= 1}
                        aria-label={t("admin.payment.removeRowOf", { row })}
                        title={t("admin.payment.removeRowOf", { row })}
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="hint" id={`${id}-steps-hint`}>
          {t("admin.payment.stepsHint")}
        </p>
        <FieldMessage id={`${id}-steps-error`} text={message(stepsError)} />
        <button
          type="button"
          className="secondary"
          onClick={() => append({ minTotal: "", percent: "" })}
          disabled={fields.length >= MAX_STEPS}
        >
          {t("admin.payment.addRow")}
        </button>
      </div>

      <div className="payment-linear" data-kind="linear_below">
        <PercentField form={form} name="threshold" label={t("admin.payment.threshold")} hint={t("admin.payment.thresholdHint")} />
        <PercentField form={form} name="base" label={t("admin.payment.base")} hint={t("admin.payment.baseHint")} />
      </div>

      <PercentField form={form} name="vetoPercent" label={t("admin.payment.vetoPercent")} hint={t("admin.payment.vetoHint")} />

      <PaymentPreview form={form} />
    </fieldset>
  );
}

function FieldMessage({ id, text }: { id: string; text: string }) {
  if (!text) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {text}
    </p>
  );
}

function PercentField({
  form,
  name,
  label,
  hint,
}: {
  form: UseFormReturn<ContractValues>;
  name: "threshold" | "base" | "vetoPercent";
  label: string;
  hint: string;
}) {
  const id = useId();
  const message = useMessage();
  const error = form.formState.errors[name]?.message;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        {...form.register(name)}
        defaultValue={(get(form.formState.defaultValues, name) as string | undefined) ?? ""}
        inputMode="decimal"
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <FieldMessage id={`${id}-error`} text={message(error ? String(error) : undefined)} />
    </div>
  );
}

/** What a few quarter totals would pay under the rule as typed, by `quarterPayment` itself. */
function PaymentPreview({ form }: { form: UseFormReturn<ContractValues> }) {
  const { t } = useTranslation();
  const { locale, number } = useLocale();
  const [paymentKind, steps, threshold, base, vetoPercent, annualValue, quarterlyFee] = useWatch({
    control: form.control,
    name: ["paymentKind", "steps", "threshold", "base", "vetoPercent", "annualValue", "quarterlyFee"],
  });
  const rule = toPaymentRule({ paymentKind, steps, threshold, base, vetoPercent });
  const annualFen = yuanToFen(annualValue ?? "");
  const ownFen = optionalYuanToFen(quarterlyFee ?? "");
  // A full Q1..Q3 quarter as scoring/fee.ts reckons it (Q4 adds the odd fen).
  const feeFen = ownFen ?? (annualFen === null ? SAMPLE_QUARTER_FEE_FEN : Math.floor(annualFen / 4));
  const examples = rule
    ? [
        ...EXAMPLE_TOTALS.map((total) => ({ total, vetoed: false })),
        ...(rule.vetoPercent !== undefined ? [{ total: 85, vetoed: true }] : []),
      ].map((score) => ({ ...score, ...quarterPayment(rule, score, feeFen) }))
    : [];
  return (
    <section className="payment-preview" aria-labelledby="payment-preview-title">
      <h3 id="payment-preview-title">{t("admin.payment.preview.title")}</h3>
      <p className="hint">
        {ownFen !== null
          ? t("admin.payment.preview.introOwnFee", { fee: formatFen(feeFen, locale) })
          : annualFen === null
            ? t("admin.payment.preview.introNoFee", { fee: formatFen(feeFen, locale) })
            : t("admin.payment.preview.intro", { fee: formatFen(feeFen, locale) })}
      </p>
      {rule ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("admin.payment.preview.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.payment.preview.total")}</th>
                <th scope="col" className="num">
                  {t("admin.payment.preview.percent")}
                </th>
                <th scope="col" className="num">
                  {t("admin.payment.preview.payable")}
                </th>
                <th scope="col" className="num">
                  {t("admin.payment.preview.deducted")}
                </th>
              </tr>
            </thead>
            <tbody>
              {examples.map((e) => (
                <tr key={`${e.total}-${e.vetoed}`}>
                  <th scope="row">
                    {e.vetoed ? t("admin.payment.preview.vetoed", { total: e.total }) : t("admin.payment.preview.points", { total: e.total })}
                  </th>
                  <td className="num">{number(e.percent, 2)} %</td>
                  <td className="num">{formatFen(e.payableFen, locale)}</td>
                  <td className="num">{formatFen(e.deductedFen, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{t("admin.payment.preview.invalid")}</p>
      )}
    </section>
  );
}
