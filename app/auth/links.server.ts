/**
 * One-time links (invitations, password resets): a random token for the URL,
 * only its hash for the database.
 */
import { newToken } from "../../db/ids";
import { hashToken } from "../../db/queries/invitations";

export function newOneTimeToken(): { token: string; tokenHash: string } {
  const token = newToken();
  return { token, tokenHash: hashToken(token) };
}

/** The absolute link for `path` on the origin the admin is using. */
export function absoluteLink(request: Request, path: string): string {
  return new URL(path, new URL(request.url).origin).href;
}
