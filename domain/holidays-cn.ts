/**
 * The official public-holiday schedule (全国年节及纪念日放假安排) as the State
 * Council announces it each November for the next year: the days off (放假)
 * and the weekend days worked instead (调休上班). Working-day calendars start
 * from it; an organisation's own entries override it (domain/working-days.ts).
 *
 * Only years whose notice has been published are listed. Add a year by
 * copying its notice here (and a test of its days in holidays-cn.test.ts);
 * until then an admin enters the days on the calendar page.
 */
import { nextDay, type CalendarDayKind } from "./working-days";

export interface OfficialYear {
  /** The notice the days are copied from. */
  source: string;
  /** Ranges of days off, each with the holiday's name, and the make-up working days. */
  holidays: readonly { name: string; from: string; to: string }[];
  workdays: readonly { name: string; day: string }[];
}

export const OFFICIAL_SCHEDULES: Readonly<Record<number, OfficialYear>> = {
  2026: {
    source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
    holidays: [
      { name: "元旦", from: "2026-01-01", to: "2026-01-03" },
      { name: "春节", from: "2026-02-15", to: "2026-02-23" },
      { name: "清明节", from: "2026-04-04", to: "2026-04-06" },
      { name: "劳动节", from: "2026-05-01", to: "2026-05-05" },
      { name: "端午节", from: "2026-06-19", to: "2026-06-21" },
      { name: "中秋节", from: "2026-09-25", to: "2026-09-27" },
      { name: "国庆节", from: "2026-10-01", to: "2026-10-07" },
    ],
    workdays: [
      { name: "元旦", day: "2026-01-04" },
      { name: "春节", day: "2026-02-14" },
      { name: "春节", day: "2026-02-28" },
      { name: "劳动节", day: "2026-05-09" },
      { name: "国庆节", day: "2026-09-20" },
      { name: "国庆节", day: "2026-10-10" },
    ],
  },
};

export interface OfficialDay {
  day: string;
  kind: CalendarDayKind;
  /** The holiday's name (for a make-up day, the holiday it makes up for). */
  name: string;
}

/** The official entries of `year` (none when its schedule is not listed), in day order. */
export function officialDays(year: number): OfficialDay[] {
  const schedule = OFFICIAL_SCHEDULES[year];
  if (!schedule) return [];
  const days: OfficialDay[] = [];
  for (const h of schedule.holidays) {
    for (let d = h.from; d <= h.to; d = nextDay(d)) days.push({ day: d, kind: "non_working", name: h.name });
  }
  for (const w of schedule.workdays) days.push({ day: w.day, kind: "working", name: w.name });
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Whether the official schedule of `year` is known here. */
export function hasOfficialSchedule(year: number): boolean {
  return year in OFFICIAL_SCHEDULES;
}
