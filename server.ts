/**
 * The HTTP server for `npm start` (production build) and `npm run dev` (Vite
 * middleware). Express in front of Remix gives us, on every response, the
 * security headers with a per-request CSP nonce, an origin check on every
 * state-changing request, and a request log that never prints survey tokens.
 * Before it listens it migrates the database and, unless KAOPING_DEMO=off,
 * creates the demo organisation.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { parseEnv, type Env } from "./app/env.server";
import { canonicalPaths, checkOrigin, logRequests } from "./server/http-middleware";
import { prepareDatabase } from "./server/prepare-database";
import { startReminderScheduler } from "./server/reminders-scheduler";
import { getDb } from "./db/client";
import { now as clockNow } from "./db/time";
import { lingeringClose } from "./server/lingering-close";
import { securityHeaders } from "./server/security-headers";

const here = path.dirname(fileURLToPath(import.meta.url));

let config: Env;
try {
  config = parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const { production, port, publicUrl } = config;

await prepareDatabase({ demo: config.demo });
// Reminders are created once per (rule, object, day) under a unique key, so every process may run the schedule.
const reminders = config.reminders ? startReminderScheduler({ db: () => getDb().db, now: clockNow }) : null;

const viteDevServer = production
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(path.join(here, "build/server/index.js"))) as ServerBuild);

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy set TRUST_PROXY=1: client addresses (rate limits), HTTPS and the host come from its X-Forwarded-* headers.
app.set("trust proxy", config.trustProxy);

// First, so every connection Node closes while a refused body is still arriving drains it instead of resetting the answer away.
app.use(lingeringClose());
app.use(securityHeaders({ production, publicHttps: publicUrl?.protocol === "https:" }));
app.use(compression());
if (config.log) app.use(logRequests());
app.use(canonicalPaths(typeof build === "function" ? async () => (await build()).routes : () => build.routes));
app.use(checkOrigin({ publicHost: publicUrl?.host }));

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  // Fingerprinted assets can be cached for a year.
  app.use("/assets", express.static(path.join(here, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(here, "build/client"), { maxAge: "1h" }));
}

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
  reminders?.stop();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
