/**
 * Returns `to` only when it is a path on this site; otherwise `fallback`.
 * Stops open redirects such as `//evil.example`, `/\evil.example`, their
 * percent-encoded forms (`/%2F`, `/%5C`), anything with a scheme or control
 * characters, and paths whose dot segments collapse into a second leading
 * slash once resolved (`/.//evil.example`, `/%2e%2e//evil.example`), which a
 * browser reads as another host.
 */
const BASE = "http://kaoping.invalid";

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
    if (!isSingleSlashPath(candidate)) return fallback;
    if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  }
  // Resolve against a dummy origin: a path that leaves it is not ours.
  const url = new URL(to, BASE);
  if (url.origin !== BASE) return fallback;
  const result = url.pathname + url.search + url.hash;
  // Resolving dot segments can produce `//host` (or `/%2fhost`) from a
  // harmless-looking input: the answer must pass the same checks itself.
  // Resolution is idempotent, so this recurses at most once.
  if (result === to) return new URL(result, BASE).origin === BASE ? result : fallback;
  return safeRedirect(result, fallback) === result ? result : fallback;
}

/** Starts with exactly one slash: not `//…`, `/\…`, nor a scheme or bare host. */
function isSingleSlashPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}
