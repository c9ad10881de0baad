/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015:
 * 18 characters — registration authority (1), organisation type (1),
 * administrative division (6 digits), organisation code (9), check character (1).
 * The check character catches a mistyped or transposed character before a
 * contractor is saved under a code that does not exist.
 */

/** 31 symbols: digits and upper-case letters without I, O, Z, S, V (easily misread). */
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const BODY = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}$/;

function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * Whether `code` is a well-formed USCC with the right check character.
 * Strict: no lower case, no spaces — normalise user input first ({@link normaliseUscc}).
 * @example isValidUscc("91350100M000100Y43") // true
 */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  const body = code.slice(0, 17);
  return BODY.test(body) && USCC_CHARSET.includes(code[17]!) && checkChar(body) === code[17];
}

/**
 * Appends the check character to a 17-character body (for factories and seed data).
 * @example withUsccCheck("91350100M000100Y4") // "91350100M000100Y43"
 */
export function withUsccCheck(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError(`not a USCC body of 17 characters: ${JSON.stringify(first17)}`);
  return first17 + checkChar(first17);
}

/** Form input to canonical form: trims, removes inner spaces, upper-cases. Does not validate. */
export function normaliseUscc(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}
