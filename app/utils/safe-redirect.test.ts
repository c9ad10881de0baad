import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it.each([
    ["/admin", "/admin"],
    ["/contracts?page=2#top", "/contracts?page=2#top"],
    ["/s/abc", "/s/abc"],
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
  ])("refuses %s", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });

  it("refuses non-strings and overlong values", () => {
    expect(safeRedirect(null, "/home")).toBe("/home");
    expect(safeRedirect(undefined, "/home")).toBe("/home");
    expect(safeRedirect("/" + "a".repeat(3000), "/home")).toBe("/home");
  });
});
