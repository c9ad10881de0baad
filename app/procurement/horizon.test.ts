import { describe, expect, it } from "vitest";
import { horizonOf } from "./horizon";

describe("horizonOf", () => {
  it("takes 3, 6 and 12", () => {
    expect(horizonOf("3", 6)).toBe(3);
    expect(horizonOf(" 12 ", 6)).toBe(12);
    expect(horizonOf("6", 12)).toBe(6);
  });
  it("reads anything else as the default", () => {
    for (const asked of [null, "", "7", "abc", "3.0", "-3", "1e1", "03x", "999999999999"]) expect(horizonOf(asked, 12)).toBe(12);
  });
});
