/**
 * Where people reach this server and whether they reach it over HTTPS.
 *
 * The request URL Remix sees is built by @remix-run/express from Express's
 * `req.protocol` and `req.hostname`, which honour X-Forwarded-Proto/-Host only
 * from a proxy trusted by TRUST_PROXY; so an untrusted header never makes a
 * plain-HTTP request look secure. PUBLIC_URL, when set, overrides both: it is
 * the origin printed on posters and slips, and an https PUBLIC_URL means every
 * cookie is Secure (the TLS ends at a proxy in front of us).
 */
import { env, type Env } from "~/env.server";

type OriginEnv = Pick<Env, "publicUrl">;

/** The origin for absolute links (QR codes, slips, CSV exports): PUBLIC_URL, else the request's. */
export function publicOrigin(request: Request, config: OriginEnv = env()): string {
  return config.publicUrl?.origin ?? new URL(request.url).origin;
}

/** True when cookies must be `Secure`: the request came over HTTPS, or PUBLIC_URL is https. */
export function isSecureRequest(request: Request, config: OriginEnv = env()): boolean {
  return config.publicUrl?.protocol === "https:" || new URL(request.url).protocol === "https:";
}
