/**
 * Returns `to` only when it is a path on this site; otherwise `fallback`.
 * Stops open redirects such as `//evil.example`, `/\evil.example`, their
 * percent-encoded forms (`/%2F`, `/%5C`) and anything with a scheme or
 * control characters, which browsers may treat as another origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  let decoded = to;
  try {
    // Decode repeatedly so double-encoded tricks are seen too.
    for (let i = 0; i < 3; i++) {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    }
  } catch {
    return fallback;
  }
  for (const candidate of [to, decoded]) {
    if (!candidate.startsWith("/")) return fallback;
    if (candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
    if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  }
  // Resolve against a dummy origin: a path that leaves it is not ours.
  const url = new URL(to, "http://kaoping.invalid");
  if (url.origin !== "http://kaoping.invalid") return fallback;
  return url.pathname + url.search + url.hash;
}
