import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { errorPath } from "./arbitraries";
import {
  addDays,
  assertIsoDate,
  assertPeriod,
  comparePeriods,
  dayNumber,
  fromDayNumber,
  isConsecutive,
  isInPeriod,
  isIsoDate,
  isPeriod,
  nextPeriod,
  periodEnd,
  periodFromIndex,
  periodIndex,
  periodOfDate,
  periodStart,
  previousPeriod,
} from "./dates";

/** Day numbers of 1900-01-01 .. 2199-12-31. */
const arbDayNumber = fc.integer({ min: -25567, max: 84005 });
const arbDate = arbDayNumber.map(fromDayNumber);
const arbPeriod = fc.integer({ min: 1900 * 4, max: 2199 * 4 + 3 }).map(periodFromIndex);
const pad = (n: number, w: number) => String(n).padStart(w, "0");

describe("calendar days", () => {
  test.prop([arbDayNumber])("round-trip through their day number", (n) => {
    expect(dayNumber(fromDayNumber(n))).toBe(n);
  });

  test.prop([arbDate, fc.integer({ min: -400, max: 400 })])("move by whole days with addDays", (d, k) => {
    expect(dayNumber(addDays(d, k)) - dayNumber(d)).toBe(k);
  });

  test.prop([arbDate, arbDate])("sort as text in calendar order", (a, b) => {
    expect(Math.sign(dayNumber(a) - dayNumber(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
  });

  test.prop([fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })])(
    "are valid exactly when the proleptic Gregorian calendar has them",
    (y, m, d) => {
      const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      const utc = new Date(0);
      utc.setUTCFullYear(y, m - 1, d);
      const real = m >= 1 && m <= 12 && d >= 1 && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
      expect(isIsoDate(text)).toBe(real);
    },
  );

  it("refuse 30 February, month 13, unpadded parts and 29 February 2100, naming the path", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-2-3", "2100-02-29", "2026-06-31", " 2026-01-01", 20260101, null]) {
      expect(errorPath(() => assertIsoDate(bad, "findings[0].foundOn"))).toBe("findings[0].foundOn");
    }
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
  });
});

describe("quarters", () => {
  test.prop([fc.string({ maxLength: 10 })])("are exactly the strings YYYY-Qn with n in 1..4", (s) => {
    expect(isPeriod(s)).toBe(/^\d{4}-Q[1-4]$/.test(s));
  });

  test.prop([fc.constantFrom("2026-Q5", "2026-Q0", "2026-q1", "26-Q1", "2026Q1", "2026-Q1 ")])(
    "refuse malformed quarters, naming the path",
    (s) => {
      expect(errorPath(() => assertPeriod(s, "period"))).toBe("period");
    },
  );

  test.prop([arbPeriod])("start on the day after the previous quarter ends", (p) => {
    expect(addDays(periodEnd(previousPeriod(p)), 1)).toBe(periodStart(p));
  });

  test.prop([arbPeriod])("contain their first and last days and nothing either side", (p) => {
    expect([periodOfDate(periodStart(p)), periodOfDate(periodEnd(p))]).toEqual([p, p]);
    expect(isInPeriod(addDays(periodStart(p), -1), p) || isInPeriod(addDays(periodEnd(p), 1), p)).toBe(false);
  });

  test.prop([arbPeriod])("are followed by nextPeriod, which isConsecutive", (p) => {
    expect(isConsecutive(p, nextPeriod(p))).toBe(true);
    expect(comparePeriods(p, nextPeriod(p))).toBe(-1);
    expect(periodIndex(nextPeriod(p)) - periodIndex(p)).toBe(1);
  });

  test.prop([arbPeriod, arbPeriod])("are consecutive only when exactly one quarter apart", (a, b) => {
    expect(isConsecutive(a, b)).toBe(periodIndex(b) === periodIndex(a) + 1);
  });

  it("roll over the year", () => {
    expect(nextPeriod("2025-Q4")).toBe("2026-Q1");
    expect(periodEnd("2024-Q1")).toBe("2024-03-31");
    expect(periodEnd("2026-Q2")).toBe("2026-06-30");
    expect(isConsecutive("2025-Q3", "2026-Q1")).toBe(false);
  });
});
