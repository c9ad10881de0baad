import type { NextFunction, Request, RequestHandler, Response } from "express";
import { canonicalPath, routeMatcher, type RouteManifest, type RouteMatcher } from "./route-paths";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether Express's `trust proxy` setting trusts the peer that sent `req` (what `req.hostname` uses). */
function fromTrustedProxy(req: Request): boolean {
  const trust = req.app.get("trust proxy fn") as ((address: string | undefined, hop: number) => boolean) | undefined;
  return trust?.(req.socket.remoteAddress, 0) ?? false;
}

/**
 * CSRF defence: a state-changing request must come from a page of this site.
 * Browsers send Origin on every cross-site POST (and Referer when Origin is
 * stripped); a mismatch with the Host we serve (or PUBLIC_URL's host) is
 * refused. X-Forwarded-Host counts only from a proxy trusted by TRUST_PROXY:
 * anyone else could set it to their own site. Requests without Origin or
 * Referer come from non-browser clients, which carry no ambient cookies a
 * third-party site could abuse, so they pass.
 */
export function checkOrigin({ publicHost }: { publicHost?: string } = {}): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const forwarded = fromTrustedProxy(req) ? req.get("X-Forwarded-Host")?.split(",")[0]?.trim() : undefined;
    const host = forwarded || req.headers.host;
    const source = req.headers.origin ?? req.headers.referer;
    if (source === undefined) return next();
    let sourceHost: string | null = null;
    try {
      sourceHost = source === "null" ? null : new URL(source).host;
    } catch {
      sourceHost = null;
    }
    if (sourceHost !== null && (sourceHost === host || sourceHost === publicHost)) return next();
    res.status(403).type("text/plain; charset=utf-8").send("跨站请求已拒绝 / Cross-site request refused");
  };
}

/** What the log prints for a path no route matches: its first segment only (the rest may be anything typed). */
function unmatchedLogPath(path: string): string {
  const [, first = "", ...rest] = path.split("/");
  return `/${first}${rest.length > 0 ? "/…" : ""}`;
}

function notFound(res: Response) {
  res.status(404).type("text/plain; charset=utf-8").send("未找到 / Not Found");
}

/**
 * Answers only canonical paths (see route-paths.ts): a path that decoding,
 * dot segments or `//` runs change is redirected there with its query (308,
 * GET and HEAD) or refused (404, any other method: no form of this site posts
 * to such a path, and a 404 re-sends no body anywhere); a route literal typed
 * in another case is a 404. Leaves the redacted route in `res.locals.logPath`
 * for the request log.
 */
export function canonicalPaths(routes: () => RouteManifest | Promise<RouteManifest>): RequestHandler {
  // The manifest is fixed in production; in development it changes with edits, so match by identity.
  let cached: { routes: RouteManifest; matcher: RouteMatcher } | undefined;
  return async (req, res, next) => {
    try {
      const [rawPath = "", ...query] = req.originalUrl.split("?");
      if (!rawPath.startsWith("/")) return notFound(res);
      const manifest = await routes();
      if (cached?.routes !== manifest) cached = { routes: manifest, matcher: routeMatcher(manifest) };
      const canonical = canonicalPath(rawPath);
      const route = cached.matcher.match(canonical);
      res.locals.logPath = route ? route.redacted : unmatchedLogPath(canonical);
      if (route && !route.exactCase) return notFound(res);
      if (canonical !== rawPath) {
        if (req.method !== "GET" && req.method !== "HEAD") return notFound(res);
        return res.redirect(308, canonical + (query.length > 0 ? `?${query.join("?")}` : ""));
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A one-line access log: the route that matched with its parameters redacted
 * (`POST /i/[code] 302`), never the path as typed nor the query string (both
 * may carry tokens); fingerprinted assets are left out.
 */
export function logRequests({ write = console.log }: { write?: (line: string) => void } = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (canonicalPath(req.path).startsWith("/assets/")) return next();
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const path = typeof res.locals.logPath === "string" ? res.locals.logPath : unmatchedLogPath(canonicalPath(req.path));
      write(`${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}
