/**
 * The rubric editor (issue 13): a draft edited in a real form, never as
 * JSON. Dimensions with their points and the running total, the inspection
 * items of each findings dimension (added, renamed, removed, moved, a
 * deduction per severity), veto and bonus items, the bonus cap, the factors,
 * the grade bands, the satisfaction rule and the questionnaire.
 *
 * It is a plain `<Form method="post">` with intent "save": without
 * JavaScript every field is in the HTML with its value and posts as
 * `dimensions.0.items.1.deduction.major`; only adding, removing and moving
 * rows need the script. Errors — the schema's in the browser, the server's
 * (`validateRubric`'s, mapped to the same names) from the first render —
 * show at their fields, linked with aria-describedby. A published version is
 * the same form, disabled.
 */
import { Form } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useFieldArray, useWatch, type Path, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { newQuestionId, newRubricItemId } from "../../../scoring/rubric-ids";
import { SEVERITIES, type ServiceType } from "../../../scoring/types";
import { runningTotal, type LabelValues, type RubricFormValues } from "./form-model";
import { RubricFormSchema, RUBRIC_FORM_LIMITS } from "./schema";
import { errorMessage, Field, FormError, useMessage, useValidatedForm } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";
import { useLocale } from "~/utils/localise";

type Form = UseFormReturn<RubricFormValues>;
type Name = Path<RubricFormValues>;

export interface RubricEditorProps {
  defaultValues: RubricFormValues;
  serviceType: ServiceType;
  /** Ids the organisation's versions of this type (and the default) have used: new ids avoid them. */
  takenIds: readonly string[];
  serverErrors?: FieldErrors;
  formError?: string;
  /** A published or retired version: shown, not editable. */
  readOnly?: boolean;
}

export function RubricEditor({ defaultValues, serviceType, takenIds, serverErrors, formError, readOnly = false }: RubricEditorProps) {
  const { t } = useTranslation();
  const { form, onSubmit } = useValidatedForm(RubricFormSchema, { defaultValues, serverErrors });
  /** Every id in use: the loader's plus the form's own, so two new rows never get the same id. */
  const taken = (): Set<string> => {
    const v = form.getValues();
    const ids = [
      ...takenIds,
      ...(v.dimensions ?? []).flatMap((d) => (d.items ?? []).map((it) => it.id)),
      ...(v.vetoItems ?? []).map((x) => x.id),
      ...(v.bonusItems ?? []).map((x) => x.id),
      ...(v.questionnaire ?? []).map((x) => x.id),
    ];
    return new Set(ids);
  };
  const ctx: EditorContext = { form, serviceType, taken };
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="rubric-editor">
      <input type="hidden" name="intent" value="save" />
      <FormError message={formError} />
      <FormError message={serverErrors?._form?.[0]} />
      <fieldset disabled={readOnly} className="rubric-editor-body">
        <TextField form={form} name="version" label={t("rubriceditor.editor.version")} hint={t("rubriceditor.editor.versionHint")} />
        <Dimensions ctx={ctx} />
        <NamedRows ctx={ctx} kind="vetoItems" />
        <NamedRows ctx={ctx} kind="bonusItems" />
        <Settings form={form} />
        <NamedRows ctx={ctx} kind="questionnaire" />
      </fieldset>
      {readOnly ? null : (
        <p className="actions">
          <button type="submit" className="primary">
            {t("rubriceditor.editor.save")}
          </button>
        </p>
      )}
    </Form>
  );
}

interface EditorContext {
  form: Form;
  serviceType: ServiceType;
  taken: () => Set<string>;
}

/** One text input with its label, hint and error (the shared `Field`), its value in the HTML for a form without JavaScript. */
function TextField({
  form,
  name,
  label,
  hint,
  inputMode,
  value,
}: {
  form: Form;
  name: string;
  label: string;
  hint?: string;
  inputMode?: "decimal" | "numeric";
  /** The row's value (a field-array row); otherwise read from the form's defaults. */
  value?: string;
}) {
  const initial = value ?? (form.getValues(name as Name) as unknown);
  return (
    <Field form={form} name={name as Name} label={label} hint={hint}>
      {(props) => (
        <input
          {...props}
          {...form.register(name as Name)}
          defaultValue={typeof initial === "string" ? initial : ""}
          inputMode={inputMode}
          autoComplete="off"
        />
      )}
    </Field>
  );
}

function Hidden({ form, name, value }: { form: Form; name: string; value: string }) {
  return <input type="hidden" {...form.register(name as Name)} defaultValue={value} />;
}

function LabelFields({ form, name, value }: { form: Form; name: string; value: LabelValues }) {
  const { t } = useTranslation();
  return (
    <div className="field-row">
      <TextField form={form} name={`${name}.zh-CN`} label={t("rubriceditor.editor.labelZh")} value={value["zh-CN"]} />
      <TextField form={form} name={`${name}.en`} label={t("rubriceditor.editor.labelEn")} value={value.en} />
    </div>
  );
}

/** An error of a list or of a field that has no input (an id), read out when it appears. */
function GroupError({ form, name, id }: { form: Form; name: string; id?: string }) {
  const message = useMessage();
  const error = errorMessage(form.formState.errors, name);
  if (!error) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message(error)}
    </p>
  );
}

function Dimensions({ ctx }: { ctx: EditorContext }) {
  const { t } = useTranslation();
  const { form } = ctx;
  const id = useId();
  const { fields } = useFieldArray({ control: form.control, name: "dimensions", keyName: "_key" });
  return (
    <fieldset className="rubric-section" aria-describedby={`${id}-total`}>
      <legend>{t("rubriceditor.editor.dimensions")}</legend>
      <p className="hint">{t("rubriceditor.editor.dimensionsHint")}</p>
      {fields.map((dim, i) => (
        <fieldset key={dim._key} className="rubric-dimension">
          <legend>
            <DimensionName form={form} index={i} />
          </legend>
          <Hidden form={form} name={`dimensions.${i}.id`} value={dim.id} />
          <Hidden form={form} name={`dimensions.${i}.source`} value={dim.source} />
          <LabelFields form={form} name={`dimensions.${i}.label`} value={dim.label} />
          <TextField form={form} name={`dimensions.${i}.max`} label={t("rubriceditor.editor.max")} inputMode="decimal" value={dim.max} />
          {dim.source === "survey" ? <p className="hint">{t("rubriceditor.editor.survey")}</p> : <Items ctx={ctx} dimension={i} dimensionId={dim.id} />}
        </fieldset>
      ))}
      <RunningTotal form={form} id={`${id}-total`} />
    </fieldset>
  );
}

function DimensionName({ form, index }: { form: Form; index: number }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const label = useWatch({ control: form.control, name: `dimensions.${index}.label` });
  const name = label && (label["zh-CN"] || label.en) ? pick(label) : "";
  return <>{name || t("rubriceditor.editor.dimension", { n: index + 1 })}</>;
}

/** "合计 99 分，必须等于 100 分", live as the maxima are typed, with validateRubric's own refusal of the total. */
function RunningTotal({ form, id }: { form: Form; id: string }) {
  const { t } = useTranslation();
  const { number } = useLocale();
  const dimensions = useWatch({ control: form.control, name: "dimensions" });
  const total = runningTotal(dimensions ?? []);
  const text =
    total === null
      ? t("rubriceditor.editor.totalUnknown")
      : total === 100
        ? t("rubriceditor.editor.totalOk")
        : t("rubriceditor.editor.totalMust", { total: number(total) });
  return (
    <div className="rubric-total" id={id}>
      <p role="status" className={total === 100 ? "rubric-total-ok" : "rubric-total-off"}>
        {text}
      </p>
      <GroupError form={form} name="dimensions" />
    </div>
  );
}

function RowButtons({ what, index, count, onMove, onRemove, minRows = 0 }: { what: string; index: number; count: number; onMove: (to: number) => void; onRemove: () => void; minRows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="rubric-row-buttons">
      <button type="button" className="secondary small-button" onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={t("rubriceditor.editor.moveUpOf", { what })}>
        <span aria-hidden="true">↑</span> <span className="rubric-button-text">{t("rubriceditor.editor.moveUp")}</span>
      </button>
      <button type="button" className="secondary small-button" onClick={() => onMove(index + 1)} disabled={index === count - 1} aria-label={t("rubriceditor.editor.moveDownOf", { what })}>
        <span aria-hidden="true">↓</span> <span className="rubric-button-text">{t("rubriceditor.editor.moveDown")}</span>
      </button>
      <button type="button" className="secondary small-button danger" onClick={onRemove} disabled={count <= minRows} aria-label={t("rubriceditor.editor.removeOf", { what })}>
        {t("rubriceditor.editor.remove")}
      </button>
    </div>
  );
}

function IdLine({ form, name, id }: { form: Form; name: string; id: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint mono rubric-id">{t("rubriceditor.editor.id", { id })}</p>
      <GroupError form={form} name={name} />
    </>
  );
}

function Items({ ctx, dimension, dimensionId }: { ctx: EditorContext; dimension: number; dimensionId: string }) {
  const { t } = useTranslation();
  const { form, serviceType, taken } = ctx;
  const name = `dimensions.${dimension}.items` as const;
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name, keyName: "_key" });
  const dimLabel = useWatch({ control: form.control, name: `dimensions.${dimension}.label` });
  const { pick } = useLocale();
  const dimensionName = dimLabel ? pick(dimLabel) : t("rubriceditor.editor.dimension", { n: dimension + 1 });
  return (
    <fieldset className="rubric-items">
      <legend>{t("rubriceditor.editor.items", { dimension: dimensionName })}</legend>
      <GroupError form={form} name={name} />
      <ol className="rubric-rows">
        {fields.map((item, j) => {
          const what = t("rubriceditor.editor.itemOf", { dimension: dimensionName, n: j + 1 });
          const base = `${name}.${j}`;
          return (
            <li key={item._key}>
              <fieldset className="rubric-row">
                <legend>{t("rubriceditor.editor.item", { n: j + 1 })}</legend>
                <Hidden form={form} name={`${base}.id`} value={item.id} />
                <IdLine form={form} name={`${base}.id`} id={item.id} />
                <LabelFields form={form} name={`${base}.label`} value={item.label} />
                <fieldset className="rubric-deductions">
                  <legend>{t("rubriceditor.editor.deduction")}</legend>
                  <div className="rubric-deduction-row">
                    {SEVERITIES.map((s) => (
                      <TextField key={s} form={form} name={`${base}.deduction.${s}`} label={t(`rubriceditor.editor.severity.${s}`)} inputMode="decimal" value={item.deduction[s]} />
                    ))}
                  </div>
                </fieldset>
                <RowButtons what={what} index={j} count={fields.length} onMove={(to) => move(j, to)} onRemove={() => remove(j)} minRows={1} />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="secondary"
        disabled={fields.length >= RUBRIC_FORM_LIMITS.items}
        onClick={() =>
          append({ id: newRubricItemId(serviceType, dimensionId, taken()), label: { "zh-CN": "", en: "" }, deduction: { minor: "", major: "", critical: "" } })
        }
      >
        {t("rubriceditor.editor.addItem")}
      </button>
    </fieldset>
  );
}

const NAMED = {
  vetoItems: { legend: "rubriceditor.editor.veto", row: "rubriceditor.editor.vetoItem", add: "rubriceditor.editor.addVeto", limit: RUBRIC_FORM_LIMITS.vetoItems },
  bonusItems: { legend: "rubriceditor.editor.bonus", row: "rubriceditor.editor.bonusItem", add: "rubriceditor.editor.addBonus", limit: RUBRIC_FORM_LIMITS.bonusItems },
  questionnaire: { legend: "rubriceditor.editor.questionnaire", row: "rubriceditor.editor.question", add: "rubriceditor.editor.addQuestion", limit: RUBRIC_FORM_LIMITS.questions },
} as const;

/** Veto items, bonus items (with points, and the cap) or questions: rows of a label, added, removed and moved. */
function NamedRows({ ctx, kind }: { ctx: EditorContext; kind: keyof typeof NAMED }) {
  const { t } = useTranslation();
  const { form, serviceType, taken } = ctx;
  const texts = NAMED[kind];
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name: kind as "vetoItems", keyName: "_key" });
  const newId = () => {
    if (kind === "questionnaire") return newQuestionId(taken());
    return newRubricItemId(serviceType, kind === "vetoItems" ? "veto" : "bonus", taken());
  };
  const blank = { "zh-CN": "", en: "" };
  return (
    <fieldset className="rubric-section">
      <legend>{t(texts.legend)}</legend>
      <GroupError form={form} name={kind} />
      <ol className="rubric-rows">
        {fields.map((row, j) => {
          const rowName = t(texts.row, { n: j + 1 });
          const base = `${kind}.${j}`;
          const points = kind === "bonusItems" ? (row as unknown as RubricFormValues["bonusItems"][number]).points : null;
          return (
            <li key={row._key}>
              <fieldset className="rubric-row">
                <legend>{rowName}</legend>
                <Hidden form={form} name={`${base}.id`} value={row.id} />
                <IdLine form={form} name={`${base}.id`} id={row.id} />
                <LabelFields form={form} name={`${base}.label`} value={row.label} />
                {points !== null ? (
                  <TextField form={form} name={`${base}.points`} label={t("rubriceditor.editor.points")} inputMode="decimal" value={points} />
                ) : null}
                <RowButtons what={rowName} index={j} count={fields.length} onMove={(to) => move(j, to)} onRemove={() => remove(j)} minRows={kind === "questionnaire" ? 1 : 0} />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="secondary"
        disabled={fields.length >= texts.limit}
        onClick={() => append((kind === "bonusItems" ? { id: newId(), label: blank, points: "" } : { id: newId(), label: blank }) as never)}
      >
        {t(texts.add)}
      </button>
      {kind === "bonusItems" ? <TextField form={form} name="bonusCap" label={t("rubriceditor.editor.bonusCap")} inputMode="decimal" /> : null}
    </fieldset>
  );
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="rubric-section">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** Factors, grade bands and the satisfaction rule: single numbers. */
function Settings({ form }: { form: Form }) {
  const { t } = useTranslation();
  const bands = form.getValues("gradeBands") ?? [];
  return (
    <>
      <Section legend={t("rubriceditor.editor.factors")}>
        <TextField form={form} name="lateFactor" label={t("rubriceditor.editor.lateFactor")} hint={t("rubriceditor.editor.lateFactorHint")} inputMode="decimal" />
        <TextField form={form} name="overdueFactor" label={t("rubriceditor.editor.overdueFactor")} hint={t("rubriceditor.editor.overdueFactorHint")} inputMode="decimal" />
        <TextField form={form} name="repeatFactor" label={t("rubriceditor.editor.repeatFactor")} hint={t("rubriceditor.editor.repeatFactorHint")} inputMode="decimal" />
      </Section>
      <Section legend={t("rubriceditor.editor.grades")}>
        <GroupError form={form} name="gradeBands" />
        {bands.map((band, i) => (
          <div key={band.grade}>
            <Hidden form={form} name={`gradeBands.${i}.grade`} value={band.grade} />
            <TextField form={form} name={`gradeBands.${i}.min`} label={t("rubriceditor.editor.gradeMin", { grade: t(`grades.${band.grade}`) })} inputMode="decimal" />
            <GroupError form={form} name={`gradeBands.${i}.grade`} />
          </div>
        ))}
      </Section>
      <Section legend={t("rubriceditor.editor.satisfaction")}>
        <TextField form={form} name="satisfaction.satisfiedAtOrAbove" label={t("rubriceditor.editor.satisfiedAtOrAbove")} inputMode="numeric" />
        <TextField form={form} name="satisfaction.targetRate" label={t("rubriceditor.editor.targetRate")} hint={t("rubriceditor.editor.targetRateHint")} inputMode="decimal" />
        <TextField form={form} name="satisfaction.floorRate" label={t("rubriceditor.editor.floorRate")} hint={t("rubriceditor.editor.floorRateHint")} inputMode="decimal" />
        <TextField form={form} name="satisfaction.minRespondents" label={t("rubriceditor.editor.minRespondents")} inputMode="numeric" />
      </Section>
    </>
  );
}
