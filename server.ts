/**
 * The HTTP server for `npm start` (production build) and `npm run dev` (Vite
 * middleware). Express in front of Remix gives us, on every response, the
 * security headers with a per-request CSP nonce, an origin check on every
 * state-changing request, and a request log that never prints survey tokens.
 * Before it listens it migrates the database and, unless KAOPING_DEMO=off,
 * creates the demo organisation.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { prepareDatabase } from "./scripts/prepare-database";
import { checkOrigin, logRequests } from "./scripts/http-middleware";

const here = path.dirname(fileURLToPath(import.meta.url));
const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);

await prepareDatabase();

const viteDevServer = production
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy set TRUST_PROXY=1 so the client address (rate limits) is the real one.
if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || true);

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Vite's dev client needs a websocket and eval-free inline modules; production gets the strict form.
        connectSrc: production ? ["'self'"] : ["'self'", "ws:"],
        scriptSrc: ["'strict-dynamic'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
        // Inline style attributes (bar widths, Chart.js canvases) carry no script.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: production ? undefined : false,
  }),
);
app.use(compression());
app.use(logRequests);
app.use(checkOrigin);

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  // Fingerprinted assets can be cached for a year.
  app.use("/assets", express.static(path.join(here, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(here, "build/client"), { maxAge: "1h" }));
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(path.join(here, "build/server/index.js"))) as ServerBuild);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (req, res) => ({ cspNonce: String(res.locals.cspNonce), clientIp: req.ip ?? "" }),
  }),
);

const server = app.listen(port, () => {
  console.log(`Kaoping ${production ? "" : "(development) "}listening on http://localhost:${port}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
