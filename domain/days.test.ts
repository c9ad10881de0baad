import { describe, expect, it } from "vitest";
import { periodOfDate } from "../scoring/dates";
import { isOverdue, todayIn } from "./days";

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

  it("gives the quarter of the organisation's day, not of the UTC day", () => {
    expect(periodOfDate(todayIn("Asia/Shanghai", evening))).toBe("2026-Q3");
    expect(periodOfDate(todayIn("UTC", evening))).toBe("2026-Q2");
  });
});

describe("isOverdue", () => {
  it("is in time on the due day itself, overdue from the next day in the organisation's zone", () => {
    const evening = new Date("2026-06-30T17:00:00Z");
    expect(isOverdue("2026-06-30", "Asia/Shanghai", evening)).toBe(true);
    expect(isOverdue("2026-06-30", "UTC", evening)).toBe(false);
    expect(isOverdue("2026-07-01", "Asia/Shanghai", evening)).toBe(false);
  });

  it("refuses what is not written as a day", () => {
    expect(() => isOverdue("2026-7-1", "UTC", new Date())).toThrow(RangeError);
  });
});
