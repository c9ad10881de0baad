/**
 * A contract's quarter score (/supervisor/scores/:contractId/2026-Q3): live
 * while the quarter may be written, the stored snapshot once finalised. It
 * explains every point (dimensions, deductions with their findings, bonus,
 * vetoes, satisfaction, why provisional, the fee), lists every revision, and
 * carries the two forms the state allows: finalise (draft, reopened) and
 * reopen (finalised), each with a hidden `intent` parsed by one union.
 */
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { rejected, writeContext } from "~/admin/respond.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { appealsOfQuarter, finaliseQuarter, reopenQuarter } from "~/queries.server";
import { AppealLines } from "~/findings/appeal-lines";
import { loadQuarterScore, type LoadedQuarter } from "~/scores/score-load.server";
import { QuarterScoreSections, RevisionList, SourceLine, StateBadge } from "~/scores/score-parts";
import { MAX_SCORE_TEXT } from "../../domain/quarter-lock";
import { finaliseFormSchema, ReopenSchema, SCORE_INTENTS, ScoreActionSchema, scoreRefusal } from "~/scores/schemas";
import quarterCss from "~/styles/quarter.css?url";
import { todayFor } from "~/utils/clock.server";
import { echoValues, parseForm, type FieldErrors } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { isPeriod } from "../../scoring/dates";

export const handle = { i18n: ["quarter", "appeals"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: quarterCss }];
export const meta: MetaFunction = () => [{ title: "季度考核得分 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view, viewer } = await loadQuarterScore(request, params);
  const appeals = await appealsOfQuarter(db(), { orgId: viewer.org.id, contractId: view.contract.id, period: view.period });
  return { view, appeals };
}

type Intent = (typeof SCORE_INTENTS)[number];
type ActionData = { fieldErrors: FieldErrors; formError?: string; intent?: string; values?: Record<string, unknown> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const { contractId, period } = params;
  invariantResponse(contractId && isPeriod(period), ...NOT_FOUND);
  const parsed = await parseForm(request, ScoreActionSchema);
  if (!parsed.ok) return rejected(parsed, SCORE_INTENTS);
  const ctx = writeContext(viewer, context);
  const input = parsed.data;
  const path = `/supervisor/scores/${contractId}/${period}`;
  const result =
    input.intent === "finalise"
      ? await finaliseQuarter(db(), ctx, {
          contractId,
          period,
          today: todayFor(viewer.org),
          overrideReason: input.overrideReason ?? null,
          provisionalJustification: input.provisionalJustification ?? null,
        })
      : await reopenQuarter(db(), ctx, { contractId, period, reason: input.reason });
  if (!result.ok) {
    invariantResponse(result.error !== "not_found", ...NOT_FOUND);
    const refusal = scoreRefusal(input.intent, result.error);
    return data<ActionData>(
      {
        fieldErrors: refusal.field ? { [refusal.field]: [refusal.message] } : {},
        formError: refusal.field ? undefined : refusal.message,
        intent: input.intent,
        values: parsed.values,
      },
      { status: refusal.status },
    );
  }
  return redirect(`${path}?done=${input.intent}${"revision" in result ? `&revision=${result.revision}` : ""}`);
}

export default function QuarterScorePage() {
  const { view, appeals } = useLoaderData<typeof loader>() as unknown as { view: LoadedQuarter; appeals: Parameters<typeof AppealLines>[0]["appeals"] };
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const done = search.get("done");
  const revision = Number(search.get("revision")) || view.revisions.at(-1)?.revision || 0;
  const c = view.contract;
  const answerFor = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <div className="page narrow quarter-page">
      <p className="no-print">
        <a href="/supervisor">← {t("quarter.back")}</a>
      </p>
      <h1 className="quarter-head">
        <span>
          {c.title} · <span className="nowrap">{view.period}</span>
        </span> <StateBadge view={view} />
      </h1>
      <div aria-live="polite">
        {done && (SCORE_INTENTS as readonly string[]).includes(done) ? (
          <p className="notice" role="status">
            {t(`quarter.done.${done}`, { revision })}
          </p>
        ) : null}
      </div>
      <dl className="quarter-facts">
        <dt>{t("quarter.facts.contractor")}</dt>
        <dd>{c.contractorName}</dd>
        <dt>{t("quarter.facts.contract")}</dt>
        <dd>
          {c.title}
          {c.code ? `（${c.code}）` : ""}
        </dd>
        <dt>{t("quarter.facts.serviceType")}</dt>
        <dd>{t(`serviceTypes.${c.serviceType}`)}</dd>
        <dt>{t("quarter.facts.period")}</dt>
        <dd>{view.period}</dd>
        <dt>{t("quarter.facts.rubric")}</dt>
        <dd>
          {view.rubric.id}@{view.rubric.version}
        </dd>
      </dl>
      <SourceLine view={view} />
      {view.reopen ? (
        <p className="quarter-text">{t("quarter.reopened", { on: view.reopen.on ?? "", name: view.reopen.byName ?? "", reason: view.reopen.reason ?? "" })}</p>
      ) : null}
      <p className="no-print">
        <a href={`/supervisor/scores/${c.id}/${view.period}/sheet`}>{t("quarter.sheet.link")}</a>
      </p>

      <QuarterScoreSections
        view={view}
        titles={{ score: t("quarter.title"), deductions: t("quarter.deductions.title"), extras: t("quarter.satisfaction.title"), fee: t("quarter.fee.title") }}
      />

      <AppealLines appeals={appeals} title={t("appeals.quarterTitle")} />
      {view.state === "draft" || view.state === "reopened" ? <FinaliseForm view={view} answer={answerFor("finalise")} /> : null}
      {view.state === "finalised" ? <ReopenForm answer={answerFor("reopen")} /> : null}
      {/* A refusal of a form the page no longer shows (someone else just acted) still shows. */}
      {actionData?.formError && !shownForm(view.state, actionData.intent) ? <FormError message={actionData.formError} /> : null}

      <section className="card quarter-section" aria-labelledby="revisions-title">
        <h2 id="revisions-title">{t("quarter.revisions.title")}</h2>
        <RevisionList view={view} />
      </section>
    </div>
  );
}

function shownForm(state: LoadedQuarter["state"], intent: string | undefined): boolean {
  return (intent === "finalise" && (state === "draft" || state === "reopened")) || (intent === "reopen" && state === "finalised");
}

function FinaliseForm({ view, answer }: { view: LoadedQuarter; answer?: ActionData }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { pendingVetoes, awaitingVerification, pendingAppeals, appealWindowOpen, appealWindowClosesOn } = view.blocks;
  const blocked = pendingVetoes > 0 || awaitingVerification > 0 || pendingAppeals > 0 || appealWindowOpen;
  const needs = { override: blocked, justification: view.score.provisional };
  const schema = useMemo(() => finaliseFormSchema(needs), [needs.override, needs.justification]); // eslint-disable-line react-hooks/exhaustive-deps
  const defaults = echoValues({ intent: "finalise" as const, overrideReason: "", provisionalJustification: "" }, answer?.values);
  const { form, field, onSubmit } = useValidatedForm(schema, { serverErrors: answer?.fieldErrors, defaultValues: defaults });
  // A block that appeared after the page loaded shows its field with the server's message too.
  const showOverride = blocked || Boolean(answer?.fieldErrors?.overrideReason);
  const showJustification = view.score.provisional || Boolean(answer?.fieldErrors?.provisionalJustification);
  const c = view.contract;
  return (
    <section className="card quarter-section quarter-form" aria-labelledby="finalise-title">
      <h2 id="finalise-title">{t("quarter.finalise.title")}</h2>
      <p className="hint">{t("quarter.finalise.hint")}</p>
      {blocked ? (
        <div className="quarter-blocks" data-testid="quarter-blocks">
          <h3>{t("quarter.blocks.title")}</h3>
          <ul>
            {pendingVetoes > 0 ? (
              <li>
                {t("quarter.blocks.vetoes", { count: pendingVetoes })}{" "}
                <a href={`/supervisor/events?status=pending&contractId=${c.id}`}>{t("quarter.blocks.vetoesLink")}</a>
              </li>
            ) : null}
            {awaitingVerification > 0 ? (
              <li>
                {t("quarter.blocks.fixes", { count: awaitingVerification })}{" "}
                <a href={`/supervisor/findings?status=awaiting_verification&contractId=${c.id}&period=${view.period}`}>{t("quarter.blocks.fixesLink")}</a>
              </li>
            ) : null}
            {pendingAppeals > 0 ? (
              <li>
                {t("quarter.blocks.appeals", { count: pendingAppeals })} <a href="/supervisor/appeals?status=pending">{t("quarter.blocks.appealsLink")}</a>
              </li>
            ) : null}
            {appealWindowOpen && appealWindowClosesOn ? <li>{t("quarter.blocks.window", { day: appealWindowClosesOn })}</li> : null}
          </ul>
          <p>{t("quarter.blocks.override")}</p>
        </div>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit} aria-labelledby="finalise-title">
        <input type="hidden" name="intent" value="finalise" />
        <FormError message={answer?.formError} />
        {showOverride ? (
          <Field form={form} name="overrideReason" label={t("quarter.finalise.overrideReason")}>
            {(props) => <textarea {...props} {...field("overrideReason")} rows={3} maxLength={MAX_SCORE_TEXT} />}
          </Field>
        ) : null}
        {showJustification ? (
          <Field form={form} name="provisionalJustification" label={t("quarter.finalise.justification")}>
            {(props) => <textarea {...props} {...field("provisionalJustification")} rows={3} maxLength={MAX_SCORE_TEXT} />}
          </Field>
        ) : null}
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("quarter.finalise.submit")}
        </button>
      </Form>
    </section>
  );
}

function ReopenForm({ answer }: { answer?: ActionData }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const defaults = echoValues({ intent: "reopen" as const, reason: "" }, answer?.values);
  const { form, field, onSubmit } = useValidatedForm(ReopenSchema, { serverErrors: answer?.fieldErrors, defaultValues: defaults });
  return (
    <section className="card quarter-section quarter-form" aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t("quarter.reopen.title")}</h2>
      <p className="hint">{t("quarter.reopen.hint")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} aria-labelledby="reopen-title">
        <input type="hidden" name="intent" value="reopen" />
        <FormError message={answer?.formError} />
        <Field form={form} name="reason" label={t("quarter.reopen.reason")}>
          {(props) => <textarea {...props} {...field("reason")} rows={3} maxLength={MAX_SCORE_TEXT} />}
        </Field>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("quarter.reopen.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
