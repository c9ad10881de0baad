import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { DEFAULT_LOCALE, htmlLang, isLocale, type Locale } from "./i18n/config";
import { getLocale } from "./i18n/locale.server";
import { I18N_PAYLOAD_ID, payloadJson, useRouteNamespaces } from "./i18n/namespaces";
import { getOptionalViewer } from "./auth/session.server";
import { db } from "./db.server";
import { unreadCount } from "./queries.server";
import { useNonce } from "./utils/nonce";
import appCss from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "考评 Kaoping" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, viewer] = await Promise.all([getLocale(request), getOptionalViewer(request)]);
  // The inbox badge: one indexed count per page load (the inbox index leads with org, user, read_at).
  const unread = viewer ? await unreadCount(db(), { orgId: viewer.org.id, userId: viewer.user.id }) : 0;
  return {
    locale,
    viewer: viewer && {
      name: viewer.user.name,
      email: viewer.user.email,
      role: viewer.membership.role,
      orgName: viewer.org.name,
      orgCount: viewer.orgCount,
      unread,
    },
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/**
 * The document. The i18next instance comes from entry.server.tsx / entry.client.tsx;
 * here the page's feature namespaces are made ready (on a client-side navigation
 * this suspends until they are loaded) and written into the page for hydration.
 */
export function Layout({ children }: { children: React.ReactNode }) {
  const namespaces = useRouteNamespaces();
  const { i18n } = useTranslation(namespaces);
  const locale: Locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    <html lang={htmlLang(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <script
          id={I18N_PAYLOAD_ID}
          type="application/json"
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: payloadJson(i18n, namespaces) }}
        />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}

function AppShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const { viewer } = useLoaderData<typeof loader>();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <a href="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            考
          </span>
          <span>{t("app.name")}</span>
        </a>
        <nav aria-label={t("nav.label")} className="site-nav">
          <a href="/rubrics">{t("nav.rubrics")}</a>
          {viewer ? <a href="/home">{t("nav.home")}</a> : null}
          {viewer?.role === "supervisor" || viewer?.role === "admin" ? (
            <>
              <a href="/supervisor/inspections/new">{t("nav.inspect")}</a>
              <a href="/supervisor/findings">{t("nav.findings")}</a>
              <a href="/supervisor/patrols">{t("nav.patrols")}</a>
              <a href="/supervisor/events">{t("nav.events")}</a>
              <a href="/supervisor/scores">{t("nav.scores")}</a>
            </>
          ) : null}
          {viewer?.role === "procurement" || viewer?.role === "supervisor" || viewer?.role === "admin" ? <a href="/procurement">{t("nav.tenders")}</a> : null}
          {viewer?.role === "admin" ? <a href="/admin/audit">{t("nav.audit")}</a> : null}
          {viewer && viewer.orgCount > 1 ? <a href="/org">{t("nav.switchOrg")}</a> : null}
        </nav>
        <div className="header-tools">
          {viewer ? (
            <>
              <a href="/inbox" className="inbox-link" aria-label={t("nav.inboxLabel", { count: viewer.unread })} data-testid="inbox-link">
                {t("nav.inbox")}
                {viewer.unread > 0 ? (
                  <span className="badge" aria-hidden="true">
                    {viewer.unread > 99 ? "99+" : viewer.unread}
                  </span>
                ) : null}
              </a>
              <span className="viewer">
                {viewer.orgName} · {t(`roles.${viewer.role}`)}
              </span>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <a href="/login">{t("nav.login")}</a>
          )}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const other: Locale = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/locale" className="inline-form" reloadDocument>
      <input type="hidden" name="lng" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="lang-switch" lang={htmlLang(other)}>
        {t("nav.switchLanguage")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
