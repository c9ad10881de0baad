import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { appealWindowOf, calendarYear, clearCalendarDay, setCalendarDay } from "~/queries.server";
import { CALENDAR_DAY_KINDS, isRealDay, MAX_CALENDAR_NOTE, weekdayOf } from "../../domain/working-days";
import { periodOfDate, previousPeriod } from "../../scoring/dates";
import { AdminNav } from "~/admin/components";
import { CalendarActionSchema, CALENDAR_INTENTS, calendarRefusal, SetDaySchema, type SetDayValues } from "~/admin/calendar-schema";
import { adminLinks } from "~/admin/links";
import { fieldError, refused, rejected, writeContext } from "~/admin/respond.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, useFieldError, useMessage, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { todayFor } from "~/utils/clock.server";
import { echoValues, msg, parseForm, type FieldErrors } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const handle = { i18n: ["calendar"] };
export const links = adminLinks;
export const meta: MetaFunction = () => [{ title: "工作日历 · 考评" }];

const PATH = "/admin/calendar";

/**
 * The years the page shows and sets: last year (to check a past window), this
 * year and next (whose official schedule may still be missing). The picker
 * offers this year and next by default.
 */
function yearsAround(today: string) {
  const current = Number(today.slice(0, 4));
  return { current, from: current - 1, to: current + 1 };
}

/** `?year=`: absent → this year; not a year → 400; a year outside the page's range → 404. */
function requestedYear(request: Request, years: ReturnType<typeof yearsAround>): number {
  const raw = new URL(request.url).searchParams.get("year");
  if (raw === null || raw === "") return years.current;
  invariantResponse(/^\d{4}$/.test(raw), "Bad Request", { status: 400 });
  const year = Number(raw);
  invariantResponse(year >= years.from && year <= years.to, ...NOT_FOUND);
  return year;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const today = todayFor(viewer.org);
  const years = yearsAround(today);
  const year = requestedYear(request, years);
  // The quarter now in draft (its window counts from this quarter's first day) and the one after it.
  const current = periodOfDate(today);
  const draft = previousPeriod(current);
  const [calendar, draftWindow, nextWindow] = await Promise.all([
    calendarYear(db(), { orgId, year }),
    appealWindowOf(db(), { orgId, period: draft }),
    appealWindowOf(db(), { orgId, period: current }),
  ]);
  const windows = [
    draftWindow ? { period: draft, ...draftWindow } : null,
    nextWindow ? { period: current, ...nextWindow } : null,
  ].filter((w) => w !== null);
  return { calendar, years, windows };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, CalendarActionSchema, { maxBytes: 4 * 1024 });
  if (!parsed.ok) return rejected(parsed, CALENDAR_INTENTS);
  const input = parsed.data;
  const years = yearsAround(todayFor(viewer.org));
  const year = Number(input.day.slice(0, 4));
  // A day the page cannot show could not be removed from it either.
  if (year < years.from || year > years.to) {
    return fieldError("day", msg("calendar.errors.yearOutOfRange", { from: years.from, to: years.to }), { intent: input.intent, values: parsed.values });
  }
  const ctx = writeContext(viewer, context);
  const result = input.intent === "set" ? await setCalendarDay(db(), ctx, { day: input.day, kind: input.kind, note: input.note ?? null }) : await clearCalendarDay(db(), ctx, { day: input.day });
  if (!result.ok) {
    const refusal = calendarRefusal(result.error, input.day);
    if (refusal.field) return fieldError(refusal.field, refusal.message, { intent: input.intent, values: parsed.values });
    return refused(refusal.message, { intent: input.intent, values: parsed.values });
  }
  const done = input.intent === "clear" ? "clear" : result.changed ? "set" : "unchanged";
  // 303: the browser reloads the year with GET, showing what is now stored.
  return redirect(`${PATH}?year=${year}&done=${done}&day=${input.day}`, 303);
}

const DONE = ["set", "unchanged", "clear"] as const;

/** The admin's working-day calendar (issue 14): the year's special days, the organisation's own entries over them, and the appeal windows they give. */
export default function AdminCalendar() {
  const { calendar, years, windows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const doneParam = search.get("done");
  const doneDay = search.get("day") ?? "";
  const done = DONE.find((d) => d === doneParam);
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const { year } = calendar;
  const picker = [...new Set([years.current, years.current + 1, year])].sort();
  const monthDay = new Intl.DateTimeFormat(i18n.language, { month: "long", day: "numeric", timeZone: "UTC" });
  const fullDay = new Intl.DateTimeFormat(i18n.language, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  const dayText = (day: string, withYear: boolean) => (withYear ? fullDay : monthDay).format(new Date(`${day}T00:00:00Z`));
  const periodText = (period: string) => t("calendar.period", { year: period.slice(0, 4), quarter: period.slice(-1) });
  const kindText = (kind: string) => t(`calendar.kind.${kind}`);
  const clearError = errorsFor("clear");
  return (
    <div className="admin">
      <div className="page">
        <AdminNav />
        <h1>{t("calendar.title")}</h1>
        <p className="lead">{t("calendar.intro")}</p>
        <div aria-live="polite" role="status">
          {done && isRealDay(doneDay) ? <p className="notice">{t(`calendar.saved.${done}`, { day: dayText(doneDay, true) })}</p> : null}
        </div>

        <section aria-labelledby="window-title">
          <h2 id="window-title">{t("calendar.window.title")}</h2>
          <ul>
            {windows.map((w) => (
              <li key={w.period}>
                {t("calendar.window.line", {
                  period: periodText(w.period),
                  // A window in the next year (the fourth quarter's) says so.
                  from: dayText(w.countsFrom, w.countsFrom.slice(0, 4) !== w.period.slice(0, 4)),
                  to: dayText(w.closesOn, w.closesOn.slice(0, 4) !== w.period.slice(0, 4)),
                  count: w.days,
                })}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/admin/settings">{t("calendar.window.settingsLink")}</Link>
          </p>
        </section>

        <Form method="get" className="inline-row" aria-label={t("calendar.yearPicker")}>
          <label htmlFor="calendar-year">{t("calendar.year")}</label>
          <select id="calendar-year" name="year" defaultValue={String(year)} key={year}>
            {picker.map((y) => (
              <option key={y} value={String(y)}>
                {t("calendar.yearOption", { year: y })}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            {t("calendar.show")}
          </button>
        </Form>

        {calendar.hasOfficialSchedule ? (
          <p className="hint">{t("calendar.officialSource", { year })}</p>
        ) : (
          <p className="notice">{t("calendar.noOfficialSchedule", { year })}</p>
        )}

        <section aria-labelledby="days-title">
          <h2 id="days-title">{t("calendar.days.title", { year })}</h2>
          <FormError message={clearError?.formError} />
          {clearError?.fieldErrors.day?.[0] ? (
            <p className="form-error" role="alert">
              {message(clearError.fieldErrors.day[0])}
            </p>
          ) : null}
          {calendar.days.length === 0 ? (
            <p className="muted">{t("calendar.days.empty", { year })}</p>
          ) : (
            <div className="table-scroll">
              <table className="admin-table">
                <caption className="visually-hidden">{t("calendar.days.caption", { year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("calendar.days.date")}</th>
                    <th scope="col">{t("calendar.days.weekday")}</th>
                    <th scope="col">{t("calendar.days.official")}</th>
                    <th scope="col">{t("calendar.days.organisation")}</th>
                    <th scope="col">{t("calendar.days.note")}</th>
                    <th scope="col">{t("calendar.days.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {calendar.days.map((d) => {
                    const own = d.source === "organisation";
                    const official = own ? d.overrides : { kind: d.kind, name: d.name ?? "" };
                    return (
                      <tr key={d.day}>
                        <th scope="row" data-label={t("calendar.days.date")}>
                          <time dateTime={d.day} className="nowrap">
                            {d.day}
                          </time>
                        </th>
                        <td data-label={t("calendar.days.weekday")}>{t(`calendar.weekday.${weekdayOf(d.day)}`)}</td>
                        <td data-label={t("calendar.days.official")}>
                          {official ? `${kindText(official.kind)}${official.name ? ` · ${official.name}` : ""}` : t("calendar.days.none")}
                        </td>
                        <td data-label={t("calendar.days.organisation")}>{own ? kindText(d.kind) : t("calendar.days.none")}</td>
                        <td data-label={t("calendar.days.note")}>{own && d.name ? d.name : t("calendar.days.none")}</td>
                        <td data-label={t("calendar.days.actions")}>
                          {own ? (
                            <Form method="post" className="inline-form">
                              <input type="hidden" name="intent" value="clear" />
                              <input type="hidden" name="day" value={d.day} />
                              <button type="submit" className="secondary danger small-button" aria-label={t("calendar.days.removeLabel", { day: d.day })}>
                                {t("calendar.days.remove")}
                              </button>
                            </Form>
                          ) : (
                            t("calendar.days.none")
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section aria-labelledby="set-day-title">
          <h2 id="set-day-title">{t("calendar.form.title")}</h2>
          <p className="hint">{t("calendar.form.hint")}</p>
          <SetDayForm
            key={`${year}-${search.get("done") ?? ""}-${doneDay}`}
            years={years}
            defaultValues={echoValues<SetDayValues>({ intent: "set", day: "", kind: "non_working", note: "" }, errorsFor("set")?.values)}
            serverErrors={errorsFor("set")?.fieldErrors}
            formError={errorsFor("set")?.formError}
          />
        </section>
      </div>
    </div>
  );
}

function SetDayForm({
  years,
  defaultValues,
  serverErrors,
  formError,
}: {
  years: { from: number; to: number };
  defaultValues: SetDayValues;
  serverErrors?: FieldErrors;
  formError?: string;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const navigation = useNavigation();
  const kindId = useId();
  const { form, onSubmit, field } = useValidatedForm(SetDaySchema, { defaultValues, serverErrors });
  const fieldError = useFieldError(form);
  const kindError = fieldError("kind");
  return (
    <Form method="post" className="form narrow" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="set" />
      <FormError message={formError} />
      <Field form={form} name="day" label={t("calendar.form.day")} hint={t("calendar.form.dayHint", { from: years.from, to: years.to })}>
        {(props) => <input {...props} {...field("day")} type="date" min={`${years.from}-01-01`} max={`${years.to}-12-31`} autoComplete="off" />}
      </Field>
      <fieldset className="checkbox-group" aria-describedby={kindError ? `${kindId}-error` : undefined} aria-invalid={Boolean(kindError) || undefined}>
        <legend>{t("calendar.form.kind")}</legend>
        {CALENDAR_DAY_KINDS.map((k) => (
          <label key={k} className="choice">
            <input type="radio" {...form.register("kind")} value={k} defaultChecked={defaultValues.kind === k} />
            {t(`calendar.kind.${k}`)}
          </label>
        ))}
        {kindError ? (
          <p className="field-error" id={`${kindId}-error`} role="alert">
            {message(kindError)}
          </p>
        ) : null}
      </fieldset>
      <Field form={form} name="note" label={t("calendar.form.note")} hint={t("calendar.form.noteHint", { max: MAX_CALENDAR_NOTE })}>
        {(props) => <input {...props} {...field("note")} type="text" autoComplete="off" />}
      </Field>
      <p className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("calendar.form.save")}
        </button>
      </p>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
