import { describe, expect, it } from "vitest";
import { defaultRuleSettings, isQuiet, localMinutes, minutesOf, quietUntil, reminderKey, REMINDER_RULES, ruleDaysProblem } from "./reminders";

const SH = "Asia/Shanghai";

describe("reminder rules", () => {
  it("are all on by default, with days only where the rule has them", () => {
    const settings = defaultRuleSettings();
    expect(settings.map((s) => s.rule)).toEqual([...REMINDER_RULES]);
    expect(settings.every((s) => s.enabled)).toBe(true);
    expect(settings.find((s) => s.rule === "verification_waiting")?.days).toBe(2);
    expect(settings.find((s) => s.rule === "campaign_closing_low")?.days).toBe(3);
    expect(settings.find((s) => s.rule === "veto_pending")?.days).toBeNull();
  });

  it("refuse days a rule does not take, missing days, and days out of bounds or not whole", () => {
    expect(ruleDaysProblem("veto_pending", 3)).toBe("not_allowed");
    expect(ruleDaysProblem("verification_waiting", null)).toBe("required");
    expect(ruleDaysProblem("verification_waiting", 0)).toBe("out_of_range");
    expect(ruleDaysProblem("verification_waiting", 2.5)).toBe("out_of_range");
    expect(ruleDaysProblem("verification_waiting", 15)).toBe("out_of_range");
    expect(ruleDaysProblem("appeal_window_closing", 0)).toBeNull();
    expect(ruleDaysProblem("veto_pending", null)).toBeNull();
  });

  it("key each reminder by rule, object and day", () => {
    expect(reminderKey("finding_overdue", "f1", "2026-07-16")).toBe("finding_overdue|f1|2026-07-16");
    expect(reminderKey("finding_overdue", "f1", "2026-07-17")).not.toBe(reminderKey("finding_overdue", "f1", "2026-07-16"));
  });
});

describe("quiet hours in the organisation's zone", () => {
  it("read times of day strictly", () => {
    expect(minutesOf("08:00")).toBe(480);
    expect(minutesOf("23:59")).toBe(1439);
    expect(minutesOf("24:00")).toBeNull();
    expect(minutesOf("8:00")).toBeNull();
  });

  it("count Shanghai's clock, not the server's (UTC)", () => {
    expect(localMinutes(SH, new Date("2026-07-15T14:30:00Z"))).toBe(22 * 60 + 30);
    const q = { from: "21:00", to: "08:00" };
    expect(isQuiet(q, SH, new Date("2026-07-15T14:30:00Z"))).toBe(true); // 22:30
    expect(isQuiet(q, SH, new Date("2026-07-15T23:59:00Z"))).toBe(true); // 07:59 next day
    expect(isQuiet(q, SH, new Date("2026-07-16T00:00:00Z"))).toBe(false); // 08:00
    expect(isQuiet(q, SH, new Date("2026-07-15T12:59:00Z"))).toBe(false); // 20:59
    expect(isQuiet(q, "UTC", new Date("2026-07-15T14:30:00Z"))).toBe(false); // 14:30 in UTC
  });

  it("handle a window inside one day, and equal times as never quiet", () => {
    expect(isQuiet({ from: "12:00", to: "13:30" }, SH, new Date("2026-07-15T04:15:00Z"))).toBe(true); // 12:15
    expect(isQuiet({ from: "12:00", to: "13:30" }, SH, new Date("2026-07-15T05:30:00Z"))).toBe(false); // 13:30
    expect(isQuiet({ from: "09:00", to: "09:00" }, SH, new Date("2026-07-15T01:00:00Z"))).toBe(false);
  });

  it("hold a message until the morning, and let it go at once outside them", () => {
    const q = { from: "21:00", to: "08:00" };
    expect(quietUntil(q, SH, new Date("2026-07-15T14:30:20Z")).toISOString()).toBe("2026-07-16T00:00:00.000Z");
    const day = new Date("2026-07-15T03:00:00Z");
    expect(quietUntil(q, SH, day)).toBe(day);
  });
});
