/**
 * Random identifiers, made by the application (never by SQLite) so an insert
 * can be prepared — and batched with its audit entry — before it runs.
 *
 * All three draw from `crypto.getRandomValues`; their alphabets have 64 or 32
 * symbols, which divide 256, so `byte & mask` has no modulo bias.
 */

const ID_ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict"; // nanoid's url-safe 64
const HUMAN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // 32 symbols: no 0/O, 1/I to misread

function randomString(alphabet: string, length: number): string {
  const mask = alphabet.length - 1; // alphabet length is a power of two
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const byte of bytes) out += alphabet[byte & mask];
  return out;
}

/**
 * A 21-character url-safe id (126 random bits), the primary key of every table
 * but audit_log. Random rather than sequential, so ids reveal neither order nor volume.
 * @example newId() // "V1StGXR8_Z5jdHi6B-myT"
 */
export function newId(): string {
  return randomString(ID_ALPHABET, 21);
}

/**
 * A longer secret for bearer use — session ids, survey open-link tokens:
 * 32 characters, 192 random bits, url-safe.
 * @example newToken() // "Uakgb_J5m9g-0JDMbcJqLJ8nsNRoCr7d"
 */
export function newToken(): string {
  return randomString(ID_ALPHABET, 32);
}

/**
 * A short code a person can read out or type: survey invite codes.
 * 8 symbols ≈ 40 bits; uniqueness is still enforced by the column's UNIQUE index.
 * @example newHumanCode() // "K7QW3MZD"
 */
export function newHumanCode(length = 8): string {
  return randomString(HUMAN_ALPHABET, length);
}
