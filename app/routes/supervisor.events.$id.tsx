import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { appealsOf, confirmVeto, getEvent, withdrawBonus, withdrawVeto } from "~/queries.server";
import { AppealLines } from "~/findings/appeal-lines";
import { mayConfirmVeto } from "../../domain/findings";
import { writeContext } from "~/admin/respond.server";
import { requireRole, type Viewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError, useMessage } from "~/components/form";
import { db } from "~/db.server";
import { EVENT_ERROR_MESSAGES } from "~/events/errors";
import { EventActionSchema } from "~/events/schema";
import { EventStatusBadge } from "~/events/status-badge";
import patrolsCss from "~/styles/patrols.css?url";
import { todayFor } from "~/utils/clock.server";
import { msg, parseForm, type FieldErrors } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";

export const handle = { i18n: ["events", "appeals"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: patrolsCss }];
export const meta: MetaFunction = () => [{ title: "加分与否决事项 · 考评" }];

/** The event of `id` in the viewer's organisation: the kind from `?kind=`, or whichever table has the id. */
async function findEvent(viewer: Viewer, id: string, kindParam: string | null) {
  const kinds: readonly ("bonus" | "veto")[] = kindParam === "bonus" || kindParam === "veto" ? [kindParam] : ["veto", "bonus"];
  for (const kind of kinds) {
    const event = await getEvent(db(), { orgId: viewer.org.id, kind, id });
    if (event) return event;
  }
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const event = await findEvent(viewer, params.id ?? "", new URL(request.url).searchParams.get("kind"));
  invariantResponse(event, ...NOT_FOUND);
  const mayConfirm =
    event.kind === "veto" && event.status !== "counted" &&
    mayConfirmVeto({ recordedBy: event.recordedBy, status: event.status as "pending" | "confirmed" | "withdrawn" }, { userId: viewer.user.id, role: viewer.membership.role });
  const appeals = event.kind === "veto" ? await appealsOf(db(), { orgId: viewer.org.id, vetoEventId: event.id }) : [];
  return { event, mayConfirm, isRecorder: event.recordedBy === viewer.user.id, appeals };
}

type ActionResult = { fieldErrors: FieldErrors; formError?: string; intent?: string | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const event = await findEvent(viewer, params.id ?? "", new URL(request.url).searchParams.get("kind"));
  invariantResponse(event, ...NOT_FOUND);
  const parsed = await parseForm(request, EventActionSchema, { maxBytes: 8 * 1024 });
  if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, intent: parsed.intent }, { status: 400 });
  const ctx = writeContext(viewer, context);
  const today = todayFor(viewer.org);
  const input = parsed.data;
  const result =
    input.intent === "confirm"
      ? event.kind === "veto"
        ? await confirmVeto(db(), ctx, { vetoId: event.id, role: viewer.membership.role, today })
        : ({ ok: false, error: "not_pending" } as const)
      : await (event.kind === "bonus" ? withdrawBonus : withdrawVeto)(db(), ctx, { id: event.id, reason: input.reason, today });
  if (result.ok) return redirect(`/supervisor/events/${event.id}?kind=${event.kind}&done=${input.intent}`);
  invariantResponse(result.error !== "not_found", ...NOT_FOUND);
  const m = EVENT_ERROR_MESSAGES[result.error];
  return data<ActionResult>({ fieldErrors: {}, formError: msg(m.key), intent: input.intent }, { status: result.error === "not_allowed" ? 403 : 409 });
}

export default function EventPage() {
  const { event, mayConfirm, isRecorder, appeals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const { pick } = useLocale();
  const message = useMessage();
  const done = search.get("done");
  const reasonError = actionData?.fieldErrors?.reason?.[0];
  const busy = navigation.state === "submitting";
  const notice =
    event.status === "pending"
      ? "pendingNotice"
      : event.status === "confirmed"
        ? "confirmedNotice"
        : event.status === "counted"
          ? "countedNotice"
          : "withdrawnNotice";
  return (
    <div className="page narrow">
      <p>
        <a href="/supervisor/events">← {t("events.detail.back")}</a>
      </p>
      <h1>
        {t(`events.kind.${event.kind}`)}: {event.itemLabel ? pick(event.itemLabel) : event.itemId}
      </h1>
      <p>
        <EventStatusBadge status={event.status} />
      </p>
      <div aria-live="polite">
        {done === "confirm" ? <p className="notice">{t("events.detail.confirmed")}</p> : null}
        {done === "withdraw" ? <p className="notice">{t("events.detail.withdrawnDone")}</p> : null}
      </div>
      <p className={event.status === "pending" ? "notice veto" : "notice"} data-testid="event-notice">
        {t(`events.detail.${notice}`)}
      </p>
      <AppealLines appeals={appeals} />
      <dl className="details">
        <dt>{t("events.detail.contract")}</dt>
        <dd>
          {event.contractorName} · {t(`serviceTypes.${event.serviceType}`)} · {event.contractTitle}
        </dd>
        {event.siteName ? (
          <>
            <dt>{t("events.detail.site")}</dt>
            <dd>{event.siteName}</dd>
          </>
        ) : null}
        <dt>{t("events.detail.occurredOn")}</dt>
        <dd>{event.occurredOn}</dd>
        <dt>{t("events.detail.period")}</dt>
        <dd>{event.period}</dd>
        <dt>{t("events.detail.note")}</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{event.note}</dd>
        <dt>{t("events.detail.recordedBy")}</dt>
        <dd>{event.recordedByName}</dd>
        {event.confirmedByName ? (
          <>
            <dt>{t("events.detail.confirmedBy")}</dt>
            <dd>{event.confirmedByName}</dd>
          </>
        ) : null}
        {event.withdrawnReason ? (
          <>
            <dt>{t("events.detail.withdrawnBy")}</dt>
            <dd>{event.withdrawnByName}</dd>
            <dt>{t("events.detail.withdrawnReason")}</dt>
            <dd>{event.withdrawnReason}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("events.detail.photos")}</h2>
      {event.photos.length === 0 ? (
        <p className="muted">{t("events.detail.noPhotos")}</p>
      ) : (
        <ul className="event-photos">
          {event.photos.map((p, i) => (
            <li key={p.id}>
              <a href={`/files/${p.id}`}>
                <img src={`/files/${p.id}/thumb`} alt={t("events.detail.photoAlt", { n: i + 1 })} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
      <FormError message={actionData?.formError} />
      {mayConfirm ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="confirm" />
          <p className="hint">{t("events.detail.confirmHint")}</p>
          <button type="submit" className="primary" disabled={busy}>
            {t("events.detail.confirm")}
          </button>
        </Form>
      ) : event.status === "pending" && isRecorder ? (
        <p className="muted">{t("events.detail.ownPending")}</p>
      ) : null}
      {event.status !== "withdrawn" ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="withdraw" />
          <div className="field">
            <label htmlFor="withdraw-reason">{t("events.detail.withdrawReason")}</label>
            <textarea
              id="withdraw-reason"
              name="reason"
              rows={2}
              maxLength={1000}
              required
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "withdraw-reason-error" : undefined}
            />
            {reasonError ? (
              <p className="field-error" id="withdraw-reason-error" role="alert">
                {message(reasonError)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="secondary" disabled={busy}>
            {t("events.detail.withdraw")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
