/**
 * The reminder scheduler inside the server (issue 15): every 15 minutes, one
 * run per organisation (db/queries/reminders/run.ts). Each reminder exists
 * once under its unique key, so running often, restarting, or a second server
 * process running the same schedule creates nothing twice; after downtime the
 * next run creates what is true now. `protect` skips a tick while the last
 * one still runs; an organisation's failure is logged and the others go on.
 */
import { Cron } from "croner";
import type { Db } from "../db/client";
import { organisationsToRemind, runReminders, type RunResult } from "../db/queries/reminders/run";

export interface SchedulerOptions {
  db: () => Db;
  /** The app's clock (KAOPING_CLOCK in tests). */
  now: () => Date;
  /** Cron pattern; every 15 minutes by default. */
  pattern?: string;
  log?: (line: string) => void;
}

/** One pass over every organisation; returns each one's result (or its error's message). */
export async function remindAll(db: Db, now: Date, log: (line: string) => void = () => undefined): Promise<Record<string, RunResult | { error: string }>> {
  const out: Record<string, RunResult | { error: string }> = {};
  for (const org of await organisationsToRemind(db)) {
    try {
      out[org.id] = await runReminders(db, { orgId: org.id, timeZone: org.timeZone, now });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      out[org.id] = { error: message };
      log(`reminders: organisation ${org.id} failed: ${message}`);
    }
  }
  return out;
}

/** Starts the schedule, with a first pass at once (so a restart catches up); `stop()` ends it. */
export function startReminderScheduler(options: SchedulerOptions): { stop: () => void; ready: Promise<unknown> } {
  const log = options.log ?? ((line: string) => console.log(line));
  const tick = async (): Promise<void> => {
    await remindAll(options.db(), options.now(), log);
  };
  const job = new Cron(options.pattern ?? "*/15 * * * *", { protect: true, catch: (e) => log(`reminders: ${String(e)}`) }, tick);
  return { stop: () => job.stop(), ready: tick().catch((e: unknown) => log(`reminders: ${String(e)}`)) };
}
