import "#app/lib/zod-jitless.ts";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { liveCounts } from "#app/models/conversation.server.ts";
import {
  data,
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { FlashMessage } from "#app/components/flash.tsx";
import { LiveLinks } from "#app/components/live.tsx";
import { errorTitleKey, usePageTitle } from "#app/components/page-title.tsx";
import { translate, type Locale } from "#app/i18n/index.ts";
import { csrfToken } from "#app/lib/csrf.server.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { useNonce } from "#app/lib/nonce.ts";
import { getUser } from "#app/lib/session.server.ts";
import styles from "#app/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, csrf] = await Promise.all([getUser(request), csrfToken(request)]);
  const [locale, counts] = await Promise.all([resolveLocale(request, user), user ? liveCounts(user.id) : null]);
  return data(
    {
      user: user && counts && { name: user.name, role: user.role, unread: counts.unread, messages: counts.messages },
      locale,
      csrf: csrf.token,
    },
    { headers: csrf.setCookie ? { "Set-Cookie": csrf.setCookie } : {} },
  );
}

export type RootData = { user: { name: string; role: string; unread: number; messages: number } | null; locale: Locale; csrf: string };

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<RootData>("root");
  const locale = root?.locale ?? "en";
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string>) => translate(locale, k, v);
  const location = useLocation();
  const nonce = useNonce();
  const title = usePageTitle(locale);
  const here = location.pathname + location.search;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Samband
          </Link>
          <span className="tagline">{t("nav.tagline")}</span>
          <nav aria-label={t("nav.mainLabel")}>
            <ul>
              <li>
                <Link to="/postings">{t("nav.browse")}</Link>
              </li>
              {root?.user ? (
                <>
                  <li>
                    <Link to="/postings/mine">{t("nav.mine")}</Link>
                  </li>
                  <li>
                    <Link to="/postings/new">{t("nav.new")}</Link>
                  </li>
                  <li>
                    <Link to="/profile">{t("nav.profile")}</Link>
                  </li>
                  <li>
                    <Link to="/consortia">{t("consortium.mine")}</Link>
                  </li>
                  <li>
                    <Link to="/searches">{t("search.mine")}</Link>
                  </li>
                  {root.user.role === "admin" && (
                    <li>
                      <Link to="/admin">{t("nav.admin")}</Link>
                    </li>
                  )}
                  {/* Keyed by the loader's counts: after a navigation they start again from the server's figures. */}
                  <LiveLinks
                    key={`${root.user.unread}/${root.user.messages}`}
                    initial={{ unread: root.user.unread, messages: root.user.messages }}
                    locale={locale}
                  />
                  <li className="who">{t("nav.signedInAs", { name: root.user.name })}</li>
                  <li>
                    <Form method="post" action="/logout">
                      <input type="hidden" name="csrf" value={root.csrf} />
                      <button type="submit" className="link-button">
                        {t("nav.logout")}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("nav.login")}</Link>
                  </li>
                  <li>
                    <Link to="/register">{t("nav.register")}</Link>
                  </li>
                </>
              )}
              <li>
                <Form method="post" action="/lang" reloadDocument>
                  <input type="hidden" name="csrf" value={root?.csrf ?? ""} />
                  <input type="hidden" name="lang" value={locale === "sv" ? "en" : "sv"} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <button type="submit" className="link-button" lang={locale === "sv" ? "en" : "sv"}>
                    {t("lang.switch")}
                  </button>
                </Form>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">
          <FlashMessage locale={locale} />
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("footer.about")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const locale = useRouteLoaderData<RootData>("root")?.locale ?? "en";
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="error">
      <h1>{translate(locale, errorTitleKey(error))}</h1>
      <p>{translate(locale, notFound ? "error.notFoundBody" : "error.genericBody")}</p>
      <p>
        <Link to="/">{translate(locale, "error.home")}</Link>
      </p>
    </section>
  );
}
