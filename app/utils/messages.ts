/**
 * Form messages as i18n keys: a schema's message is a key (e.g. "form.required")
 * with optional params after a "|" as JSON, so the same error reads in Chinese
 * or English. Free of zod and React, so every page and schema can use it cheaply.
 */

export type FieldErrors = Record<string, string[]>;

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

