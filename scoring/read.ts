/**
 * Readers for untrusted input (internal): each returns the value with its
 * type narrowed, or throws a `ScoringInputError` naming the field.
 *
 * The field at fault is `path + key`; the key is kept apart so hot loops only
 * spell out a path when something is wrong.
 */
import { fail, show } from "./errors";

/**
 * A plain object (not null, not an array).
 *
 * @example
 * const f = record(value, `findings[${i}]`); // throws at "findings[3]" for a string
 */
export function record(value: unknown, path: string, key = ""): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(path + key, `expected an object, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * An array.
 *
 * @example
 * list(input.findings, "findings");
 */
export function list(value: unknown, path: string, key = ""): readonly unknown[] {
  if (!Array.isArray(value)) fail(path + key, `expected an array, got ${show(value)}`);
  return value;
}

/**
 * A string with something besides white space in it.
 *
 * @example
 * text(item.id, "vetoItems[0]", ".id"); // throws at "vetoItems[0].id" for "  "
 */
export function text(value: unknown, path: string, key = ""): string {
  if (typeof value !== "string" || isBlank(value)) fail(path + key, `expected a non-empty string, got ${show(value)}`);
  return value;
}

function isBlank(s: string): boolean {
  const c = s.charCodeAt(0);
  // Below U+1680 the only white space is \t..\r, space and U+00A0.
  if (c > 32 && c < 0x1680 && c !== 0xa0) return false;
  return s.trim() === "";
}

/**
 * A finite number (not NaN, not ±Infinity).
 *
 * @example
 * finite(rubric.lateFactor, "lateFactor");
 */
export function finite(value: unknown, path: string, key = ""): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(path + key, `expected a finite number, got ${show(value)}`);
  return value;
}

/**
 * A whole number within the safe integer range.
 *
 * @example
 * integer(tally.respondents, "survey", ".respondents");
 */
export function integer(value: unknown, path: string, key = ""): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) fail(path + key, `expected a whole number, got ${show(value)}`);
  return value;
}

/**
 * One of the listed string values.
 *
 * @example
 * oneOf(f.severity, SEVERITIES, "findings[0].severity");
 */
export function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    fail(path, `expected one of ${options.join(", ")}, got ${show(value)}`);
  }
  return value as T;
}
