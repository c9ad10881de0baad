/**
 * One reminder run for one organisation (issue 15): its day in its own zone,
 * its rules as set, every rule's candidates, stored once. The scheduler calls
 * it for every organisation; running it again the same day creates nothing.
 */
import { todayIn } from "../../../domain/days";
import type { ReminderRule } from "../../../domain/reminders";
import type { IsoDate } from "../../../scoring/types";
import type { Db } from "../../client";
import { organisations } from "../../schema";
import { findingReminders } from "./findings";
import { reminderRulesOf } from "./settings";
import { storeReminders } from "./store";
import { supervisionReminders } from "./supervision";

export interface RunResult {
  day: string;
  /** New notifications per rule. */
  created: Partial<Record<ReminderRule, number>>;
}

export async function runReminders(db: Db, q: { orgId: string; timeZone: string; now: Date }): Promise<RunResult> {
  const day = todayIn(q.timeZone, q.now) as IsoDate;
  const rules = new Map((await reminderRulesOf(db, { orgId: q.orgId })).map((r) => [r.rule, r]));
  const on = (rule: ReminderRule) => rules.get(rule)?.enabled ?? false;
  const candidates = [
    ...(await findingReminders(db, { orgId: q.orgId, today: day, rules: { dueTomorrow: on("finding_due_tomorrow"), overdue: on("finding_overdue") } })),
    ...(await supervisionReminders(db, {
      orgId: q.orgId,
      today: day,
      rules: { verificationWaiting: on("verification_waiting") ? (rules.get("verification_waiting")?.days ?? null) : null, vetoPending: on("veto_pending") },
    })),
  ];
  const created: RunResult["created"] = {};
  for (const rule of new Set(candidates.map((c) => c.rule))) {
    created[rule] = await storeReminders(db, { orgId: q.orgId, day, candidates: candidates.filter((c) => c.rule === rule) });
  }
  return { day, created };
}

/** Every organisation with its zone: what the scheduler runs reminders for. */
export async function organisationsToRemind(db: Db): Promise<{ id: string; timeZone: string }[]> {
  return db.select({ id: organisations.id, timeZone: organisations.timeZone }).from(organisations);
}
