import { describe, expect, it } from "vitest";
import { isValidUscc, normaliseUscc, USCC_CHARSET, withUsccCheck } from "./uscc";

describe("isValidUscc", () => {
  it("accepts codes with the right check character", () => {
    expect(isValidUscc("91350100M000100Y43")).toBe(true);
    expect(isValidUscc(withUsccCheck("91110000100000000"))).toBe(true);
    expect(isValidUscc(withUsccCheck("12100000400000624"))).toBe(true);
  });

  it("rejects a wrong check character", () => {
    expect(isValidUscc("91350100M000100Y44")).toBe(false);
    expect(isValidUscc("91350100M000100Y4X")).toBe(false);
  });

  it("rejects one mistyped or transposed character", () => {
    expect(isValidUscc("91350100M000100Y53")).toBe(false); // Y4 -> Y5 in the body
    expect(isValidUscc("19350100M000100Y43")).toBe(false); // 91 -> 19
  });

  it("rejects the wrong length", () => {
    expect(isValidUscc("91350100M000100Y4")).toBe(false);
    expect(isValidUscc("91350100M000100Y430")).toBe(false);
    expect(isValidUscc("")).toBe(false);
  });

  it("rejects lower case and spaces", () => {
    expect(isValidUscc("91350100m000100Y43")).toBe(false);
    expect(isValidUscc("91350100M000100y43")).toBe(false);
    expect(isValidUscc(" 91350100M000100Y43")).toBe(false);
    expect(isValidUscc("91350100M000100Y43 ")).toBe(false);
    expect(isValidUscc("913501 0M000100Y43")).toBe(false);
  });

  it.each(["I", "O", "Z", "S", "V"])("rejects the letter %s anywhere", (letter) => {
    expect(USCC_CHARSET).not.toContain(letter);
    expect(isValidUscc(`91350100${letter}000100Y43`)).toBe(false);
    expect(isValidUscc(`91350100M000100Y4${letter}`)).toBe(false);
  });

  it("requires digits in the administrative division code (positions 3-8)", () => {
    expect(() => withUsccCheck("91A50100M000100Y4")).toThrow(RangeError);
  });
});

describe("withUsccCheck", () => {
  it("computes the GB 32100-2015 check character", () => {
    expect(withUsccCheck("91350100M000100Y4")).toBe("91350100M000100Y43");
  });

  it("refuses a body that is not 17 valid characters", () => {
    expect(() => withUsccCheck("91350100M000100Y")).toThrow(RangeError);
    expect(() => withUsccCheck("91350100M000100YI")).toThrow(RangeError);
  });

  it("makes every generated code valid", () => {
    for (let n = 0; n < 200; n++) {
      const body = `91350100${String(n * 7919).padStart(9, "0")}`;
      expect(isValidUscc(withUsccCheck(body))).toBe(true);
    }
  });
});

describe("normaliseUscc", () => {
  it("trims, removes spaces and upper-cases form input", () => {
    expect(normaliseUscc(" 91350100m000 100y43 ")).toBe("91350100M000100Y43");
  });
});
