import { describe, expect, it } from "vitest";
import { findingActionAllowed, findingActions, fixDayProblem, repeatCounts } from "./rectification";

const f = (status: "open" | "rectified" | "verified" | "withdrawn", repeatOfId: string | null = null, repeatClearedReason: string | null = null) => ({
  status,
  repeatOfId,
  repeatClearedReason,
});

describe("rectification rules", () => {
  it("offers each state's steps, clearing a counting repeat mark, and drops score-changing steps in a locked quarter", () => {
    expect(findingActions(f("open", "x"), { quarterWritable: true })).toEqual(["rectify", "withdraw", "clear_repeat"]);
    expect(findingActions(f("open", "x"), { quarterWritable: false })).toEqual(["rectify"]);
    expect(findingActions(f("rectified"), { quarterWritable: false })).toEqual(["verify", "fail_verification"]);
    expect(findingActions(f("verified", "x"), { quarterWritable: true })).toEqual(["clear_repeat"]);
    expect(findingActions(f("withdrawn", "x"), { quarterWritable: true })).toEqual([]);
    expect(findingActionAllowed(f("open", "x", "不同位置"), "clear_repeat")).toBe(false);
  });
  it("a repeat counts until cleared", () => {
    expect(repeatCounts(f("open", "x"))).toBe(true);
    expect(repeatCounts(f("open", "x", "r"))).toBe(false);
    expect(repeatCounts(f("open"))).toBe(false);
  });
  it("a fix's day lies between the finding's day and today", () => {
    expect(fixDayProblem({ foundOn: "2026-07-15", fixedOn: "2026-07-15", today: "2026-07-15" })).toBeNull();
    expect(fixDayProblem({ foundOn: "2026-07-15", fixedOn: "2026-07-14", today: "2026-07-20" })).toBe("before_found");
    expect(fixDayProblem({ foundOn: "2026-07-15", fixedOn: "2026-07-21", today: "2026-07-20" })).toBe("in_future");
  });
});
