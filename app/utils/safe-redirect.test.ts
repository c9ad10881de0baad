import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

const ORIGIN = "http://kaoping.test";

/** Where a browser on this site would land after `Location: result`. */
function staysOnSite(result: string): boolean {
  return (
    result.startsWith("/") &&
    !result.startsWith("//") &&
    !result.startsWith("/\\") &&
    new URL(result, ORIGIN).origin === ORIGIN &&
    // Browsers drop tabs and newlines before parsing: the stripped form must hold too.
    new URL(result.replace(/[\t\n\r]/g, ""), ORIGIN).origin === ORIGIN &&
    // A server or proxy that decodes the path once more must not find `//` either.
    !/^\/[/\\]/.test(safeDecode(result))
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

describe("safeRedirect", () => {
  it.each([
    ["/admin", "/admin"],
    ["/contracts?page=2#top", "/contracts?page=2#top"],
    ["/s/abc", "/s/abc"],
    ["/a/./b/../c", "/a/c"],
  ])("keeps the on-site path %s", (to, expected) => {
    expect(safeRedirect(to, "/home")).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/%2Fevil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/\tevil",
    "/%09/evil.example",
    "",
    "/%E0%A4%A",
    // Dot segments that collapse into `//evil.test` once resolved (issue 9.1).
    "/.//evil.test",
    "/..//evil.test",
    "/a/../..//evil.test",
    "/%2e//evil.test",
    "/%2e%2e//evil.test",
    "/a/%2E%2E/%2E%2E//evil.test",
  ])("refuses %s", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });

  it("refuses non-strings and overlong values", () => {
    expect(safeRedirect(null, "/home")).toBe("/home");
    expect(safeRedirect(undefined, "/home")).toBe("/home");
    expect(safeRedirect("/" + "a".repeat(3000), "/home")).toBe("/home");
  });

  // Generated variants: any mix of slashes, backslashes, dot segments, their
  // encoded and double-encoded forms, whitespace and schemes stays on the site.
  const piece = fc.constantFrom(
    "/", "//", "\\", "%2f", "%2F", "%252f", "%252F", "%25252f", "%5c", "%5C", "%255c",
    ".", "..", "%2e", "%2E", "%2e%2e", "%252e", ".%2e",
    "\t", "\n", "\r", "%09", "%0a", "%0d", " ", "%20",
    "evil.test", "a", "@", ":", "?", "#", "https:", "http:", "javascript:", "data:", "file:", "%3a", "\u0000", "\u3000",
  );
  const variant = fc.tuple(fc.constantFrom("", "/", "//", "/\\", "\\"), fc.array(piece, { minLength: 1, maxLength: 10 })).map(
    ([start, pieces]) => start + pieces.join(""),
  );

  it("keeps every generated variant on the site", () => {
    fc.assert(
      fc.property(variant, (to) => {
        expect(staysOnSite(safeRedirect(to, "/home"))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("keeps every generated variant on the site when it follows a real path", () => {
    fc.assert(
      fc.property(fc.constantFrom("/a/", "/a/b/", "/admin/", "/a/../", "/./"), variant, (prefix, rest) => {
        expect(staysOnSite(safeRedirect(prefix + rest, "/home"))).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });
});
