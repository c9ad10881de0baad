/**
 * The forms of bonus and veto events, shared by the pages (react-hook-form)
 * and their actions (parseMultipartForm / parseForm). Messages are i18n keys.
 */
import { z } from "zod";
import { isIsoDate } from "../../scoring/dates";
import { clientKeyField } from "~/utils/photo-form";
import { fields, msg } from "~/utils/forms";

export const EVENT_KINDS = ["bonus", "veto"] as const;
export const EVENT_STATUSES = ["counted", "pending", "confirmed", "withdrawn"] as const;

/** Longest note / reason kept. */
export const NOTE_MAX = 1000;

const id = () => z.string(msg("form.choose")).trim().min(1, msg("form.choose")).max(64, msg("form.choose"));

export const NewEventSchema = z.object({
  kind: z.enum(EVENT_KINDS, msg("form.choose")),
  contractId: id(),
  itemId: z.string(msg("form.choose")).trim().min(1, msg("form.choose")).max(200, msg("form.choose")),
  occurredOn: z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => isIsoDate(s), msg("form.invalidDate")),
  note: fields.requiredText(NOTE_MAX),
  clientKey: clientKeyField,
});
export type NewEventValues = z.output<typeof NewEventSchema>;

/** The event page's two forms: confirm a veto, withdraw an event. */
export const EventActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm") }),
  z.object({
    intent: z.literal("withdraw"),
    reason: z.string(msg("events.errors.reasonRequired")).trim().min(1, msg("events.errors.reasonRequired")).max(NOTE_MAX, msg("form.tooLong", { max: NOTE_MAX })),
  }),
]);
