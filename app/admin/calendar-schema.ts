/**
 * The working-day calendar page's forms (issue 14), told apart by a hidden
 * `intent`: set a day (a day off or a make-up working day, with an optional
 * note) and clear the organisation's entry of a day. One schema for
 * react-hook-form in the browser and the action; `setCalendarDay` /
 * `clearCalendarDay` refuse the same things again (`calendarRefusal` below
 * turns their refusals into the same messages).
 *
 * Browser-safe: the rules come from domain/working-days.ts, which imports
 * nothing of the project.
 */
import { z } from "zod";
import { CALENDAR_DAY_KINDS, isRealDay, MAX_CALENDAR_NOTE } from "../../domain/working-days";
import { fields, msg } from "~/utils/forms";

/** A real civil day "YYYY-MM-DD" (2026-02-30 is not one). */
const day = () =>
  z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => isRealDay(s), msg("calendar.errors.day"));

export const SetDaySchema = z.object({
  intent: z.literal("set"),
  day: day(),
  kind: z.enum(CALENDAR_DAY_KINDS, msg("calendar.errors.kind")),
  // Counted in characters (code points), as the data layer counts it, then
  // the rest (control, invisible characters) as every shown name.
  note: z
    .string()
    .trim()
    .refine((s) => [...s].length <= MAX_CALENDAR_NOTE, msg("form.tooLong", { max: MAX_CALENDAR_NOTE }))
    .pipe(fields.optionalName(MAX_CALENDAR_NOTE * 2) as z.ZodType<string | undefined, string>)
    .optional(),
});

export const ClearDaySchema = z.object({ intent: z.literal("clear"), day: day() });

export const CalendarActionSchema = z.discriminatedUnion("intent", [SetDaySchema, ClearDaySchema], { error: msg("form.malformed") });
export const CALENDAR_INTENTS = ["set", "clear"] as const;

/** What the set form posts (and shows): text, as the inputs hold it. */
export type SetDayValues = z.input<typeof SetDaySchema>;

/** The data layer's refusals (`CalendarWriteResult`) as the page shows them, with the status the action answers. */
export function calendarRefusal(error: "invalid_day" | "invalid_kind" | "note_too_long" | "not_found", day: string): { field?: "day" | "kind" | "note"; message: string; status: 400 | 409 } {
  switch (error) {
    case "invalid_day":
      return { field: "day", message: msg("calendar.errors.day"), status: 400 };
    case "invalid_kind":
      return { field: "kind", message: msg("calendar.errors.kind"), status: 400 };
    case "note_too_long":
      return { field: "note", message: msg("form.tooLong", { max: MAX_CALENDAR_NOTE }), status: 400 };
    case "not_found":
      return { message: msg("calendar.errors.noEntry", { day }), status: 409 };
  }
}
