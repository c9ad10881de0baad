import { useTranslation } from "react-i18next";
import type { LocalisedText } from "../../scoring/types";
import { isLocale, DEFAULT_LOCALE, type Locale } from "~/i18n/config";

/** Picks the text for `locale` from a rubric-style `{ "zh-CN", en }` pair. */
export function pick(text: LocalisedText, locale: Locale): string {
  return text[locale] || text[DEFAULT_LOCALE];
}

/** The current locale and number/percent formatters that follow it. */
export function useLocale() {
  const { i18n } = useTranslation();
  const locale: Locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  return {
    locale,
    pick: (text: LocalisedText) => pick(text, locale),
    number: (value: number, digits = 1) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    percent: (value: number, digits = 0) =>
      new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits }).format(value),
  };
}
