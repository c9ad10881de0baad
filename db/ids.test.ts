import { describe, expect, it } from "vitest";
import { newHumanCode, newId, newToken } from "./ids";

describe("ids", () => {
  it("newId is 21 url-safe characters and does not repeat", () => {
    const ids = new Set(Array.from({ length: 10_000 }, newId));
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 100)) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it("newToken is 32 url-safe characters", () => {
    expect(newToken()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("newHumanCode avoids look-alike characters", () => {
    for (let i = 0; i < 500; i++) expect(newHumanCode()).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(newHumanCode(6)).toHaveLength(6);
  });
});
