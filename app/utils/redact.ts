/** Hides capability tokens (survey links, invite codes) from the request log. */
export function redactPath(url: string): string {
  const [pathname = ""] = url.split("?");
  return pathname
    .replace(/^\/s\/[^/]+/, "/s/[token]")
    .replace(/^\/i\/[^/]+/, "/i/[code]")
    .replace(/^\/invite\/[^/]+/, "/invite/[code]");
}
