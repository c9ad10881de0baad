/**
 * Canonical request paths and the route each one matches.
 *
 * Remix matches route paths case-insensitively and Node hands us the path as
 * typed, so `/S/<token>`, `/%73/<token>` and `/x/../s/<token>` all reach the
 * survey page, and a log that redacts by prefix prints the token. Here a path
 * is first normalised (percent-encoded unreserved characters decoded, dot
 * segments resolved, `//` runs collapsed); a request whose path that changes
 * is redirected there (GET/HEAD) or refused (404). The normalised path is then
 * matched against the build's route manifest, and the log prints the route
 * (`/s/[token]`) instead of the values.
 *
 * Case: route literals are lowercase and parameter values (tokens, invite
 * codes) are case-sensitive, so a literal typed in another case (`/S/…`,
 * `/Admin`) is a 404, never a guess at what was meant.
 */
import type { ServerBuild } from "@remix-run/node";

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * The path with %XX escapes of unreserved characters decoded (RFC 3986 §6.2.2.2),
 * dot segments removed (§5.2.4; a `..` above the root stays at the root) and
 * runs of `/` collapsed to one. Other escapes (`%2F`, `%25`, UTF-8) stay as typed.
 */
export function canonicalPath(path: string): string {
  const decoded = path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : escape;
  });
  const out: string[] = [];
  const segments = decoded.split("/").slice(1);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "..") out.pop();
    else if (segment !== "." && (segment !== "" || last)) out.push(segment);
    // A trailing `.` or `..` names a directory: keep the trailing slash.
    if ((segment === "." || segment === "..") && last) out.push("");
  });
  return `/${out.join("/")}`;
}

type Segment = { literal: string } | { param: string } | { splat: true };

interface Pattern {
  segments: Segment[];
  literals: number;
}

export interface RouteMatch {
  /** The route as logged: literals as declared, each parameter as `[name]` (`/s/[token]`). */
  redacted: string;
  /** Whether every literal segment was typed in its declared case. */
  exactCase: boolean;
}

export type RouteManifest = ServerBuild["routes"];

/** Every full path pattern of the manifest, optional segments expanded. */
function patternsOf(routes: RouteManifest): Pattern[] {
  const fullPath = (id: string): string => {
    const route = routes[id];
    if (!route) return "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  const patterns: Pattern[] = [];
  for (const id of Object.keys(routes)) {
    const raw = fullPath(id).split("/").filter(Boolean);
    // `:lang?` or `(literal)?`: once with, once without.
    let variants: string[][] = [[]];
    for (const part of raw) {
      const optional = part.endsWith("?");
      const bare = optional ? part.slice(0, -1) : part;
      variants = variants.flatMap((v) => (optional ? [v, [...v, bare]] : [[...v, bare]]));
    }
    for (const parts of variants) {
      const segments: Segment[] = parts.map((p) => (p === "*" ? { splat: true } : p.startsWith(":") ? { param: p.slice(1) } : { literal: p }));
      patterns.push({ segments, literals: segments.filter((s) => "literal" in s).length });
    }
  }
  // Most specific first: more literal segments win over parameters (`/new` over `/:id`).
  return patterns.sort((a, b) => b.literals - a.literals || b.segments.length - a.segments.length);
}

function matchPattern(pattern: Pattern, parts: string[]): RouteMatch | null {
  const shown: string[] = [];
  let exactCase = true;
  for (let i = 0; i < pattern.segments.length; i++) {
    const segment = pattern.segments[i]!;
    if ("splat" in segment) {
      shown.push("[*]");
      return { redacted: `/${shown.join("/")}`, exactCase };
    }
    const part = parts[i];
    if (part === undefined || part === "") return null;
    if ("literal" in segment) {
      if (part.toLowerCase() !== segment.literal.toLowerCase()) return null;
      if (part !== segment.literal) exactCase = false;
      shown.push(segment.literal);
    } else {
      shown.push(`[${segment.param}]`);
    }
  }
  return parts.length === pattern.segments.length ? { redacted: `/${shown.join("/")}`, exactCase } : null;
}

/**
 * A matcher over the build's routes. `match` takes a canonical path (Remix's
 * `.data` suffix for single-fetch requests included) and returns the route it
 * reaches, or null when none does.
 */
export function routeMatcher(routes: RouteManifest) {
  const patterns = patternsOf(routes);
  return {
    match(path: string): RouteMatch | null {
      // Single fetch: `/s/<token>.data` loads `/s/<token>`; `/_root.data` is `/`.
      const data = path.endsWith(".data");
      const pagePath = data ? (path === "/_root.data" ? "/" : path.slice(0, -".data".length)) : path;
      const parts = pagePath.split("/").slice(1);
      if (parts.at(-1) === "") parts.pop(); // a trailing slash reaches the same route
      for (const pattern of patterns) {
        const found = matchPattern(pattern, parts);
        if (found) return data ? { ...found, redacted: found.redacted === "/" ? "/_root.data" : `${found.redacted}.data` } : found;
      }
      return null;
    },
  };
}

export type RouteMatcher = ReturnType<typeof routeMatcher>;
