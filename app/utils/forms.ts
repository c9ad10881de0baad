/**
 * One zod schema per form, used twice: by react-hook-form in the browser and
 * again by the action, which is the authority. Schema messages are i18n keys
 * (e.g. "form.required") with optional params after a "|" as JSON, so the same
 * error reads in Chinese or English.
 */
import { z } from "zod";
import { readFormBody, refusalMessage, DEFAULT_MAX_BYTES } from "./body";

// The message encoding has no zod in it, so pages that validate with zod/mini (the survey) stay light.
export { decodeMsg, msg, type FieldErrors } from "./messages";
import { msg, type FieldErrors } from "./messages";

/** Field errors keyed by the dotted path, as react-hook-form names fields. */
export function fieldErrorsOf(error: z.core.$ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Limits on the shape of a posted form, so no name can make the parser (or a page rendering it back) recurse without bound. */
export const FORM_LIMITS = {
  /** Dotted segments of a name: `steps.0.minTotal` is 3. */
  depth: 6,
  nameLength: 200,
  /** A contract may tick up to 500 sites. */
  fields: 1000,
} as const;

/**
 * Turns form entries into a plain object: repeated names become arrays (for
 * multi-selects) and dotted names nest (`steps.0.minTotal`). Null when the
 * form breaks `FORM_LIMITS` (too many fields, a name too long or too deep).
 */
export function entriesToObject(entries: Iterable<[string, string]>, arrayFields: readonly string[] = []): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const [name, value] of entries) {
    if (++count > FORM_LIMITS.fields || name.length > FORM_LIMITS.nameLength) return null;
    const parts = name.split(".");
    if (parts.length > FORM_LIMITS.depth) return null;
    setPath(out, parts, value, arrayFields.includes(name));
  }
  return out;
}

/**
 * FormData as `entriesToObject` makes it, for callers that read FormData
 * themselves: file parts are skipped and names beyond `FORM_LIMITS` dropped.
 */
export function formDataToObject(formData: FormData, arrayFields: readonly string[] = []): Record<string, unknown> {
  const entries: [string, string][] = [];
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && name.length <= FORM_LIMITS.nameLength && name.split(".").length <= FORM_LIMITS.depth) entries.push([name, value]);
  }
  return entriesToObject(entries.slice(0, FORM_LIMITS.fields), arrayFields) ?? {};
}

function setPath(target: Record<string, unknown>, parts: string[], value: string, asArray: boolean) {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const child = getOwn(node, part);
    if (typeof child === "object" && child !== null && !Array.isArray(child)) {
      node = child as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      setOwn(node, part, created);
      node = created;
    }
  }
  const last = parts[parts.length - 1]!;
  const existing = getOwn(node, last);
  if (asArray) setOwn(node, last, Array.isArray(existing) ? [...existing, value] : [value]);
  else if (existing === undefined) setOwn(node, last, value);
  else setOwn(node, last, Array.isArray(existing) ? [...existing, value] : [existing, value]);
}

/**
 * Own properties only: a field named `__proto__` or `constructor` becomes an
 * ordinary key (which a strict schema then refuses as unknown) instead of
 * reaching, or polluting, Object.prototype.
 */
function getOwn(node: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}
function setOwn(node: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Fields never sent back to the page: anything named like a password, at any depth. */
const SECRET = /password|secret/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!SECRET.test(k)) setOwn(out, k, withoutSecrets(v));
  return out;
}

/**
 * The answer of `parseForm`. Both sides carry `intent`, the posted `intent`
 * field (which button or form of the page was sent; null when absent), and
 * `values`, what was posted (never passwords, nor `intent`), for the page to
 * show beside the errors when it renders without JavaScript — after a
 * failure, or when the data refuses a valid form (a duplicate code). Pages
 * pass them through `echoValues` (below), which keeps only the shape the form
 * expects.
 */
export type Posted = { intent: string | null; values: Record<string, unknown> };
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string } & Posted;
export type FormResult<T> = ({ ok: true; data: T } & Posted) | FormFailure;

/** A schema, or one chosen by the posted `intent` (a page whose forms need different kinds of schema). */
/** Any zod 4 schema, classic or mini (the survey form uses zod/mini). */
export type SchemaFor<S extends z.core.$ZodType> = S | ((intent: string | null) => S);

/**
 * Reads the body once (`readFormBody`: bounded, 413 past `maxBytes`) and
 * parses it with `schema`. A body that is not a form, cannot be read or breaks
 * `FORM_LIMITS` fails with a form error and no field errors; the action
 * answers every failure with 400.
 */
export async function parseForm<S extends z.core.$ZodType>(
  request: Request,
  schema: SchemaFor<S>,
  options: { arrayFields?: readonly string[]; maxBytes?: number } = {},
): Promise<FormResult<z.output<S>>> {
  const body = await readFormBody(request, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES });
  if (!body.ok) return { ok: false, fieldErrors: {}, formError: refusalMessage(body.reason), intent: null, values: {} };
  return parseEntries(body.entries, schema, options.arrayFields);
}

/** `parseForm` of text fields already read (the multipart reader, ~/utils/multipart.server, reads its own). */
export function parseEntries<S extends z.core.$ZodType>(
  entries: Iterable<[string, string]>,
  schema: SchemaFor<S>,
  arrayFields?: readonly string[],
): FormResult<z.output<S>> {
  const posted = entriesToObject(entries, arrayFields);
  if (!posted) return { ok: false, fieldErrors: {}, formError: refusalMessage("malformed"), intent: null, values: {} };
  const raw = getOwn(posted, "intent");
  const intent = typeof raw === "string" ? raw.slice(0, 40) : null;
  const { intent: _intent, ...values } = withoutSecrets(posted) as Record<string, unknown>;
  const result = z.safeParse(typeof schema === "function" ? schema(intent) : schema, posted);
  if (result.success) return { ok: true, data: result.data as z.output<S>, intent, values };
  return { ok: false, fieldErrors: fieldErrorsOf(result.error), intent, values };
}

/**
 * The form's values after a refused post: `posted` laid over `defaults`, but
 * only where it has the shape the default has — a string for a string, an
 * array of strings (or one string) for an array of strings, rows (an array or
 * `{ "0": {...} }`) for an array of rows; keys the defaults lack are dropped.
 * Whatever was posted (`a=1&a=2`, `a.0=1`, `a.__proto__=1`), the page gets
 * values of the types it renders.
 */
export function echoValues<T>(defaults: T, posted: unknown): T {
  return echo(defaults, posted, 0) as T;
}

function echo(template: unknown, posted: unknown, depth: number): unknown {
  if (posted === undefined || depth > FORM_LIMITS.depth) return template;
  if (typeof template === "string" || template === undefined || template === null) return typeof posted === "string" ? posted : template;
  if (Array.isArray(template)) {
    const row: unknown = template[0];
    if (row !== undefined && typeof row === "object" && row !== null) {
      const rows = Array.isArray(posted) ? posted : typeof posted === "object" && posted !== null ? indexedValues(posted as Record<string, unknown>) : null;
      if (!rows) return template;
      const blank = blankOf(row);
      return rows.slice(0, FORM_LIMITS.fields).map((r) => echo(blank, r, depth + 1));
    }
    if (typeof posted === "string") return [posted];
    return Array.isArray(posted) ? posted.filter((v): v is string => typeof v === "string") : template;
  }
  if (typeof template === "object") {
    if (typeof posted !== "object" || posted === null || Array.isArray(posted)) return template;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) setOwn(out, k, echo(v, getOwn(posted as Record<string, unknown>, k), depth + 1));
    return out;
  }
  // Booleans and numbers are not posted as such: keep the default.
  return template;
}

/** `{ "0": a, "2": b }` as `[a, <blank>, b]`: the row numbers of the form. */
function indexedValues(value: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [k, v] of Object.entries(value)) if (/^\d{1,3}$/.test(k)) out[Number(k)] = v;
  return Array.from(out);
}

function blankOf(row: unknown): unknown {
  if (typeof row !== "object" || row === null) return "";
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? "" : v]));
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/**
 * Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), the
 * BOM and zero-width characters (U+FEFF, U+200B–U+200D): in a name they let
 * "‮txt.exe" display as something else, or two names look the same.
 */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\u200b-\u200d]/;

/** Shared field rules with localised messages. */
export const fields = {
  requiredText: (max: number) =>
    z
      .string(msg("form.required"))
      .trim()
      .min(1, msg("form.required"))
      .max(max, msg("form.tooLong", { max }))
      .refine((s) => !CONTROL.test(s), msg("form.controlChars")),
  optionalText: (max: number) =>
    z
      .string()
      .trim()
      .max(max, msg("form.tooLong", { max }))
      .refine((s) => !CONTROL.test(s), msg("form.controlChars"))
      .optional()
      .transform((s) => (s ? s : undefined)),
  /** A name shown to others (a contractor, site, cell, person, contract): text without invisible or direction characters. */
  name: (max: number) => fields.requiredText(max).refine((s) => !INVISIBLE.test(s), msg("form.invisibleChars")),
  /** An optional name (a contact person, a contract's code). */
  optionalName: (max: number) =>
    z
      .string()
      .trim()
      .max(max, msg("form.tooLong", { max }))
      .refine((s) => !CONTROL.test(s), msg("form.controlChars"))
      .refine((s) => !INVISIBLE.test(s), msg("form.invisibleChars"))
      .optional()
      .transform((s) => (s ? s : undefined)),
  email: () =>
    z
      .string(msg("form.required"))
      .trim()
      .min(1, msg("form.required"))
      .max(254, msg("form.tooLong", { max: 254 }))
      .pipe(z.email(msg("form.email")))
      .transform((s) => s.toLowerCase()),
};
