/**
 * The finding form: at most six things to fill in on a phone — the item
 * (grouped by dimension, filterable, recent ones first, each with its
 * deductions), the severity, a note, photos, the deadline (defaulted by
 * severity until edited) and, for a patrol, the contract (chosen in the step
 * before, shown here with a link to change it).
 *
 * When the chosen item has an open earlier finding here, the warning comes
 * before saving and offers to add the photos to it instead.
 */
import { Form } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { OpenRepeat, RecordingDimension } from "../../../db/queries/inspections/record";
import type { FindingSeverity, InspectionKind } from "../../../domain/findings";
import type { ServiceType } from "../../../scoring/types";
import { Field, FormError, useFieldError, useMessage, useValidatedForm } from "~/components/form";
import { PhotoField, usePhotoSubmit } from "~/components/photo-field";
import { defaultDueOn, NOTE_MAX, RecordFindingSchema } from "~/inspections/schema";
import { echoValues } from "~/utils/forms";
import type { FieldErrors } from "~/utils/messages";
import { useLocale } from "~/utils/localise";

export interface FindingFormPlace {
  kind: InspectionKind;
  gridCellId: string | null;
  siteId: string;
  /** The cell's code and name, or the site's name. */
  label: string;
  siteName: string;
  recentItemIds: string[];
  /** Other contracts could be chosen here (show "change"). */
  otherContracts: boolean;
  contract: { id: string; title: string; contractorName: string; serviceType: ServiceType; dimensions: RecordingDimension[] };
}

const SEVERITY_ORDER: FindingSeverity[] = ["minor", "major", "critical"];

type Posted = Partial<Record<"itemId" | "severity" | "note" | "dueOn", string>>;
const POSTED_SHAPE: Posted = { itemId: undefined, severity: undefined, note: undefined, dueOn: undefined };

export function FindingForm({
  place,
  today,
  banner,
  actionData,
  openRepeat,
  onItemChosen,
  backHref,
  changeContractHref,
}: {
  place: FindingFormPlace;
  today: string;
  banner: { saved: string | null; inspectionId: string | null; repeat: boolean; duplicate: boolean; added: boolean };
  actionData?: { fieldErrors: FieldErrors; formError?: string; values?: Record<string, unknown> };
  openRepeat: OpenRepeat | null;
  onItemChosen: (itemId: string) => void;
  backHref: string;
  changeContractHref: string | null;
}) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const message = useMessage();
  const photo = usePhotoSubmit();
  const posted = actionData?.values ? echoValues(POSTED_SHAPE, actionData.values) : undefined;
  const initialSeverity = (SEVERITY_ORDER as string[]).includes(posted?.severity ?? "") ? (posted!.severity as FindingSeverity) : "minor";
  const initial = {
    itemId: posted?.itemId ?? "",
    severity: initialSeverity,
    note: posted?.note ?? "",
    dueOn: posted?.dueOn ?? defaultDueOn(initialSeverity, today),
  };
  const { form, field } = useValidatedForm(RecordFindingSchema, {
    serverErrors: actionData?.fieldErrors,
    defaultValues: { kind: place.kind, gridCellId: place.gridCellId ?? "", siteId: place.siteId, contractId: place.contract.id, ...initial },
  });
  const errorOf = useFieldError(form);

  // Changing the severity moves the deadline along, unless it was edited by hand.
  const severity = useWatch({ control: form.control, name: "severity" }) as FindingSeverity | undefined;
  const shownSeverity = useRef<FindingSeverity>(initial.severity);
  useEffect(() => {
    if (!severity || severity === shownSeverity.current) return;
    if (form.getValues("dueOn") === defaultDueOn(shownSeverity.current, today)) form.setValue("dueOn", defaultDueOn(severity, today));
    shownSeverity.current = severity;
  }, [severity, form, today]);

  const items = useMemo(() => place.contract.dimensions.flatMap((d) => d.items), [place.contract.dimensions]);
  const itemLabel = (id: string) => {
    const item = items.find((i) => i.id === id);
    return item ? pick(item.label) : id;
  };
  const [filter, setFilter] = useState("");
  const chosenItem = useWatch({ control: form.control, name: "itemId" }) as string | undefined;
  const matches = (item: { id: string; label: { "zh-CN": string; en: string } }) => {
    const q = filter.trim().toLowerCase();
    if (!q || item.id === chosenItem) return true;
    return [item.label["zh-CN"], item.label.en, item.id].some((s) => s.toLowerCase().includes(q));
  };
  const recent = place.recentItemIds.map((id) => items.find((i) => i.id === id)).filter((i): i is (typeof items)[number] => Boolean(i));
  const optionText = (item: (typeof items)[number]) => `${pick(item.label)}${t("inspections.new.deductions", item.deduction)}`;

  const itemField = form.register("itemId");
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter ?? null;
    // Adding photos to the earlier finding needs no item, note or deadline.
    if (submitter instanceof HTMLButtonElement && submitter.value === "addPhotos") {
      event.preventDefault();
      void photo.submit(target, submitter);
      return;
    }
    void form.handleSubmit(() => photo.submit(target, submitter))(event);
  };

  const finishHref = banner.inspectionId ? `/supervisor/inspections/${banner.inspectionId}` : "/supervisor/inspections";
  const savedText = banner.added
    ? t("inspections.new.photosAdded")
    : banner.duplicate
      ? t("inspections.new.duplicate")
      : banner.repeat
        ? t("inspections.new.savedRepeat")
        : t("inspections.new.saved");
  const severityError = errorOf("severity");

  return (
    <>
      <div aria-live="polite" className="saved-status">
        {banner.saved ? (
          <div className="notice saved">
            <p>{savedText}</p>
            <p className="actions">
              <a className="button" href="#finding-form">
                {t("inspections.new.addAnother")}
              </a>
              <a className="button secondary" href={finishHref}>
                {t("inspections.new.finish")}
              </a>
            </p>
          </div>
        ) : null}
      </div>
      <dl className="recording-place">
        <div>
          <dt>{t("inspections.new.place")}</dt>
          <dd>
            {t(`inspections.kinds.${place.kind}`)} · {place.label}
            {place.gridCellId ? <span className="muted"> · {place.siteName}</span> : null} <a href={backHref}>{t("inspections.new.change")}</a>
          </dd>
        </div>
        <div>
          <dt>{t("inspections.new.contract")}</dt>
          <dd>
            {place.contract.contractorName} · {t(`serviceTypes.${place.contract.serviceType}`)} · {place.contract.title}{" "}
            {changeContractHref ? <a href={changeContractHref}>{t("inspections.new.change")}</a> : null}
          </dd>
        </div>
      </dl>
      <Form method="post" encType="multipart/form-data" className="form finding-form" id="finding-form" onSubmit={onSubmit} noValidate>
        <h2>{t("inspections.new.formTitle")}</h2>
        <FormError message={actionData?.formError} />
        <input type="hidden" name="kind" value={place.kind} />
        <input type="hidden" name="gridCellId" value={place.gridCellId ?? ""} />
        <input type="hidden" name="siteId" value={place.siteId} />
        <input type="hidden" name="contractId" value={place.contract.id} />
        {openRepeat ? <input type="hidden" name="repeatSeen" value={openRepeat.id} /> : null}
        {openRepeat ? <input type="hidden" name="findingId" value={openRepeat.id} /> : null}

        <div className="field item-filter">
          <label htmlFor="item-filter">{t("inspections.new.itemFilter")}</label>
          <input id="item-filter" type="search" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} aria-describedby="item-filter-hint" />
          <p className="hint" id="item-filter-hint">
            {t("inspections.new.itemFilterHint")}
          </p>
        </div>
        <Field form={form} name="itemId" label={t("inspections.new.item")} hint={t("inspections.new.itemHint")}>
          {(props) => (
            <select
              {...props}
              {...itemField}
              defaultValue={initial.itemId}
              onChange={(e) => {
                void itemField.onChange(e);
                if (e.currentTarget.value) onItemChosen(e.currentTarget.value);
              }}
            >
              <option value="">{t("inspections.new.chooseItem")}</option>
              {recent.filter(matches).length > 0 ? (
                <optgroup label={t("inspections.new.recentGroup")}>
                  {recent.filter(matches).map((item) => (
                    <option key={`recent-${item.id}`} value={item.id}>
                      {optionText(item)}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {place.contract.dimensions.map((d) => {
                const shown = d.items.filter((i) => matches(i) && !recent.includes(i));
                if (shown.length === 0) return null;
                return (
                  <optgroup key={d.id} label={pick(d.label)}>
                    {shown.map((item) => (
                      <option key={item.id} value={item.id}>
                        {optionText(item)}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          )}
        </Field>

        <div aria-live="polite">
          {openRepeat ? (
            <div className="repeat-warning" role="group" aria-labelledby="repeat-title">
              <h3 id="repeat-title">{t("inspections.new.repeatTitle")}</h3>
              <p>
                {t("inspections.new.repeatBody", { date: openRepeat.foundOn, item: itemLabel(openRepeat.itemId), due: openRepeat.dueOn })}
              </p>
              <p className="muted">{openRepeat.note}</p>
              <button type="submit" name="intent" value="addPhotos" className="primary big" disabled={photo.busy}>
                {t("inspections.new.repeatAddPhoto")}
              </button>
            </div>
          ) : null}
        </div>

        <fieldset className="field severity-choice" aria-describedby={severityError ? "severity-error" : undefined}>
          <legend>{t("inspections.new.severity")}</legend>
          <div className="choice-row">
            {SEVERITY_ORDER.map((s) => (
              <label key={s} className={`choice severity-${s}`}>
                <input type="radio" value={s} defaultChecked={initial.severity === s} {...form.register("severity")} />
                <span>{t(`severity.${s}`)}</span>
              </label>
            ))}
          </div>
          {severityError ? (
            <p className="field-error" id="severity-error" role="alert">
              {message(severityError)}
            </p>
          ) : null}
        </fieldset>

        <Field form={form} name="note" label={t("inspections.new.note")} hint={t("inspections.new.noteHint")}>
          {(props) => <textarea {...props} {...field("note")} rows={3} maxLength={NOTE_MAX} />}
        </Field>

        <PhotoField name="photos" error={actionData?.fieldErrors?.photos?.[0]} />

        <Field form={form} name="dueOn" label={t("inspections.new.dueOn")} hint={t("inspections.new.dueOnHint")}>
          {(props) => <input {...props} {...field("dueOn")} type="date" min={today} />}
        </Field>

        {photo.status}
        <p className="actions">
          <button type="submit" name="intent" value="record" className="primary big" disabled={photo.busy}>
            {photo.busy ? t("inspections.new.saving") : openRepeat ? t("inspections.new.repeatRecordAnyway") : t("inspections.new.save")}
          </button>
        </p>
      </Form>
    </>
  );
}
