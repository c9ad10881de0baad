/**
 * How administration actions answer: 400 with field errors for bad input,
 * 409 with the reason when a deletion or change is refused, 404 for an id the
 * organisation does not have, a redirect with `?done=` when it worked.
 */
import { data, redirect } from "@remix-run/node";
import type { WriteContext } from "../../db/queries/context";
import type { Viewer } from "~/auth/session.server";
import type { UsedBy } from "./components";
import { formDataToObject, type FieldErrors } from "~/utils/forms";

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

/** Another organisation's id, or one that never existed: the same 404. */
export function notFound(): never {
  throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function done(path: string, what: string) {
  return redirect(`${path}${path.includes("?") ? "&" : "?"}done=${what}`);
}

/** Who is writing, from the signed-in viewer: every write is audited with it. */
export function writeContext(viewer: Viewer, context: { clientIp?: string }): WriteContext {
  return { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp || null };
}

/**
 * Which button or form of a page was posted (its `intent` field), read from a
 * copy of the request so the body can still be parsed by the form's schema —
 * and so a 400 is shown beside the form that was actually sent.
 */
export async function intentOf(request: Request): Promise<string | null> {
  try {
    const value = (await request.clone().formData()).get("intent");
    return typeof value === "string" ? value.slice(0, 40) : null;
  } catch {
    return null;
  }
}

/** The posted fields as the form names them (see `AdminActionData.values`), read from a copy of the request. */
export async function postedValues(request: Request, arrayFields: readonly string[] = []): Promise<Record<string, unknown>> {
  try {
    const { password: _password, intent: _intent, ...values } = formDataToObject(await request.clone().formData(), arrayFields);
    return values;
  } catch {
    return {};
  }
}
