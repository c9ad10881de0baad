/**
 * Which texts a page needs, shared by the server and the browser.
 *
 * Texts come in i18next namespaces: `translation` (the common texts of
 * locales/zh-CN.ts and en.ts: header, errors, form messages) on every page, and
 * one namespace per feature file in locales/features/ (`admin`, `survey`, …),
 * only on the pages whose routes use it. A feature namespace holds its texts
 * under its own name (`{ admin: {…} }`) and is a fallback of the default
 * namespace, so `t("admin.users.title")` works from a plain `useTranslation()`.
 *
 * A route gets its feature namespaces from the first segment of its id (below),
 * and may add others with `export const handle = { i18n: ["auth"] };`.
 * See app/i18n/README.md.
 */
import type { i18n as I18n, InitOptions } from "i18next";
import { useMatches } from "@remix-run/react";
import { useMemo } from "react";

export const COMMON_NS = "translation";

/**
 * Feature namespaces by the first segment of a route id (`routes/admin.users` →
 * `admin`), so most routes declare nothing. A route may add more in its handle.
 */
const BY_ROUTE_SEGMENT: Record<string, readonly string[]> = {
  admin: ["admin"],
  supervisor: ["survey"],
  staff: ["survey"],
  s: ["survey"],
  i: ["survey"],
  invite: ["survey"],
  login: ["auth"],
  join: ["auth"],
  invitations: ["auth"],
  reset: ["auth"],
  procurement: ["procurement"],
  contractor: ["contractor"],
  inbox: ["inbox"],
};

export interface RouteMatchLike {
  id: string;
  handle?: unknown;
}

function declared(handle: unknown): string[] {
  if (typeof handle !== "object" || handle === null || !("i18n" in handle)) return [];
  const value = (handle as { i18n: unknown }).i18n;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((n): n is string => typeof n === "string");
}

/** The feature namespaces of the matched routes (sorted, no duplicates, never `translation`). */
export function namespacesOf(matches: readonly RouteMatchLike[]): string[] {
  const out = new Set<string>();
  for (const match of matches) {
    const segment = match.id.replace(/^routes\//, "").split(/[./]/)[0] ?? "";
    for (const ns of BY_ROUTE_SEGMENT[segment] ?? []) out.add(ns);
    for (const ns of declared(match.handle)) out.add(ns);
  }
  out.delete(COMMON_NS);
  return [...out].sort();
}

/** The current page's feature namespaces (stable identity while they stay the same). */
export function useRouteNamespaces(): string[] {
  const key = namespacesOf(useMatches()).join(",");
  return useMemo(() => (key ? key.split(",") : []), [key]);
}

/** Options both instances share; `features` are the feature namespaces that exist. */
export function sharedOptions(features: readonly string[]): InitOptions {
  return {
    // en is typed against zh-CN, so no key is missing; a fallback language would
    // make the browser fetch zh-CN texts for English pages.
    fallbackLng: false,
    load: "currentOnly",
    defaultNS: COMMON_NS,
    fallbackNS: [...features],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    showSupportNotice: false,
    react: { useSuspense: true },
  };
}

// ---------------------------------------------------------------- the page's texts in its HTML

/** The id of the `<script type="application/json">` that carries the page's texts to the browser. */
export const I18N_PAYLOAD_ID = "kaoping-i18n";

export interface I18nPayload {
  lng: string;
  /** namespace → its texts, for `lng` only. */
  resources: Record<string, Record<string, unknown>>;
}

const serialised = new WeakMap<I18n, Map<string, string>>();

/**
 * The texts of `namespaces` (and the common ones) in the active language, as JSON
 * safe inside a `<script>`. Server and browser compute it from the same store, so
 * hydration sees the same string. Memoised: a loaded namespace never changes.
 */
export function payloadJson(i18n: I18n, namespaces: readonly string[]): string {
  const lng = i18n.language;
  const key = `${lng}|${namespaces.join(",")}`;
  let cache = serialised.get(i18n);
  if (!cache) serialised.set(i18n, (cache = new Map()));
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const resources: I18nPayload["resources"] = {};
  for (const ns of [COMMON_NS, ...namespaces]) {
    const bundle = i18n.getResourceBundle(lng, ns) as Record<string, unknown> | undefined;
    if (bundle) resources[ns] = bundle;
  }
  const json = JSON.stringify({ lng, resources } satisfies I18nPayload)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  cache.set(key, json);
  return json;
}
