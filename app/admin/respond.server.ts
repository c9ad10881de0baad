/**
 * How administration actions answer: 400 with field errors for bad input
 * (`rejected(parsed)` for what `parseForm` refused), 409 with the reason when
 * a deletion or change is refused, 404 for an id the organisation does not
 * have (`invariantResponse(found, …, { status: 404 })` or `notFound()`), a
 * redirect with `?done=` when it worked.
 */
import { data, redirect } from "@remix-run/node";
import type { WriteContext } from "../../db/queries/context";
import type { Viewer } from "~/auth/session.server";
import type { UsedBy } from "./components";
import { readFormBody } from "~/utils/body";
import { entriesToObject, type FieldErrors, type FormFailure } from "~/utils/forms";
import { NOT_FOUND, invariantResponse } from "~/utils/invariant";

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

/**
 * @deprecated Use `invariantResponse(found, ...NOT_FOUND)` (~/utils/invariant).
 * Kept only for app/routes/admin.users.tsx until it moves over.
 */
export function notFound(): never {
  invariantResponse(false, ...NOT_FOUND);
}

export function done(path: string, what: string) {
  return redirect(`${path}${path.includes("?") ? "&" : "?"}done=${what}`);
}

/** Who is writing, from the signed-in viewer: every write is audited with it. */
export function writeContext(viewer: Viewer, context: { clientIp?: string }): WriteContext {
  return { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp || null };
}

/**
 * @deprecated Use `parseForm(request, schema)`, whose result carries `intent`.
 * Kept only for app/routes/admin.users.tsx until it moves over. Reads a copy of
 * the body through the same bounded reader (so a huge body still gets a 413).
 */
export async function intentOf(request: Request): Promise<string | null> {
  const value = (await postedObject(request))?.intent;
  return typeof value === "string" ? value.slice(0, 40) : null;
}

/**
 * @deprecated Use `parseForm(request, schema)`, whose failure carries `values`.
 * Kept only for app/routes/admin.users.tsx until it moves over.
 */
export async function postedValues(request: Request, arrayFields: readonly string[] = []): Promise<Record<string, unknown>> {
  const { password: _password, intent: _intent, ...values } = (await postedObject(request, arrayFields)) ?? {};
  return values;
}

async function postedObject(request: Request, arrayFields: readonly string[] = []): Promise<Record<string, unknown> | null> {
  const body = await readFormBody(request.clone());
  return body.ok ? entriesToObject(body.entries, arrayFields) : null;
}
