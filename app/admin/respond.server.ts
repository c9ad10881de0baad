/**
 * How administration actions answer: 400 with field errors for bad input
 * (`rejected(parsed)` for what `parseForm` refused), 409 with the reason when
 * a deletion or change is refused, 404 for an id the organisation does not
 * have (`invariantResponse(found, ...NOT_FOUND)`), a
 * redirect with `?done=` when it worked.
 */
import { data, redirect } from "@remix-run/node";
import type { WriteContext } from "../../db/queries/context";
import type { Viewer } from "~/auth/session.server";
import type { UsedBy } from "./components";
import type { FieldErrors, FormFailure } from "~/utils/forms";

export interface AdminActionData {
  fieldErrors: FieldErrors;
  formError?: string;
  usedBy?: UsedBy;
  /** Which form of the page the answer belongs to (pages with several forms). */
  intent?: string;
  /** The row a per-row form acted on (the users table). */
  userId?: string;
  /**
   * What was posted, on a 400, so the server-rendered form (no JavaScript)
   * shows the person's own input beside the errors instead of empty fields.
   * Never the password.
   */
  values?: Record<string, unknown>;
}

/** Bad input: nothing was written. */
export function invalid(fieldErrors: FieldErrors, extra: Omit<AdminActionData, "fieldErrors"> = {}) {
  return data<AdminActionData>({ fieldErrors, ...extra }, { status: 400 });
}

/** One field's error, as `invalid` takes it. */
export function fieldError(field: string, message: string, extra: Omit<AdminActionData, "fieldErrors"> = {}) {
  return invalid({ [field]: [message] }, extra);
}

/** A well-formed request the data refuses (in use, last admin): nothing was written. */
export function refused(formError: string, extra: Omit<AdminActionData, "fieldErrors" | "formError"> = {}) {
  return data<AdminActionData>({ fieldErrors: {}, formError, ...extra }, { status: 409 });
}

/**
 * What `parseForm` refused, as the 400 the page shows beside the form that
 * was sent: `intents` are the page's forms (the first is the default), so an
 * unknown or missing `intent` is shown beside the first.
 */
export function rejected(failure: FormFailure, intents: readonly [string, ...string[]] = ["save"]) {
  const intent = failure.intent !== null && intents.includes(failure.intent) ? failure.intent : intents[0];
  return invalid(failure.fieldErrors, { formError: failure.formError, intent, values: failure.values });
}

export function done(path: string, what: string) {
  return redirect(`${path}${path.includes("?") ? "&" : "?"}done=${what}`);
}

/** Who is writing, from the signed-in viewer: every write is audited with it. */
export function writeContext(viewer: Viewer, context: { clientIp?: string }): WriteContext {
  return { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp || null };
}
