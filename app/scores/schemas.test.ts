import { describe, expect, it } from "vitest";
import { MAX_SCORE_TEXT } from "../../domain/quarter-lock";
import { FinaliseSchema, finaliseFormSchema, ReopenSchema, ScoreActionSchema } from "./schemas";

const key = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, path: string) =>
  r.error?.issues.find((i) => i.path.join(".") === path)?.message.split("|")[0];

describe("the score page's forms", () => {
  it("keep the data layer's length limit", () => {
    expect(key(ReopenSchema.safeParse({ intent: "reopen", reason: "x".repeat(MAX_SCORE_TEXT + 1) }), "reason")).toBe("form.tooLong");
    expect(ReopenSchema.safeParse({ intent: "reopen", reason: "x".repeat(MAX_SCORE_TEXT) }).success).toBe(true);
  });

  it("reopen needs a reason; finalise takes blank texts as none", () => {
    expect(key(ReopenSchema.safeParse({ intent: "reopen", reason: "   " }), "reason")).toBe("form.required");
    expect(FinaliseSchema.parse({ intent: "finalise", overrideReason: " ", provisionalJustification: "" })).toEqual({ intent: "finalise" });
  });

  it("the union refuses an unknown intent", () => {
    expect(ScoreActionSchema.safeParse({ intent: "delete" }).success).toBe(false);
    expect(ScoreActionSchema.safeParse({ intent: "finalise", overrideReason: "误录" }).success).toBe(true);
  });

  it("the browser's finalise schema requires what the quarter needs", () => {
    const both = finaliseFormSchema({ override: true, justification: true }).safeParse({ intent: "finalise" });
    expect(key(both, "overrideReason")).toBe("quarter.errors.overrideRequired");
    expect(key(both, "provisionalJustification")).toBe("quarter.errors.justificationRequired");
    expect(finaliseFormSchema({ override: false, justification: false }).safeParse({ intent: "finalise" }).success).toBe(true);
  });
});
