import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { addDays, dayNumber } from "../scoring/dates";
import { addMonths, daysLeft, inTenderWindow, isTenderHorizon, replaces, wanYuan } from "./procurement";

describe("addMonths", () => {
  it("keeps the day of the month, clamped to the month's last day", () => {
    expect(addMonths("2026-11-18", 3)).toBe("2027-02-18");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-01-31", -3)).toBe("2025-10-31");
    expect(addMonths("2026-05-31", -3)).toBe("2026-02-28");
  });

  test.prop([fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -36, max: 36 })])("moves by whole months either way", (n, months) => {
    const day = addDays("2000-01-01", n);
    const moved = addMonths(day, months);
    const monthsApart = (Number(moved.slice(0, 4)) - Number(day.slice(0, 4))) * 12 + Number(moved.slice(5, 7)) - Number(day.slice(5, 7));
    expect(monthsApart).toBe(months);
    expect(Number(moved.slice(8, 10))).toBeLessThanOrEqual(Number(day.slice(8, 10)));
  });
});

describe("daysLeft", () => {
  it("is 0 on the last day and negative once ended", () => {
    expect(daysLeft("2027-01-31", "2026-11-18")).toBe(74);
    expect(daysLeft("2026-11-18", "2026-11-18")).toBe(0);
    expect(daysLeft("2026-11-17", "2026-11-18")).toBe(-1);
  });

  test.prop([fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -2_000, max: 2_000 })])("agrees with day numbers", (n, d) => {
    const today = addDays("2000-01-01", n);
    expect(daysLeft(addDays(today, d), today)).toBe(d);
    expect(dayNumber(addDays(today, d)) - dayNumber(today)).toBe(d);
  });
});

describe("inTenderWindow", () => {
  const today = "2026-11-18";
  it("takes contracts ending within the horizon, the horizon's last day included", () => {
    expect(inTenderWindow({ endOn: "2027-02-18", replaced: false }, today, 3)).toBe(true);
    expect(inTenderWindow({ endOn: "2027-02-19", replaced: false }, today, 3)).toBe(false);
    expect(inTenderWindow({ endOn: "2027-02-19", replaced: false }, today, 6)).toBe(true);
    expect(inTenderWindow({ endOn: today, replaced: true }, today, 3)).toBe(true);
  });

  it("keeps contracts ended in the last three months until replaced", () => {
    expect(inTenderWindow({ endOn: "2026-10-31", replaced: false }, today, 3)).toBe(true);
    expect(inTenderWindow({ endOn: "2026-10-31", replaced: true }, today, 3)).toBe(false);
    expect(inTenderWindow({ endOn: "2026-08-18", replaced: false }, today, 12)).toBe(true);
    expect(inTenderWindow({ endOn: "2026-08-17", replaced: false }, today, 12)).toBe(false);
  });
});

describe("replaces", () => {
  const old = { id: "a", serviceType: "catering", startOn: "2024-01-01", siteIds: ["s1", "s2"] };
  it("needs the same service type, a shared site and a later start", () => {
    expect(replaces({ id: "b", serviceType: "catering", startOn: "2026-11-01", siteIds: ["s2"] }, old)).toBe(true);
    expect(replaces({ id: "b", serviceType: "property", startOn: "2026-11-01", siteIds: ["s2"] }, old)).toBe(false);
    expect(replaces({ id: "b", serviceType: "catering", startOn: "2026-11-01", siteIds: ["s3"] }, old)).toBe(false);
    expect(replaces({ id: "b", serviceType: "catering", startOn: "2024-01-01", siteIds: ["s1"] }, old)).toBe(false);
    expect(replaces(old, old)).toBe(false);
  });
});

it("isTenderHorizon accepts 3, 6 and 12 only", () => {
  expect([3, 6, 12].every(isTenderHorizon)).toBe(true);
  expect([0, 4, "6", null, 6.5].some(isTenderHorizon)).toBe(false);
});

it("wanYuan turns fen into 万元 with two decimals", () => {
  expect(wanYuan(240_000_000)).toBe(240);
  expect(wanYuan(1_234_567_89)).toBe(123.46);
  expect(wanYuan(0)).toBe(0);
});
