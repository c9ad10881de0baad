/**
 * Tenancy cases of db/queries/reminders: organisation A's admin asks for B's
 * reminders (computing, storing, the inbox) and gets nothing; the attacker
 * (B's second contractor's person) reads and marks nothing of B's first
 * contractor's person.
 */
import type { Db } from "../../../db/client";
import * as reminders from "../../../db/queries/reminders";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;
const notification = (w: World) => w.b.notifications!;

export const remindersCases: Record<string, Case> = {
  "reminders/findings.ts#findingReminders": (db, w) => reminders.findingReminders(db, { orgId: w.orgA.id, today: "2026-07-16", rules: { dueTomorrow: true, overdue: true } }),
  // Storing nothing stores nothing; the write is tested in reminders-findings.test.ts.
  "reminders/store.ts#storeReminders": async (db, w) => ((await reminders.storeReminders(db, { orgId: w.orgA.id, day: "2026-07-16", candidates: [] })) === 0 ? null : "stored"),
  "reminders/inbox.ts#listInbox": async (db, w) => [
    ...(await reminders.listInbox(db, { orgId: w.orgA.id, userId: String(notification(w).userId) })).rows,
    ...(await reminders.listInbox(db, { orgId: w.attacker.orgId, userId: w.attacker.userId })).rows,
  ],
  "reminders/inbox.ts#unreadCount": async (db, w) =>
    (await reminders.unreadCount(db, { orgId: w.orgA.id, userId: String(notification(w).userId) })) + (await reminders.unreadCount(db, { orgId: w.attacker.orgId, userId: w.attacker.userId })) === 0
      ? null
      : "counted",
  "reminders/inbox.ts#markRead": async (db, w) =>
    (await reminders.markRead(db, { orgId: w.orgA.id, userId: String(notification(w).userId), id: String(notification(w).id) })) ||
    (await reminders.markRead(db, { orgId: w.attacker.orgId, userId: w.attacker.userId, id: String(notification(w).id) })),
  "reminders/inbox.ts#markAllRead": async (db, w) =>
    ((await reminders.markAllRead(db, { orgId: w.orgA.id, userId: String(notification(w).userId) })) + (await reminders.markAllRead(db, { orgId: w.attacker.orgId, userId: w.attacker.userId }))) === 0 ? null : "marked",
  "reminders/supervision.ts#supervisionReminders": (db, w) =>
    reminders.supervisionReminders(db, { orgId: w.orgA.id, today: "2026-07-30", rules: { verificationWaiting: 1, vetoPending: true } }),
  // A's settings are A's: B's switched-off rule does not show (every rule reads as its default).
  "reminders/settings.ts#reminderRulesOf": async (db, w) => ((await reminders.reminderRulesOf(db, { orgId: w.orgA.id })).every((r) => r.enabled) ? null : "leaked"),
  "reminders/run.ts#runReminders": async (db, w) => {
    const r = await reminders.runReminders(db, { orgId: w.orgA.id, timeZone: "Asia/Shanghai", now: new Date("2026-07-16T03:00:00Z") });
    return Object.values(r.created).some((n) => n > 0) ? r : null;
  },
};
