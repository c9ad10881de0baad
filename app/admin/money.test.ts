import { describe, expect, it } from "vitest";
import { fenToYuanText, optionalYuanProblem, optionalYuanToFen, yuanProblem, yuanToFen } from "./money";

describe("yuan to fen", () => {
  it.each([
    ["1200000", 120_000_000],
    ["1,200,000.5", 120_000_050],
    ["0.29", 29], // not 28 through floating point
    ["0.07", 7],
    [" 12.30 ", 1230],
  ])("reads %s as %d fen", (text, fen) => {
    expect(yuanProblem(text)).toBeNull();
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each([
    ["", "form.required"],
    ["-1", "admin.errors.moneyNegative"],
    ["12.345", 'admin.errors.moneyDecimals|{"decimals":3}'],
    ["1e6", "admin.errors.moneyFormat"],
    ["一百", "admin.errors.moneyFormat"],
    ["10000000000", 'admin.errors.moneyMax|{"max":"10,000,000,000"}'],
  ])("refuses %s", (text, message) => {
    expect(yuanProblem(text)).toBe(message);
    expect(yuanToFen(text)).toBeNull();
  });

  it("writes fen back as form text that reads the same", () => {
    for (const fen of [0, 7, 29, 100, 120_000_050]) expect(yuanToFen(fenToYuanText(fen))).toBe(fen);
  });
});

describe("an optional amount (the contract's own quarterly fee)", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["  ", null],
    [",", null],
    ["0", 0],
    ["300,000.07", 30_000_007],
  ])("reads %j as %j fen", (text, fen) => {
    expect(optionalYuanProblem(text)).toBeNull();
    expect(optionalYuanToFen(text)).toBe(fen);
  });

  it.each([
    ["-1", "admin.errors.moneyNegative"],
    ["12.345", 'admin.errors.moneyDecimals|{"decimals":3}'],
    ["10000000000", 'admin.errors.moneyMax|{"max":"10,000,000,000"}'],
    [["1", "2"], "admin.errors.moneyFormat"],
  ])("refuses %j as the required amount would", (input, message) => {
    expect(optionalYuanProblem(input)).toBe(message);
    expect(optionalYuanToFen(input)).toBeNull();
  });
});
