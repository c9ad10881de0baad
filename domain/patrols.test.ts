import { describe, expect, it } from "vitest";
import {
  daysInMonthOf,
  isMonth,
  monthBounds,
  monthOfDay,
  patrolsRequired,
  patrolTargetMet,
  shiftMonth,
  weekIndexOf,
  weeksOfMonth,
} from "./patrols";

describe("months", () => {
  it("accepts YYYY-MM only", () => {
    expect(isMonth("2026-11")).toBe(true);
    for (const bad of ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", 202611, null]) expect(isMonth(bad)).toBe(false);
  });
  it("knows the days of a month, leap Februaries included", () => {
    expect(daysInMonthOf("2026-11")).toBe(30);
    expect(daysInMonthOf("2026-12")).toBe(31);
    expect(daysInMonthOf("2026-02")).toBe(28);
    expect(daysInMonthOf("2028-02")).toBe(29);
    expect(monthBounds("2028-02")).toEqual({ first: "2028-02-01", last: "2028-02-29" });
  });
  it("moves across years", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-11", 0)).toBe("2026-11");
    expect(monthOfDay("2026-11-30")).toBe("2026-11");
  });
});

describe("weeksOfMonth", () => {
  it("cuts Monday–Sunday weeks at the month's edges", () => {
    // 2026-11-01 is a Sunday, 2026-11-30 a Monday.
    const weeks = weeksOfMonth("2026-11");
    expect(weeks[0]).toEqual({ index: 1, start: "2026-11-01", end: "2026-11-01" });
    expect(weeks[1]).toEqual({ index: 2, start: "2026-11-02", end: "2026-11-08" });
    expect(weeks.at(-1)).toEqual({ index: 6, start: "2026-11-30", end: "2026-11-30" });
    expect(weeks).toHaveLength(6);
  });
  it("covers every day exactly once", () => {
    for (const month of ["2026-02", "2026-03", "2027-02", "2028-02", "2026-06"]) {
      const weeks = weeksOfMonth(month);
      let covered = 0;
      for (const w of weeks) covered += Number(w.end.slice(8)) - Number(w.start.slice(8)) + 1;
      expect(covered).toBe(daysInMonthOf(month));
      expect(weeks[0]!.start).toBe(`${month}-01`);
      expect(weeks.at(-1)!.end).toBe(monthBounds(month).last);
    }
    // February 2027 starts on a Monday: four whole weeks.
    expect(weeksOfMonth("2027-02")).toHaveLength(4);
  });
  it("finds a day's week", () => {
    const weeks = weeksOfMonth("2026-11");
    expect(weekIndexOf("2026-11-01", weeks)).toBe(1);
    expect(weekIndexOf("2026-11-08", weeks)).toBe(2);
    expect(weekIndexOf("2026-11-09", weeks)).toBe(3);
    expect(weekIndexOf("2026-11-30", weeks)).toBe(6);
    expect(() => weekIndexOf("2026-12-01", weeks)).toThrow(RangeError);
  });
});

describe("patrolsRequired / patrolTargetMet", () => {
  it("asks per target", () => {
    expect(patrolsRequired("daily", "2026-11")).toBe(30);
    expect(patrolsRequired("weekly", "2026-11")).toBe(4);
    expect(patrolsRequired("weekly", "2026-02")).toBe(4);
    expect(patrolsRequired("fortnightly", "2026-12")).toBe(2);
    expect(patrolsRequired("monthly", "2026-12")).toBe(1);
  });
  it("three patrols miss a weekly target, four meet it", () => {
    expect(patrolTargetMet(3, "weekly", "2026-11")).toBe(false);
    expect(patrolTargetMet(4, "weekly", "2026-11")).toBe(true);
    expect(patrolTargetMet(0, "monthly", "2026-11")).toBe(false);
    expect(patrolTargetMet(1, "monthly", "2026-11")).toBe(true);
  });
});
