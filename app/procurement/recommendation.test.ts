import { describe, expect, it } from "vitest";
import { reasonPieces } from "./recommendation";
import { sparkPath } from "./sparkline";

describe("reasonPieces", () => {
  it("links every quarter of the reason named in its text, and only those", () => {
    const pieces = reasonPieces("2025-Q3、2026-Q1 发生一票否决事项，参见 2024-Q4", ["2025-Q3", "2026-Q1"]);
    expect(pieces).toEqual([
      { text: "2025-Q3", period: "2025-Q3" },
      { text: "、" },
      { text: "2026-Q1", period: "2026-Q1" },
      { text: " 发生一票否决事项，参见 2024-Q4" },
    ]);
  });
  it("keeps a text without quarters whole", () => {
    expect(reasonPieces("Average score 91.2, at least 90", ["2025-Q1"])).toEqual([{ text: "Average score 91.2, at least 90" }]);
  });
});

describe("sparkPath", () => {
  it("draws one run per stretch without a gap, inside the box", () => {
    const { d, dots } = sparkPath([80, 90, null, 70], 0, 100);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(dots).toHaveLength(3);
    for (const p of dots) expect(p.y >= 0 && p.y <= 32 && p.x >= 0 && p.x <= 120).toBe(true);
    // Higher values are higher up.
    expect(dots[1]!.y).toBeLessThan(dots[0]!.y);
  });
  it("draws nothing without values", () => {
    expect(sparkPath([null, null], 0, 100)).toEqual({ d: "", dots: [] });
  });
});
