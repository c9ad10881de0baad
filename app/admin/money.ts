/**
 * Money on admin forms: typed in yuan (元) with at most two decimals, stored in
 * whole fen. Converted as text, never through floating point, so 0.29 yuan is
 * 29 fen and not 28.999….
 */
import { msg } from "~/utils/forms";

/** The largest annual value a form accepts: 100 亿元, far above any service contract. */
export const MAX_YUAN = 10_000_000_000;

function normalise(input: unknown): string {
  // Not text (a repeated field posts an array): read as nothing typed.
  return typeof input === "string" ? input.trim().replace(/[,，]/g, "") : ""; // thousands separators as people type them
}

/** What is wrong with a yuan amount, as a `msg()`; null when it is fine. */
export function yuanProblem(input: unknown): string | null {
  const s = normalise(input);
  if (s === "") return msg("form.required");
  if (s.startsWith("-")) return msg("admin.errors.moneyNegative");
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return msg("admin.errors.moneyFormat");
  if ((m[2] ?? "").length > 2) return msg("admin.errors.moneyDecimals", { decimals: m[2]!.length });
  if (Number(m[1]) >= MAX_YUAN) return msg("admin.errors.moneyMax", { max: MAX_YUAN.toLocaleString("en-US") });
  return null;
}

/**
 * What is wrong with an amount that may be left empty (the contract's own
 * quarterly fee): nothing typed is fine, anything else as `yuanProblem`.
 */
export function optionalYuanProblem(input: unknown): string | null {
  if (input === undefined || (typeof input === "string" && normalise(input) === "")) return null;
  // Not text (a repeated field posts an array): refused rather than read as empty.
  return typeof input === "string" ? yuanProblem(input) : msg("admin.errors.moneyFormat");
}

/**
 * Optional yuan text to whole fen: null when nothing is typed (call it on text
 * `optionalYuanProblem` accepts).
 * @example optionalYuanToFen("") // null
 */
export function optionalYuanToFen(input: unknown): number | null {
  return optionalYuanProblem(input) === null && typeof input === "string" && normalise(input) !== "" ? yuanToFen(input) : null;
}

/**
 * Yuan text to whole fen; null when `yuanProblem` would complain.
 * @example yuanToFen("1,200,000.5") // 120000050
 */
export function yuanToFen(input: unknown): number | null {
  if (yuanProblem(input)) return null;
  const [whole = "0", fraction = ""] = normalise(input).split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/**
 * Fen to the text a form field shows.
 * @example fenToYuanText(120000050) // "1200000.50"
 */
export function fenToYuanText(fen: number): string {
  const whole = Math.trunc(fen / 100);
  return `${whole}.${String(fen % 100).padStart(2, "0")}`;
}

/** Fen as money in the locale ("¥1,200,000.50"). */
export function formatFen(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(fen / 100);
}
