import type { ReminderRule } from "../../../domain/reminders";

/** A reminder the rules say is due today for one person, before it is stored (once) as a notification. */
export interface ReminderCandidate {
  rule: ReminderRule;
  objectKind: "finding" | "veto" | "campaign" | "quarter" | "contract";
  objectId: string;
  userId: string;
  /** A path of this site. */
  link: string;
  params: Record<string, string | number>;
}
