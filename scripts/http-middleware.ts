import type { NextFunction, Request, Response } from "express";
import { redactPath } from "../app/utils/redact";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence: a state-changing request must come from a page of this site.
 * Browsers send Origin on every cross-site POST (and Referer when Origin is
 * stripped); a mismatch with the Host we serve is refused. Requests without
 * either header come from non-browser clients, which carry no ambient cookies
 * a third-party site could abuse, so they pass.
 */
export function checkOrigin(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const host = (req.headers["x-forwarded-host"] as string | undefined) ?? req.headers.host;
  const source = req.headers.origin ?? req.headers.referer;
  if (source === undefined) return next();
  let sourceHost: string | null = null;
  try {
    sourceHost = source === "null" ? null : new URL(source).host;
  } catch {
    sourceHost = null;
  }
  if (sourceHost !== null && sourceHost === host) return next();
  res.status(403).type("text/plain; charset=utf-8").send("跨站请求已拒绝 / Cross-site request refused");
}

/** A one-line access log, without query strings (they may carry tokens) and without assets. */
export function logRequests(req: Request, res: Response, next: NextFunction) {
  if (process.env.KAOPING_LOG === "off" || req.path.startsWith("/assets/")) return next();
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${req.method} ${redactPath(req.originalUrl)} ${res.statusCode} ${ms.toFixed(1)}ms`);
  });
  next();
}
