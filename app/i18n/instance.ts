import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, type Locale } from "./config";
import en from "./locales/en";
import zhCN from "./locales/zh-CN";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;

/**
 * One i18next instance per render: resources are bundled, so initialisation is
 * synchronous and the server and the browser render the same text.
 */
export function createI18n(locale: Locale): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** A plain translator for server code (exports, e-mails, error messages). */
export function serverT(locale: Locale) {
  return createI18n(locale).t;
}
