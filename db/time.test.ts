import { describe, expect, it } from "vitest";
import { isDay, isOverdue, isPeriod, nowIso, periodOf, periodRange, todayIn } from "./time";

describe("todayIn", () => {
  const evening = new Date("2026-06-30T17:00:00Z"); // 01:00 on 1 July in Shanghai

  it("uses the organisation's zone, not UTC", () => {
    expect(todayIn("Asia/Shanghai", evening)).toBe("2026-07-01");
    expect(todayIn("UTC", evening)).toBe("2026-06-30");
  });

  it("turns the day at local midnight", () => {
    expect(todayIn("Asia/Shanghai", new Date("2026-06-30T15:59:59.999Z"))).toBe("2026-06-30");
    expect(todayIn("Asia/Shanghai", new Date("2026-06-30T16:00:00Z"))).toBe("2026-07-01");
  });

  it("handles zones west of UTC and the new year", () => {
    expect(todayIn("America/Los_Angeles", new Date("2027-01-01T05:00:00Z"))).toBe("2026-12-31");
    expect(todayIn("Asia/Shanghai", new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01");
  });

  it("refuses an unknown zone instead of falling back to UTC", () => {
    expect(() => todayIn("Asia/Shanghi", evening)).toThrow(RangeError);
  });
});

describe("periodOf", () => {
  it.each([
    ["2026-01-01", "2026-Q1"],
    ["2026-03-31", "2026-Q1"],
    ["2026-04-01", "2026-Q2"],
    ["2026-06-30", "2026-Q2"],
    ["2026-07-01", "2026-Q3"],
    ["2026-09-30", "2026-Q3"],
    ["2026-10-01", "2026-Q4"],
    ["2026-12-31", "2026-Q4"],
  ])("%s is in %s", (day, period) => {
    expect(periodOf(day)).toBe(period);
  });

  it("refuses what is not a day", () => {
    expect(() => periodOf("2026-7-1")).toThrow(RangeError);
    expect(() => periodOf("2026-02-30")).toThrow(RangeError);
    expect(() => periodOf("2026-07-01T00:00:00Z")).toThrow(RangeError);
  });

  it("is the day's quarter in the organisation's zone when combined with todayIn", () => {
    expect(periodOf(todayIn("Asia/Shanghai", new Date("2026-06-30T17:00:00Z")))).toBe("2026-Q3");
    expect(periodOf(todayIn("UTC", new Date("2026-06-30T17:00:00Z")))).toBe("2026-Q2");
  });
});

describe("periodRange", () => {
  it("gives first and last day, leap years included", () => {
    expect(periodRange("2026-Q3")).toEqual({ startOn: "2026-07-01", endOn: "2026-09-30" });
    expect(periodRange("2026-Q4")).toEqual({ startOn: "2026-10-01", endOn: "2026-12-31" });
    expect(periodRange("2028-Q1")).toEqual({ startOn: "2028-01-01", endOn: "2028-03-31" });
    expect(periodRange("2026-Q2")).toEqual({ startOn: "2026-04-01", endOn: "2026-06-30" });
  });

  it("refuses a malformed period", () => {
    expect(() => periodRange("2026-Q5")).toThrow(RangeError);
    expect(() => periodRange("2026Q1")).toThrow(RangeError);
  });
});

describe("isOverdue", () => {
  it("is in time on the due day itself, overdue from the next day in the organisation's zone", () => {
    const evening = new Date("2026-06-30T17:00:00Z");
    expect(isOverdue("2026-06-30", "Asia/Shanghai", evening)).toBe(true);
    expect(isOverdue("2026-06-30", "UTC", evening)).toBe(false);
    expect(isOverdue("2026-07-01", "Asia/Shanghai", evening)).toBe(false);
  });
});

describe("isDay / isPeriod / nowIso", () => {
  it("accept only well-formed values", () => {
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isPeriod("2026-Q4")).toBe(true);
    expect(isPeriod("2026-Q0")).toBe(false);
  });

  it("writes instants in UTC with a Z", () => {
    expect(nowIso(new Date("2026-06-30T17:00:00+08:00"))).toBe("2026-06-30T09:00:00.000Z");
  });
});
