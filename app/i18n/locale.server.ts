import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";

/** Remembers the chosen language for a year; not a secret, so not signed. `Secure` per request: serialize with `{ secure: isSecureRequest(request) }`. */
export const localeCookie = createCookie("kaoping_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The request's locale: `?lng=` (for shared links), then the remembered cookie,
 * then zh-CN. Accept-Language is ignored on purpose: the centres work in Chinese
 * whatever the browser says, and English is a deliberate switch.
 */
export async function getLocale(request: Request): Promise<Locale> {
  const fromQuery = new URL(request.url).searchParams.get("lng");
  if (isLocale(fromQuery)) return fromQuery;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
