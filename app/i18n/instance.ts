/**
 * The i18next instance with EVERY text (all namespaces, one language): for the
 * server render (entry.server.tsx) and server code (exports, e-mails, error
 * messages: `serverT`). The browser never imports this file: it gets the page's
 * texts from the HTML and the rest on demand (client.ts). The structural test
 * test/integration/bundle.test.ts fails if these texts reach the survey page.
 */
import { createInstance, type i18n as I18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "./config";
import en from "./locales/en";
import * as features from "./locales/features";
import zhCN from "./locales/zh-CN";
import { COMMON_NS, sharedOptions } from "./namespaces";

/** The feature namespaces, as registered in locales/features/index.ts. */
export const FEATURE_NAMESPACES = Object.keys(features.zhCN).sort();

/** One language's namespaces: `translation` plus each feature under its own name. */
function bundlesOf(common: object, feature: Record<string, object>): Resource[string] {
  const out: Resource[string] = { [COMMON_NS]: { ...common } };
  for (const [name, texts] of Object.entries(feature)) out[name] = { [name]: texts };
  return out;
}

export const resources: Record<Locale, Resource[string]> = {
  "zh-CN": bundlesOf(zhCN, features.zhCN),
  en: bundlesOf(en, features.en),
};

const instances = new Map<Locale, I18n>();

/**
 * The instance for `locale`, made once: resources are bundled and never change,
 * and nothing changes its language, so every request can share it.
 */
export function createI18n(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (instance) return instance;
  instance = createInstance();
  void instance.use(initReactI18next).init({
    ...sharedOptions(FEATURE_NAMESPACES),
    lng: locale,
    resources: { [locale]: resources[locale] },
    ns: [COMMON_NS, ...FEATURE_NAMESPACES],
    initAsync: false,
  });
  instances.set(locale, instance);
  return instance;
}

/** A plain translator for server code (exports, e-mails, error messages). */
export function serverT(locale: Locale) {
  return createI18n(locale).t;
}
