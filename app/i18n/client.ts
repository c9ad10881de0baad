/**
 * The browser's i18next instance. It starts with the texts the server put in
 * the page (`<script id="kaoping-i18n">`, see root.tsx): the common ones and the
 * feature namespaces of the matched routes, in the active language only, so
 * hydration renders exactly what the server did. A client-side navigation to a
 * route that needs another feature namespace suspends (react-i18next) until the
 * backend below has imported that feature file; the navigation is a transition,
 * so the old page stays up meanwhile and no key ever shows.
 *
 * Every file in locales/features/ is a lazy chunk found by `import.meta.glob`:
 * a new feature file needs no registration here.
 */
import { createInstance, type BackendModule, type i18n as I18n, type ReadCallback } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";
import { COMMON_NS, I18N_PAYLOAD_ID, sharedOptions, type I18nPayload } from "./namespaces";

type Texts = Record<string, unknown>;
interface FeatureModule {
  zhCN: Texts;
  en: Texts;
}

const featureFiles = import.meta.glob<FeatureModule>([
  "./locales/features/*.ts",
  "!./locales/features/index.ts",
  "!./locales/features/types.ts",
  "!./locales/features/*.test.ts",
]);
const commonFiles = import.meta.glob<{ default: Texts }>(["./locales/zh-CN.ts", "./locales/en.ts"]);

/** Feature namespace → its lazy loader (`./locales/features/admin.ts` → `admin`). */
const featureLoaders = new Map(
  Object.entries(featureFiles).map(([file, load]) => [file.replace(/^.*\/([^/]+)\.ts$/, "$1"), load] as const),
);

export const CLIENT_FEATURE_NAMESPACES = [...featureLoaders.keys()].sort();

async function loadNamespace(lng: Locale, ns: string): Promise<Texts> {
  if (ns === COMMON_NS) {
    const load = commonFiles[`./locales/${lng}.ts`];
    if (!load) throw new Error(`no common texts for ${lng}`);
    return (await load()).default;
  }
  const load = featureLoaders.get(ns);
  if (!load) throw new Error(`no feature file app/i18n/locales/features/${ns}.ts`);
  const file = await load();
  return { [ns]: lng === "en" ? file.en : file.zhCN };
}

const backend: BackendModule = {
  type: "backend",
  init() {},
  read(lng: string, ns: string, callback: ReadCallback) {
    loadNamespace(isLocale(lng) ? lng : DEFAULT_LOCALE, ns).then(
      (texts) => callback(null, texts),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** The texts the server put in the page (empty if the script is missing: the backend then loads them). */
export function readPayload(doc: Document = document): I18nPayload {
  const text = doc.getElementById(I18N_PAYLOAD_ID)?.textContent;
  if (text) {
    try {
      const parsed = JSON.parse(text) as I18nPayload;
      if (isLocale(parsed.lng)) return parsed;
    } catch {
      // fall through: the backend loads what is missing
    }
  }
  const lang = doc.documentElement.lang;
  return { lng: isLocale(lang) ? lang : DEFAULT_LOCALE, resources: {} };
}

export function createClientI18n(payload: I18nPayload): I18n {
  const instance = createInstance();
  void instance
    .use(backend)
    .use(initReactI18next)
    .init({
      ...sharedOptions(CLIENT_FEATURE_NAMESPACES),
      lng: payload.lng,
      resources: { [payload.lng]: payload.resources },
      partialBundledLanguages: true,
      ns: [COMMON_NS, ...Object.keys(payload.resources).filter((ns) => ns !== COMMON_NS)],
      initAsync: false,
    });
  return instance;
}
