/**
 * One zod schema per form, used twice: by react-hook-form in the browser and
 * again by the action, which is the authority. Schema messages are i18n keys
 * (e.g. "form.required") with optional params after a "|" as JSON, so the same
 * error reads in Chinese or English.
 */
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/** Encodes an i18n key and its params as a zod message. */
export function msg(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

/** Decodes a message made by `msg` back into key and params. */
export function decodeMsg(message: string): { key: string; params: Record<string, string | number> } {
  const bar = message.indexOf("|");
  if (bar < 0) return { key: message, params: {} };
  try {
    return { key: message.slice(0, bar), params: JSON.parse(message.slice(bar + 1)) as Record<string, string | number> };
  } catch {
    return { key: message.slice(0, bar), params: {} };
  }
}

/** Field errors keyed by the dotted path, as react-hook-form names fields. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Turns FormData into a plain object: repeated names become arrays (for
 * multi-selects) and dotted names nest (`steps.0.minTotal`).
 */
export function formDataToObject(formData: FormData, arrayFields: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    setPath(out, name.split("."), value, arrayFields.includes(name));
  }
  return out;
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

/** Parses a submitted form with `schema`; a failure carries localisable field errors. */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { arrayFields?: readonly string[]; maxBytes?: number } = {},
): Promise<FormResult<z.infer<S>>> {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > (options.maxBytes ?? 256 * 1024)) {
    return { ok: false, fieldErrors: {}, formError: msg("form.tooLarge") };
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false, fieldErrors: {}, formError: msg("form.unreadable") };
  }
  const result = schema.safeParse(formDataToObject(formData, options.arrayFields));
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: fieldErrorsOf(result.error) };
}

/** Shared field rules with localised messages. */
export const fields = {
  requiredText: (max: number) =>
    z
      .string(msg("form.required"))
      .trim()
      .min(1, msg("form.required"))
      .max(max, msg("form.tooLong", { max }))
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), msg("form.controlChars")),
  optionalText: (max: number) =>
    z
      .string()
      .trim()
      .max(max, msg("form.tooLong", { max }))
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), msg("form.controlChars"))
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
