import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "./i18n/instance";
import { getLocale } from "./i18n/locale.server";
import { closesConnection } from "./utils/body";
import { redactPath } from "./utils/redact";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The custom server (server.ts) makes a fresh nonce per request; in `vite dev`
  // there is none and no CSP header either.
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  // Every text of the request's language; root.tsx puts the page's share into the HTML.
  const i18n = createI18n(await getLocale(request));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // A refused body (413) may still be arriving: Remix keeps only cookies of a thrown Response's headers.
          if (closesConnection(responseStatusCode)) responseHeaders.set("Connection", "close");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The `.data` answers of single fetch: as for documents, a 413 closes the connection. */
export function handleDataRequest(response: Response) {
  if (closesConnection(response.status)) response.headers.set("Connection", "close");
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Survey tokens are capabilities: never log their URLs.
  const path = redactPath(new URL(request.url).pathname);
  console.error(`[error] ${request.method} ${path}`, error);
}
