/**
 * Hides capability tokens (survey links, invite codes) from the app's error log
 * (entry.server.tsx). Matching by prefix is enough there because only
 * canonical paths reach Remix (server/http-middleware.ts `canonicalPaths`,
 * which also writes the request log by the route that matched).
 */
export function redactPath(url: string): string {
  const [pathname = ""] = url.split("?");
  return pathname
    .replace(/^\/s\/[^/]+/, "/s/[token]")
    .replace(/^\/i\/[^/]+/, "/i/[code]")
    .replace(/^\/invite\/[^/]+/, "/invite/[code]");
}
