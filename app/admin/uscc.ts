/**
 * What exactly is wrong with a typed unified social credit code (统一社会信用代码),
 * as an i18n message made with `msg()`; null when it is valid. Pure and
 * browser-safe: the contractor form shows the same sentence before and after
 * the round trip. Spaces and lower case are refused, not silently fixed, so the
 * stored code is exactly the one the admin typed and checked.
 */
import { USCC_CHARSET, withUsccCheck } from "../../domain/uscc";
import { msg } from "~/utils/forms";

const DIGITS = "0123456789";

/**
 * @example usccProblem("91350100M000100Y44") // 'admin.errors.usccCheck|{"expected":"3","actual":"4"}'
 * @example usccProblem("91350100M000100Y43") // null
 */
export function usccProblem(input: string): string | null {
  if (input.length === 0) return msg("form.required");
  const chars = Array.from(input); // code points: a stray 中文 character counts as one position
  const space = chars.findIndex((c) => /\s/u.test(c));
  if (space >= 0) return msg("admin.errors.usccSpace", { position: space + 1 });
  const lower = chars.findIndex((c) => /[a-z]/.test(c));
  if (lower >= 0) return msg("admin.errors.usccLowercase", { position: lower + 1, char: chars[lower]! });
  if (chars.length !== 18) return msg("admin.errors.usccLength", { length: chars.length });
  for (let i = 0; i < 18; i++) {
    const c = chars[i]!;
    // Positions 3–8 are the administrative division code: digits only.
    if (i >= 2 && i <= 7 && !DIGITS.includes(c)) return msg("admin.errors.usccDivision", { position: i + 1, char: c });
    if (!USCC_CHARSET.includes(c)) return msg("admin.errors.usccChar", { position: i + 1, char: c });
  }
  const expected = withUsccCheck(input.slice(0, 17)).charAt(17);
  if (expected !== chars[17]) return msg("admin.errors.usccCheck", { expected, actual: chars[17]! });
  return null;
}
