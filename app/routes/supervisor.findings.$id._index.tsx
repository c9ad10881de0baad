/**
 * A finding's page (phone first): its status, deadline, place, photos and
 * history, and only the steps its state allows — record the fix (on the
 * contractor's behalf, with evidence photos), verify, fail verification,
 * withdraw, clear the repeat mark — each its own form with a hidden `intent`,
 * parsed by the same discriminated union in the action.
 */
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { photoFieldLinks } from "~/components/photo-field";
import { db } from "~/db.server";
import { refusalOf } from "~/findings/errors";
import { AppealLines } from "~/findings/appeal-lines";
import { DeadlineLine, FindingStatusBadge, PhotoThumbs } from "~/findings/components";
import { RectifyForm, type FindingFormAnswer } from "~/findings/rectify-form";
import { ClearRepeatSchema, FailSchema, FINDING_INTENTS, FindingActionSchema, VerifySchema, WithdrawSchema } from "~/findings/schemas";
import { appealsOf, clearRepeatMark, failVerification, getFinding, rectifyFinding, verifyFinding, withdrawFinding } from "~/queries.server";
import findingsCss from "~/styles/findings.css?url";
import { now, todayFor } from "~/utils/clock.server";
import { echoValues } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";
import { parseMultipartForm } from "~/utils/multipart.server";
import { discardPhotos, discardStaged, storePhotos } from "../../server/photos";
import { MAX_PHOTOS } from "../../domain/findings";
import type { FindingAction } from "../../domain/rectification";

export const handle = { i18n: ["findings", "photos", "appeals"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingsCss }, ...photoFieldLinks];
export const meta: MetaFunction = () => [{ title: "问题详情 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  invariantResponse(params.id, ...NOT_FOUND);
  const today = todayFor(viewer.org);
  const finding = await getFinding(db(), { orgId: viewer.org.id, id: params.id, today });
  invariantResponse(finding, ...NOT_FOUND);
  const appeals = await appealsOf(db(), { orgId: viewer.org.id, findingId: finding.id });
  return { finding, today, appeals };
}

type ActionData = FindingFormAnswer;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  invariantResponse(params.id, ...NOT_FOUND);
  const today = todayFor(viewer.org);
  const finding = await getFinding(db(), { orgId: viewer.org.id, id: params.id, today });
  invariantResponse(finding, ...NOT_FOUND);

  const parsed = await parseMultipartForm(request, FindingActionSchema, { maxFiles: MAX_PHOTOS });
  if (!parsed.ok) {
    const intent = FINDING_INTENTS.find((i) => i === parsed.intent) ?? "rectify";
    return data<ActionData>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, intent, values: parsed.values }, { status: 400 });
  }
  const ctx = { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp ?? null };
  const input = parsed.data;
  // Only the fix carries photos; any sent with another form are thrown away unread.
  if (input.intent !== "rectify") await discardStaged(parsed.photos);

  let result;
  switch (input.intent) {
    case "rectify": {
      if (parsed.photos.length === 0) {
        return data<ActionData>(
          { fieldErrors: { photos: [refusalOf("photo_required").message] }, intent: input.intent, values: parsed.values },
          { status: 400 },
        );
      }
      const stored = await storePhotos(parsed.photos, {
        orgId: viewer.org.id,
        takenAt: now(),
        timeZone: viewer.org.timeZone,
        label: finding.cell?.code ?? finding.site.name,
      });
      result = await rectifyFinding(db(), ctx, { findingId: finding.id, fixedOn: input.fixedOn, note: input.note, photos: stored, today });
      if (!result.ok) await discardPhotos(stored);
      break;
    }
    case "verify":
      result = await verifyFinding(db(), ctx, { findingId: finding.id, note: input.note ?? null, today });
      break;
    case "fail_verification":
      result = await failVerification(db(), ctx, { findingId: finding.id, reason: input.reason, today });
      break;
    case "withdraw":
      result = await withdrawFinding(db(), ctx, { findingId: finding.id, reason: input.reason, today });
      break;
    case "clear_repeat":
      result = await clearRepeatMark(db(), ctx, { findingId: finding.id, reason: input.reason, today });
      break;
  }
  if (!result.ok) {
    invariantResponse(result.error !== "not_found", ...NOT_FOUND);
    const refusal = refusalOf(result.error);
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
  return redirect(`/supervisor/findings/${finding.id}?done=${input.intent}`);
}

export default function FindingPage() {
  const { finding: f, today, appeals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const { pick } = useLocale();
  const [search] = useSearchParams();
  const done = search.get("done");
  const place = [f.site.name, f.cell ? `${f.cell.code} ${f.cell.name}` : null].filter(Boolean).join(" · ");
  const errorsFor = (intent: FindingAction) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <div className="page narrow">
      <p>
        <a href="/supervisor">← {t("findings.back")}</a>
      </p>
      <h1 className="finding-head">
        <span>{f.item ? pick(f.item.label) : f.itemId}</span> <FindingStatusBadge status={f.listStatus} />
      </h1>
      <div aria-live="polite">
        {done && (FINDING_INTENTS as readonly string[]).includes(done) ? (
          <p className="notice" role="status">
            {t(`findings.done.${done}`)}
          </p>
        ) : null}
      </div>
      <DeadlineLine f={f} />
      {f.status === "withdrawn" && f.withdrawnReason ? <p>{t("findings.withdrawnBecause", { reason: f.withdrawnReason })}</p> : null}
      {!f.quarterWritable ? <p className="notice">{t("findings.locked", { period: f.period })}</p> : null}

      <section className="finding-panel" aria-labelledby="facts-title">
        <h2 id="facts-title">{t("findings.title")}</h2>
        <dl className="finding-facts">
          <dt>{t("findings.facts.contractor")}</dt>
          <dd>{f.contractor.name}</dd>
          <dt>{t("findings.facts.contract")}</dt>
          <dd>{f.contract.title}</dd>
          <dt>{t("findings.facts.place")}</dt>
          <dd>{place}</dd>
          <dt>{t("findings.facts.item")}</dt>
          <dd>{f.item ? `${pick(f.item.dimension)} · ${pick(f.item.label)}` : f.itemId}</dd>
          <dt>{t("findings.facts.severity")}</dt>
          <dd className={f.severity === "critical" ? "sev-critical" : undefined}>{t(`severity.${f.severity}`)}</dd>
          <dt>{t("findings.facts.foundOn")}</dt>
          <dd>
            {f.foundOn} · {t(`findings.kinds.${f.inspection.kind}`)} · {f.createdBy.name}
          </dd>
          <dt>{t("findings.facts.dueOn")}</dt>
          <dd>{f.dueOn}</dd>
          {f.rectifiedOn ? (
            <>
              <dt>{t("findings.facts.rectifiedOn")}</dt>
              <dd>{f.rectifiedOn}</dd>
            </>
          ) : null}
          {f.verifiedOn ? (
            <>
              <dt>{t("findings.facts.verifiedOn")}</dt>
              <dd>
                {f.verifiedOn} · {f.verifiedBy?.name}
              </dd>
            </>
          ) : null}
          <dt>{t("findings.facts.note")}</dt>
          <dd className="finding-note">{f.note}</dd>
        </dl>
        {f.repeatOf ? (
          <p>
            {f.repeatCounts ? t("findings.repeat.of", { foundOn: f.repeatOf.foundOn }) : t("findings.repeat.cleared", { reason: f.repeatClearedReason ?? "" })}{" "}
            <a href={`/supervisor/findings/${f.repeatOf.id}`}>{t("findings.repeat.open")}</a>
          </p>
        ) : null}
        {f.repeats.length > 0 ? (
          <p>
            {t("findings.repeat.later")}:{" "}
            {f.repeats.map((r) => (
              <a key={r.id} href={`/supervisor/findings/${r.id}`} className="nowrap">
                {r.foundOn} ({t(`findings.status.${r.listStatus}`)}){" "}
              </a>
            ))}
          </p>
        ) : null}
        <h3>{t("findings.photos")}</h3>
        {f.photos.length ? <PhotoThumbs photos={f.photos} /> : <p className="muted">{t("findings.noPhotos")}</p>}
        <p className="actions no-print">
          <a href={`/supervisor/findings/${f.id}/notice`}>{t("findings.notice.link")}</a>
          <a href={`/supervisor/inspections/${f.inspection.id}/notice`}>{t("findings.notice.inspectionLink")}</a>
        </p>
      </section>

      <AppealLines appeals={appeals} />

      <section className="finding-panel finding-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t("findings.actions.title")}</h2>
        {f.actions.length === 0 ? <p className="muted">{t("findings.actions.none")}</p> : null}
        {f.actions.includes("rectify") ? <RectifyForm today={today} answer={errorsFor("rectify")} /> : null}
        {f.actions.includes("verify") ? <VerifyForm answer={errorsFor("verify")} /> : null}
        {f.actions.includes("fail_verification") ? (
          <ReasonForm intent="fail_verification" schema={FailSchema} answer={errorsFor("fail_verification")} title="fail" label="failReason" submit="failSubmit" />
        ) : null}
        {f.actions.includes("clear_repeat") ? (
          <ReasonForm intent="clear_repeat" schema={ClearRepeatSchema} answer={errorsFor("clear_repeat")} title="clearRepeat" label="clearReason" submit="clearSubmit" />
        ) : null}
        {f.actions.includes("withdraw") ? (
          <ReasonForm intent="withdraw" schema={WithdrawSchema} answer={errorsFor("withdraw")} title="withdraw" label="withdrawReason" submit="withdrawSubmit" danger />
        ) : null}
        {/* A refusal of a step the page no longer offers (someone else just acted) still shows. */}
        {actionData?.formError && !f.actions.includes(actionData.intent as FindingAction) ? <FormError message={actionData.formError} /> : null}
      </section>

      <section className="finding-panel" aria-labelledby="history-title">
        <h2 id="history-title">{t("findings.history")}</h2>
        {f.history.length === 0 ? (
          <p className="muted">{t("findings.noHistory")}</p>
        ) : (
          <ol className="finding-history" data-testid="finding-history">
            {f.history.map((e) => (
              <li key={e.id}>
                <span className="event-kind">{t(`findings.events.${e.kind}`)}</span>{" "}
                <span className="muted small">{t("findings.eventBy", { name: e.by.name, day: e.onDay })}</span>
                {e.note ? <p className="event-note">{e.note}</p> : null}
                <PhotoThumbs photos={e.photos} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function VerifyForm({ answer }: { answer?: ActionData }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const defaults = echoValues({ intent: "verify" as const, note: "" }, answer?.values);
  const { form, field, onSubmit } = useValidatedForm(VerifySchema, { serverErrors: answer?.fieldErrors, defaultValues: defaults });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-labelledby="verify-title">
      <h3 id="verify-title">{t("findings.actions.verify")}</h3>
      <input type="hidden" name="intent" value="verify" />
      <FormError message={answer?.formError} />
      <Field form={form} name="note" label={t("findings.actions.verifyNote")}>
        {(props) => <textarea {...props} {...field("note")} rows={2} />}
      </Field>
      <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
        {t("findings.actions.verifySubmit")}
      </button>
    </Form>
  );
}

/** A step that takes only a reason: fail verification, clear the repeat mark, withdraw. */
function ReasonForm({
  intent,
  schema,
  answer,
  title,
  label,
  submit,
  danger,
}: {
  intent: "fail_verification" | "clear_repeat" | "withdraw";
  schema: typeof FailSchema | typeof ClearRepeatSchema | typeof WithdrawSchema;
  answer?: ActionData;
  title: string;
  label: string;
  submit: string;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const defaults = echoValues({ intent, reason: "" }, answer?.values);
  const { form, field, onSubmit } = useValidatedForm(schema, { serverErrors: answer?.fieldErrors, defaultValues: defaults });
  const id = `${intent}-title`;
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-labelledby={id}>
      <h3 id={id}>{t(`findings.actions.${title}`)}</h3>
      <input type="hidden" name="intent" value={intent} />
      <FormError message={answer?.formError} />
      <Field form={form} name="reason" label={t(`findings.actions.${label}`)}>
        {(props) => <textarea {...props} {...field("reason")} rows={2} />}
      </Field>
      <button type="submit" className={danger ? "danger" : "primary"} disabled={navigation.state === "submitting"}>
        {t(`findings.actions.${submit}`)}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
