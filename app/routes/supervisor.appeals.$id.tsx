/**
 * One appeal (issue 14): what it contests (the finding or veto, with photos),
 * the contractor's reason and evidence, and the decision form — uphold, with
 * the outcomes its target allows (withdraw / lower the severity to a milder
 * one / clear the repeat mark / withdraw the veto), or dismiss; a reason is
 * required. A finalised quarter shows "reopen the quarter first" with a link
 * to its score page instead of the form.
 */
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { writeContext } from "~/admin/respond.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError, useMessage } from "~/components/form";
import { db } from "~/db.server";
import { DecideSchema } from "~/findings/appeal-schemas";
import { PhotoThumbs } from "~/findings/components";
import { decideAppeal, getAppeal } from "~/queries.server";
import findingsCss from "~/styles/findings.css?url";
import { todayFor } from "~/utils/clock.server";
import { msg, parseForm, type FieldErrors } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";
import type { Severity } from "../../scoring/types";

export const handle = { i18n: ["appeals", "findings"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingsCss }];
export const meta: MetaFunction = () => [{ title: "异议申诉 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  invariantResponse(params.id, ...NOT_FOUND);
  const appeal = await getAppeal(db(), { orgId: viewer.org.id, id: params.id, today: todayFor(viewer.org) });
  invariantResponse(appeal, ...NOT_FOUND);
  return { appeal };
}

type ActionData = { fieldErrors: FieldErrors; formError?: string; values?: Record<string, unknown> };

const REFUSALS = {
  invalid: { key: "appeals.errors.invalid", status: 400 },
  already_decided: { key: "appeals.errors.alreadyDecided", status: 409 },
  quarter_locked: { key: "appeals.errors.quarterLocked", status: 409 },
  conflict: { key: "appeals.errors.conflict", status: 409 },
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  invariantResponse(params.id, ...NOT_FOUND);
  const today = todayFor(viewer.org);
  const appeal = await getAppeal(db(), { orgId: viewer.org.id, id: params.id, today });
  invariantResponse(appeal, ...NOT_FOUND);
  const parsed = await parseForm(request, DecideSchema, { maxBytes: 16 * 1024 });
  if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  const lowerTo = input.decision === "uphold" && appeal.target === "finding" && input.outcome?.startsWith("lower:") ? (input.outcome.slice(6) as Severity) : null;
  const result = await decideAppeal(db(), writeContext(viewer, context), { appealId: appeal.id, decision: input.decision, reason: input.reason, severityTo: lowerTo, today });
  if (!result.ok) {
    invariantResponse(result.error !== "not_found", ...NOT_FOUND);
    const r = REFUSALS[result.error];
    return data<ActionData>({ fieldErrors: {}, formError: msg(r.key), values: parsed.values }, { status: r.status });
  }
  const q = new URLSearchParams({ done: input.decision === "uphold" ? "upheld" : "dismissed", rechecked: String(result.recheckedRepeats), locked: String(result.lockedRepeats.length) });
  return redirect(`/supervisor/appeals/${appeal.id}?${q}`);
}

export default function AppealPage() {
  const { appeal: a } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const { pick } = useLocale();
  const message = useMessage();
  const done = search.get("done");
  const rechecked = Number(search.get("rechecked") ?? 0);
  const locked = Number(search.get("locked") ?? 0);
  const sev = (s: string | null) => (s ? t(`severity.${s}`) : "");
  const reasonError = actionData?.fieldErrors?.reason?.[0];
  return (
    <div className="page narrow">
      <p>
        <a href="/supervisor/appeals">← {t("appeals.back")}</a>
      </p>
      <h1>
        {t("appeals.title")} · {t(`appeals.target.${a.target}`)} <span className="badge">{t(`appeals.status.${a.status}`)}</span>
      </h1>
      <div aria-live="polite">
        {done === "upheld" || done === "dismissed" ? (
          <p className="notice" role="status">
            {t(`appeals.done.${done}`)}
            {rechecked > 0 ? ` ${t("appeals.done.rechecked", { count: rechecked })}` : ""}
            {locked > 0 ? ` ${t("appeals.done.locked", { count: locked })}` : ""}
          </p>
        ) : null}
      </div>
      <p>
        {a.contractorName} · {a.contractTitle} · {a.period}
      </p>
      {a.windowClosesOn ? <p className="muted">{t("appeals.windowClosesOn", { day: a.windowClosesOn })}</p> : null}

      <section className="finding-panel" aria-labelledby="contested-title">
        <h2 id="contested-title">{t("appeals.contested")}</h2>
        {a.finding ? (
          <>
            <p>
              <strong>{a.finding.item ? pick(a.finding.item.label) : a.finding.itemId}</strong> · {sev(a.finding.severity)} · {a.finding.foundOn}
            </p>
            <p className="finding-note">{a.finding.note}</p>
            <PhotoThumbs photos={a.finding.photos} />
            <p>
              <a href={`/supervisor/findings/${a.finding.id}`}>{t("appeals.openFinding")}</a>
            </p>
          </>
        ) : null}
        {a.veto ? (
          <>
            <p>
              <strong>{a.veto.itemLabel ? pick(a.veto.itemLabel) : a.veto.itemId}</strong> · {a.veto.occurredOn}
            </p>
            <p className="finding-note">{a.veto.note}</p>
            <PhotoThumbs photos={a.veto.photos} />
            <p>
              <a href={`/supervisor/events/${a.veto.id}?kind=veto`}>{t("appeals.openVeto")}</a>
            </p>
          </>
        ) : null}
      </section>

      <section className="finding-panel" aria-labelledby="reason-title">
        <h2 id="reason-title">{t("appeals.reason")}</h2>
        <p className="muted small">{t("appeals.filedBy", { name: a.filedByName, day: a.filedOn })}</p>
        <p className="finding-note">{a.reason}</p>
        <h3>{t("appeals.evidence")}</h3>
        {a.photos.length ? <PhotoThumbs photos={a.photos} /> : <p className="muted">{t("appeals.noEvidence")}</p>}
      </section>

      <section className="finding-panel" aria-labelledby="decision-title">
        <h2 id="decision-title">{t("appeals.decide.title")}</h2>
        {a.status !== "pending" ? (
          <>
            <p>
              <strong>{t(`appeals.status.${a.status}`)}</strong>
              {a.outcome ? ` · ${t(`appeals.outcome.${a.outcome}`, { from: sev(a.severityFrom), to: sev(a.severityTo) })}` : ""}
            </p>
            <p className="muted small">{t("appeals.decidedBy", { name: a.decidedByName ?? "", day: a.decidedOn ?? "" })}</p>
            <p className="finding-note">{a.decisionReason}</p>
          </>
        ) : !a.quarterWritable ? (
          <p className="notice">
            {t("appeals.locked")} <a href={`/supervisor/scores/${a.contractId}/${a.period}`}>{t("appeals.lockedLink")}</a>
          </p>
        ) : (
          <Form method="post" noValidate aria-labelledby="decision-title">
            <FormError message={actionData?.formError} />
            <fieldset>
              <legend>{t("appeals.decide.decision")}</legend>
              {actionData?.fieldErrors?.decision?.[0] ? (
                <p className="field-error" role="alert">
                  {message(actionData.fieldErrors.decision[0])}
                </p>
              ) : null}
              <label className="choice">
                <input type="radio" name="decision" value="uphold" defaultChecked={actionData?.values?.decision === "uphold"} /> {t("appeals.decide.uphold")}
              </label>
              <label className="choice">
                <input type="radio" name="decision" value="dismiss" defaultChecked={actionData?.values?.decision === "dismiss"} /> {t("appeals.decide.dismiss")}
              </label>
            </fieldset>
            {a.target === "finding" ? (
              <fieldset>
                <legend>{t("appeals.decide.outcome")}</legend>
                <label className="choice">
                  <input type="radio" name="outcome" value="withdraw" defaultChecked /> {t("appeals.decide.withdraw")}
                </label>
                {a.milderSeverities.map((s) => (
                  <label className="choice" key={s}>
                    <input type="radio" name="outcome" value={`lower:${s}`} /> {t("appeals.decide.lower")} {sev(s)}
                  </label>
                ))}
              </fieldset>
            ) : (
              <p className="muted">
                {t("appeals.decide.outcome")}: {t(a.target === "repeat" ? "appeals.decide.clearRepeat" : "appeals.decide.withdrawVeto")}
              </p>
            )}
            <div className="field">
              <label htmlFor="decision-reason">{t("appeals.decide.reason")}</label>
              <textarea
                id="decision-reason"
                name="reason"
                rows={3}
                required
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? "decision-reason-error" : undefined}
                defaultValue={typeof actionData?.values?.reason === "string" ? actionData.values.reason : ""}
              />
              {reasonError ? (
                <p id="decision-reason-error" className="field-error" role="alert">
                  {message(reasonError)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              {t("appeals.decide.submit")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
