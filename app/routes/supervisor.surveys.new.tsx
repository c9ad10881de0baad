import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createCampaign, listContracts } from "~/queries.server";
import { todayIn } from "../../domain/days";
import { addDays, isIsoDate, nextPeriod, periodEnd, periodOfDate, periodStart, previousPeriod } from "../../scoring/index";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, useFieldError, useMessage, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import { echoValues, msg, parseForm, type FieldErrors } from "~/utils/forms";
import surveyCss from "~/styles/survey.css?url";
import { now } from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "新建满意度调查 · 考评" }];

/** Most invite codes made with a new campaign from this form (more can be added on the monitor). */
const MAX_NEW_INVITES = 2000;

const day = () =>
  z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => isIsoDate(s), msg("form.invalidDate"));

export const NewCampaignSchema = z
  .object({
    contractId: z.string(msg("form.choose")).trim().min(1, msg("form.choose")).max(64, msg("form.choose")),
    period: z.string(msg("survey.campaignErrors.invalidPeriod")).regex(/^\d{4}-Q[1-4]$/, msg("survey.campaignErrors.invalidPeriod")),
    opensOn: day(),
    closesOn: day(),
    // A checkbox posts "on" when ticked and nothing otherwise; react-hook-form gives the value or false.
    allowOpenLink: z
      .union([z.string(), z.boolean()])
      .optional()
      .transform((v) => v === true || v === "on"),
    inviteCount: z.coerce
      .number(msg("form.integer"))
      .int(msg("survey.campaignErrors.inviteCount", { max: MAX_NEW_INVITES }))
      .min(0, msg("survey.campaignErrors.inviteCount", { max: MAX_NEW_INVITES }))
      .max(MAX_NEW_INVITES, msg("survey.campaignErrors.inviteCount", { max: MAX_NEW_INVITES })),
  })
  .superRefine((v, ctx) => {
    if (isIsoDate(v.opensOn) && isIsoDate(v.closesOn) && v.closesOn < v.opensOn) {
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: msg("survey.campaignErrors.closesBeforeOpens") });
    }
    if (!v.allowOpenLink && v.inviteCount === 0) {
      ctx.addIssue({ code: "custom", path: ["allowOpenLink"], message: msg("survey.campaignErrors.noDistribution") });
    }
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const search = new URL(request.url).searchParams;
  const contracts = await listContracts(db(), { orgId: viewer.org.id, status: "active", pageSize: 100 });
  const today = todayIn(viewer.org.timeZone, now());
  const current = periodOfDate(today);
  const periods = [previousPeriod(current), current, nextPeriod(current)];
  const wanted = search.get("period");
  const period = wanted && periods.includes(wanted) ? wanted : current;
  const windows = Object.fromEntries(periods.map((p) => [p, defaultWindow(p, today)]));
  return {
    contracts: contracts.rows.map((c) => ({
      id: c.id,
      title: c.title,
      contractorName: c.contractorName,
      serviceType: c.serviceType,
    })),
    periods,
    windows,
    defaults: {
      contractId: contracts.rows.some((c) => c.id === search.get("contractId")) ? search.get("contractId")! : "",
      period,
      ...windows[period]!,
    },
  };
}

/**
 * The collection window offered for a quarter: from today (or the quarter's
 * first day, if later) to the quarter's last day; for a quarter already over,
 * two weeks from today.
 */
function defaultWindow(period: string, today: string): { opensOn: string; closesOn: string } {
  const opensOn = periodStart(period) > today ? periodStart(period) : today;
  const closesOn = periodEnd(period) >= opensOn ? periodEnd(period) : addDays(today, 14);
  return { opensOn, closesOn };
}

type ActionResult = { fieldErrors: FieldErrors; formError?: string; values?: Record<string, unknown> };

/** The form's fields as posted (text, or absent), for the page without JavaScript: `echoValues` keeps just these. */
type Posted = Partial<Record<"contractId" | "period" | "opensOn" | "closesOn" | "allowOpenLink" | "inviteCount", string>>;
const POSTED_SHAPE: Posted = { contractId: undefined, period: undefined, opensOn: undefined, closesOn: undefined, allowOpenLink: undefined, inviteCount: undefined };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const parsed = await parseForm(request, NewCampaignSchema, { maxBytes: 8 * 1024 });
  const values = parsed.values;
  if (!parsed.ok) {
    return data<ActionResult>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, values }, { status: 400 });
  }
  const result = await createCampaign(
    db(),
    { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp ?? null },
    { ...parsed.data, status: "open" },
  );
  if (result.ok) return redirect(`/supervisor/surveys/${result.campaignId}`);
  const fieldErrors: FieldErrors = {};
  let formError: string | undefined;
  switch (result.error) {
    case "not_found":
      fieldErrors.contractId = [msg("survey.campaignErrors.contractNotFound")];
      break;
    case "exists":
      fieldErrors.contractId = [msg("survey.campaignErrors.duplicate")];
      break;
    case "outside_term":
      fieldErrors.period = [msg("survey.campaignErrors.periodOutsideContract")];
      break;
    case "finalised":
      fieldErrors.period = [msg("survey.campaignErrors.finalised")];
      break;
    case "invalid":
      formError = msg("survey.campaignErrors.failed");
      break;
  }
  return data<ActionResult>({ fieldErrors, formError, values }, { status: result.error === "exists" ? 409 : 400 });
}

export default function NewCampaign() {
  const { contracts, periods, windows, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const periodLabel = usePeriodLabel();
  const values = actionData?.values ? echoValues(POSTED_SHAPE, actionData.values) : undefined;
  const initial = {
    contractId: values?.contractId ?? defaults.contractId,
    period: values?.period ?? defaults.period,
    opensOn: values?.opensOn ?? defaults.opensOn,
    closesOn: values?.closesOn ?? defaults.closesOn,
    allowOpenLink: values ? values.allowOpenLink === "on" : true,
    inviteCount: values?.inviteCount ?? "0",
  };
  const { form, onSubmit } = useValidatedForm(NewCampaignSchema, {
    serverErrors: actionData?.fieldErrors,
    defaultValues: { ...initial, allowOpenLink: initial.allowOpenLink ? "on" : false },
  });
  const errorOf = useFieldError(form);
  // With JavaScript, choosing another quarter moves the dates along, unless they were changed by hand.
  const chosenPeriod = useWatch({ control: form.control, name: "period" });
  const shownPeriod = useRef(initial.period);
  useEffect(() => {
    const before = windows[shownPeriod.current];
    const after = typeof chosenPeriod === "string" ? windows[chosenPeriod] : undefined;
    if (!before || !after || chosenPeriod === shownPeriod.current) return;
    shownPeriod.current = chosenPeriod as string;
    if (form.getValues("opensOn") === before.opensOn) form.setValue("opensOn", after.opensOn);
    if (form.getValues("closesOn") === before.closesOn) form.setValue("closesOn", after.closesOn);
  }, [chosenPeriod, windows, form]);
  const distributionError = errorOf("allowOpenLink");
  return (
    <div className="page narrow">
      <p>
        <a href="/supervisor/surveys">← {t("survey.monitor.back")}</a>
      </p>
      <h1>{t("survey.new.title")}</h1>
      <p className="muted">{t("survey.new.intro")}</p>
      {contracts.length === 0 ? (
        <p className="notice">{t("survey.new.noContracts")}</p>
      ) : (
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <FormError message={actionData?.formError} />
          <Field form={form} name="contractId" label={t("survey.new.contract")} hint={t("survey.new.contractHint")}>
            {(props) => (
              <select {...props} {...form.register("contractId")} defaultValue={initial.contractId}>
                <option value="">{t("survey.new.chooseContract")}</option>
                {contracts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.contractorName} · {t(`serviceTypes.${c.serviceType}`)} · {c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="period" label={t("survey.new.period")}>
            {(props) => (
              <select {...props} {...form.register("period")} defaultValue={initial.period}>
                {periods.map((p) => (
                  <option key={p} value={p}>
                    {periodLabel(p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="opensOn" label={t("survey.new.opensOn")}>
            {(props) => <input {...props} {...form.register("opensOn")} type="date" defaultValue={initial.opensOn} />}
          </Field>
          <Field form={form} name="closesOn" label={t("survey.new.closesOn")}>
            {(props) => <input {...props} {...form.register("closesOn")} type="date" defaultValue={initial.closesOn} />}
          </Field>
          <fieldset className="field" aria-describedby={distributionError ? "distribution-error" : undefined}>
            <legend>{t("survey.new.distribution")}</legend>
            <div className="checkbox-field">
              <input
                {...form.register("allowOpenLink")}
                type="checkbox"
                id="allowOpenLink"
                value="on"
                defaultChecked={initial.allowOpenLink}
                aria-describedby="allowOpenLink-hint"
              />
              <label htmlFor="allowOpenLink">
                {t("survey.new.openLink")}
                <span className="hint" id="allowOpenLink-hint">
                  {t("survey.new.openLinkHint")}
                </span>
              </label>
            </div>
            <Field form={form} name="inviteCount" label={t("survey.new.invites")} hint={t("survey.new.invitesHint")}>
              {(props) => (
                <input
                  {...props}
                  {...form.register("inviteCount")}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX_NEW_INVITES}
                  step={1}
                  defaultValue={initial.inviteCount}
                />
              )}
            </Field>
            {distributionError ? (
              <p className="field-error" id="distribution-error" role="alert">
                {message(distributionError)}
              </p>
            ) : null}
          </fieldset>
          <p className="actions">
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              {t("survey.new.submit")}
            </button>
            <a className="button secondary" href="/supervisor/surveys">
              {t("survey.new.cancel")}
            </a>
          </p>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
