import { randomBytes } from "node:crypto";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

export interface SecurityHeaderOptions {
  production: boolean;
  /** PUBLIC_URL is https: TLS ends in front of us, so every response is treated as HTTPS. */
  publicHttps: boolean;
}

/**
 * The security headers of every response, with a per-request CSP nonce in
 * `res.locals.cspNonce`.
 *
 * `upgrade-insecure-requests` and HSTS go only on responses to HTTPS requests
 * (`req.secure`: TLS here, or X-Forwarded-Proto from a proxy trusted by
 * TRUST_PROXY) or when PUBLIC_URL is https. Sent over plain HTTP on an
 * intranet they make the browser rewrite every asset and form post to an
 * https:// that nothing serves: an unstyled page, no script, no sign-in.
 */
export function securityHeaders({ production, publicHttps }: SecurityHeaderOptions): RequestHandler {
  const headersFor = (secure: boolean) =>
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Vite's dev client needs a websocket and eval-free inline modules; production gets the strict form.
          connectSrc: production ? ["'self'"] : ["'self'", "ws:"],
          scriptSrc: ["'strict-dynamic'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          // Inline style attributes (bar widths, Chart.js canvases) carry no script.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: secure ? [] : null,
        },
      },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: production && secure ? undefined : false,
    });
  const overHttps = headersFor(true);
  const overHttp = headersFor(false);
  return (req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    return (publicHttps || req.secure ? overHttps : overHttp)(req, res, next);
  };
}
