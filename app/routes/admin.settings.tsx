import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { getOrgSettings, getPatrolTarget, setAppealWindowDays, setOrgSettings, setPatrolTarget } from "~/queries.server";
import { DEFAULT_APPEAL_WINDOW_DAYS, MAX_APPEAL_WINDOW_DAYS, MIN_APPEAL_WINDOW_DAYS } from "../../domain/appeals";
import { PATROL_TARGETS } from "../../domain/findings";
import { TENDER_HORIZONS } from "../../domain/procurement";
import { AdminNav } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import {
  AppealWindowSchema,
  DEFAULT_SETTINGS,
  MAX_FAIL_STREAK,
  MAX_MIN_QUARTERS,
  POLICY_FIELDS,
  PolicySchema,
  policyValues,
  SETTINGS_INTENTS,
  SettingsActionSchema,
  type PolicyValues,
} from "~/admin/settings-schema";
import surveyCss from "~/styles/survey.css?url";
import { rejected, writeContext } from "~/admin/respond.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, useFieldError, useMessage, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { echoValues, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";
import type { FieldErrors } from "~/utils/forms";
import type { WriteContext } from "../../db/queries/context";
import type { SetOrgSettingsInput } from "../../db/queries/settings";

export const handle = { i18n: ["settings", "patrols"] };
// survey.css has the big radio rows (.checkbox-field).
export const links = () => [...adminLinks(), { rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "机构设置 · 考评" }];

const PATH = "/admin/settings";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const [target, settings] = await Promise.all([getPatrolTarget(db(), { orgId }), getOrgSettings(db(), { orgId })]);
  invariantResponse(target, ...NOT_FOUND);
  return { target, settings };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, SettingsActionSchema, { maxBytes: 4 * 1024 });
  if (!parsed.ok) return rejected(parsed, SETTINGS_INTENTS);
  const ctx = writeContext(viewer, context);
  const input = parsed.data;
  switch (input.intent) {
    case "patrol": {
      const result = await setPatrolTarget(db(), ctx, { target: input.patrolTarget });
      invariantResponse(result.ok, ...NOT_FOUND);
      return redirect(`${PATH}?done=patrol`);
    }
    case "policy": {
      const { intent: _intent, tenderHorizonMonths, ...renewalPolicy } = input;
      return saveSettings(ctx, { renewalPolicy, tenderHorizonMonths }, "saved");
    }
    case "appeals": {
      const result = await setAppealWindowDays(db(), ctx, { days: input.appealWindowDays });
      invariantResponse(result.ok, "Bad Request"); // 400: the schema already holds the bounds
      return redirect(`${PATH}?done=${result.changed ? "appeals" : "unchanged"}`, 303);
    }
    case "defaults":
      return saveSettings(ctx, DEFAULT_SETTINGS, "restored");
  }
}

async function saveSettings(ctx: WriteContext, values: SetOrgSettingsInput, done: "saved" | "restored") {
  const result = await setOrgSettings(db(), ctx, values);
  // 303: the browser reloads the page with GET, showing the values now stored.
  return redirect(`${PATH}?done=${result.changed ? done : "unchanged"}`, 303);
}

const DONE_TEXT: Record<string, string> = { appeals: "settings.appeals.saved", patrol: "patrols.setting.saved", saved: "settings.saved", unchanged: "settings.unchanged", restored: "settings.restored" };

/** Organisation settings: how often each grid cell should be patrolled, and the renewal policy with the tender horizon procurement reads. */
export default function AdminSettings() {
  const { target, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const done = DONE_TEXT[search.get("done") ?? ""];
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const stored = policyValues(settings.renewalPolicy, settings.tenderHorizonMonths);
  return (
    <div className="admin">
      <div className="page">
        <AdminNav />
        <h1>{t("settings.title")}</h1>
        <p className="lead">{t("settings.intro")}</p>
        <div aria-live="polite">{done ? <p className="notice">{t(done)}</p> : null}</div>
        <section aria-labelledby="patrol-target-title">
          <h2 id="patrol-target-title">{t("patrols.setting.title")}</h2>
          <PatrolTargetForm target={target} error={errorsFor("patrol")?.fieldErrors.patrolTarget?.[0]} formError={errorsFor("patrol")?.formError} />
        </section>
        <section aria-labelledby="policy-title">
          <h2 id="policy-title">{t("settings.policy.title")}</h2>
          <p className="hint">{t("settings.policy.hint")}</p>
          <p className="muted small">{settings.saved ? t("settings.policy.custom") : t("settings.policy.usingDefaults")}</p>
          <PolicyForm
            key={JSON.stringify(stored)}
            defaultValues={echoValues<PolicyValues>(stored, errorsFor("policy")?.values)}
            serverErrors={errorsFor("policy")?.fieldErrors}
            formError={errorsFor("policy")?.formError}
          />
        </section>
        <section aria-labelledby="appeal-window-title">
          <h2 id="appeal-window-title">{t("settings.appeals.title")}</h2>
          <AppealWindowForm
            key={settings.appealWindowDays}
            defaultValues={echoValues<AppealWindowValues>({ intent: "appeals", appealWindowDays: String(settings.appealWindowDays) }, errorsFor("appeals")?.values)}
            serverErrors={errorsFor("appeals")?.fieldErrors}
            formError={errorsFor("appeals")?.formError}
          />
          <p>
            <Link to="/admin/calendar">{t("admin.nav.calendar")}</Link>
          </p>
        </section>
        <section aria-labelledby="defaults-title">
          <h2 id="defaults-title">{t("settings.defaults.title")}</h2>
          <Form method="post" className="form narrow">
            <input type="hidden" name="intent" value="defaults" />
            <FormError message={errorsFor("defaults")?.formError} />
            <p className="hint">
              {t("settings.defaults.hint", { renew: DEFAULT_SETTINGS.renewalPolicy.renewMinAverage, horizon: DEFAULT_SETTINGS.tenderHorizonMonths })}
            </p>
            <p className="actions">
              <button type="submit" className="secondary">
                {t("settings.defaults.restore")}
              </button>
            </p>
          </Form>
        </section>
      </div>
    </div>
  );
}

function PatrolTargetForm({ target, error, formError }: { target: string; error?: string; formError?: string }) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <Form method="post" className="form narrow">
      <input type="hidden" name="intent" value="patrol" />
      <FormError message={formError} />
      <fieldset className="field" aria-describedby={error ? "patrol-target-error patrol-target-hint" : "patrol-target-hint"}>
        <legend>{t("patrols.setting.label")}</legend>
        <p className="hint" id="patrol-target-hint">
          {t("patrols.setting.hint")}
        </p>
        {PATROL_TARGETS.map((p) => (
          <div className="checkbox-field" key={p}>
            <input type="radio" id={`target-${p}`} name="patrolTarget" value={p} defaultChecked={p === target} />
            <label htmlFor={`target-${p}`}>{t(`patrols.target.${p}`)}</label>
          </div>
        ))}
        {error ? (
          <p className="field-error" id="patrol-target-error" role="alert">
            {message(error)}
          </p>
        ) : null}
      </fieldset>
      <p className="actions">
        <button type="submit" className="primary">
          {t("patrols.setting.save")}
        </button>
      </p>
    </Form>
  );
}

/** Each field's hint: its rule, then the module's default ("默认 90"). */
const HINTS: Record<(typeof POLICY_FIELDS)[number], { key: string; max?: number }> = {
  minQuarters: { key: "settings.policy.minQuartersHint", max: MAX_MIN_QUARTERS },
  renewMinAverage: { key: "settings.policy.renewMinAverageHint" },
  renewMinQuarter: { key: "settings.policy.renewMinQuarterHint" },
  conditionalMinAverage: { key: "settings.policy.conditionalMinAverageHint" },
  failStreakToReject: { key: "settings.policy.failStreakToRejectHint", max: MAX_FAIL_STREAK },
};

function PolicyForm({ defaultValues, serverErrors, formError }: { defaultValues: PolicyValues; serverErrors?: FieldErrors; formError?: string }) {
  const { t } = useTranslation();
  const { number } = useLocale();
  const message = useMessage();
  const navigation = useNavigation();
  const { form, onSubmit, field } = useValidatedForm(PolicySchema, { defaultValues, serverErrors });
  const fieldError = useFieldError(form);
  const horizonError = fieldError("tenderHorizonMonths");
  const defaults = DEFAULT_SETTINGS.renewalPolicy;
  return (
    <Form method="post" className="form narrow" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="policy" />
      <FormError message={formError} />
      {POLICY_FIELDS.map((name) => {
        const isCount = name === "minQuarters" || name === "failStreakToReject";
        const hint = `${t(HINTS[name].key, { max: HINTS[name].max })} ${t("settings.policy.defaultValue", { value: number(defaults[name]) })}`;
        return (
          <Field key={name} form={form} name={name} label={t(`settings.policy.${name}`)} hint={hint}>
            {(props) => <input {...props} {...field(name)} inputMode={isCount ? "numeric" : "decimal"} autoComplete="off" size={6} />}
          </Field>
        );
      })}
      <fieldset className="field" aria-describedby={horizonError ? "horizon-hint horizon-error" : "horizon-hint"}>
        <legend>{t("settings.policy.horizon")}</legend>
        <p className="hint" id="horizon-hint">
          {t("settings.policy.horizonHint")} {t("settings.policy.defaultValue", { value: t("settings.policy.months", { count: DEFAULT_SETTINGS.tenderHorizonMonths }) })}
        </p>
        {TENDER_HORIZONS.map((m) => (
          <div className="checkbox-field" key={m}>
            <input
              type="radio"
              id={`horizon-${m}`}
              {...form.register("tenderHorizonMonths")}
              value={String(m)}
              defaultChecked={defaultValues.tenderHorizonMonths === String(m)}
            />
            <label htmlFor={`horizon-${m}`}>{t("settings.policy.months", { count: m })}</label>
          </div>
        ))}
        {horizonError ? (
          <p className="field-error" id="horizon-error" role="alert">
            {message(horizonError)}
          </p>
        ) : null}
      </fieldset>
      <p className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("settings.policy.save")}
        </button>
      </p>
    </Form>
  );
}

type AppealWindowValues = z.input<typeof AppealWindowSchema>;

function AppealWindowForm({ defaultValues, serverErrors, formError }: { defaultValues: AppealWindowValues; serverErrors?: FieldErrors; formError?: string }) {
  const { t } = useTranslation();
  const { form, onSubmit, field } = useValidatedForm(AppealWindowSchema, { defaultValues, serverErrors });
  return (
    <Form method="post" className="form narrow" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="appeals" />
      <FormError message={formError} />
      <Field form={form} name="appealWindowDays" label={t("settings.appeals.label")} hint={t("settings.appeals.hint", { value: DEFAULT_APPEAL_WINDOW_DAYS })}>
        {(props) => <input {...props} {...field("appealWindowDays")} inputMode="numeric" autoComplete="off" size={4} min={MIN_APPEAL_WINDOW_DAYS} max={MAX_APPEAL_WINDOW_DAYS} />}
      </Field>
      <p className="actions">
        <button type="submit" className="primary">
          {t("settings.appeals.save")}
        </button>
      </p>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
