/**
 * Survey rules shared by the data layer (db/queries/surveys/), the form
 * schema (app/surveys/schema.ts) and the pages. Pure and import-free, so the
 * browser bundle can use it too.
 */

/** Longest comment accepted (characters, after trimming). */
export const COMMENT_MAX_CHARS = 500;
/** Most invite codes one `createCampaign` / `addInvites` call makes. */
export const MAX_INVITES_PER_CALL = 5000;
/** Length of an invite code (`newHumanCode()`). */
export const INVITE_CODE_LENGTH = 8;

/** Control characters refused in a comment: all C0 but tab and newline (after CRLF → LF), and DEL. */
export const COMMENT_FORBIDDEN_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * A comment as stored: CRLF/CR → LF (browsers send textarea newlines as CRLF),
 * trimmed; blank → null. Does not check length or characters.
 * @example normaliseComment("  很好\r\n谢谢 ") // "很好\n谢谢"
 */
export function normaliseComment(comment: string | null | undefined): string | null {
  if (comment === null || comment === undefined) return null;
  const c = comment.replace(/\r\n?/g, "\n").trim();
  return c === "" ? null : c;
}

/** Length in characters (code points), as a person counts them — not UTF-16 units. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Upper-cases and drops spaces and hyphens; null when it cannot be an invite
 * code (wrong length or a character outside the code alphabet), so a typo
 * needs no query.
 * @example normaliseInviteCode("k7qw-3mzd") // "K7QW3MZD"
 */
export function normaliseInviteCode(code: string): string | null {
  const c = code.replace(/[\s-]/g, "").toUpperCase();
  return c.length === INVITE_CODE_LENGTH && /^[2-9A-HJ-NP-Z]+$/.test(c) ? c : null;
}

/** True when `token` has the shape of `newToken()` (32 url-safe characters). */
export function isTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(token);
}
