import { describe, expect, it } from "vitest";
import { nowIso } from "./time";

describe("nowIso", () => {
  it("writes instants in UTC with a Z", () => {
    expect(nowIso(new Date("2026-06-30T17:00:00+08:00"))).toBe("2026-06-30T09:00:00.000Z");
  });
});
