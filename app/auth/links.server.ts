/**
 * One-time links (invitations, password resets): a random token for the URL,
 * only its hash for the database.
 */
import { newToken } from "../../db/ids";
import { hashToken } from "../../db/queries/invitations";
import { publicOrigin } from "~/utils/origin.server";

export function newOneTimeToken(): { token: string; tokenHash: string } {
  const token = newToken();
  return { token, tokenHash: hashToken(token) };
}

/** The absolute link for `path`: on PUBLIC_URL when set, else on the origin the admin is using. */
export function absoluteLink(request: Request, path: string): string {
  return new URL(path, publicOrigin(request)).href;
}
