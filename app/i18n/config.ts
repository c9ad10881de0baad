/** The locales Kaoping speaks. zh-CN first: it is the working language of the centres. */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The BCP 47 tag for Intl APIs and the html lang attribute. */
export function htmlLang(locale: Locale): string {
  return locale === "zh-CN" ? "zh-CN" : "en";
}
