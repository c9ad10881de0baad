import { describe, expect, it } from "vitest";
import { heatLevel, monthParam } from "./month";

describe("patrol page helpers", () => {
  it("reads ?month= or falls back to today's month", () => {
    expect(monthParam("http://x/supervisor/patrols?month=2026-10", "2026-11-20")).toBe("2026-10");
    expect(monthParam("http://x/supervisor/patrols?month=2026-13", "2026-11-20")).toBe("2026-11");
    expect(monthParam("http://x/supervisor/patrols", "2026-11-20")).toBe("2026-11");
  });
  it("maps counts to the legend's levels", () => {
    expect([0, 1, 2, 3, 4, 9].map(heatLevel)).toEqual([0, 1, 2, 2, 3, 3]);
  });
});
