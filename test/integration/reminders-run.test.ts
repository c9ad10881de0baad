/**
 * A reminder run (issue 15): the organisation's day in Asia/Shanghai while
 * the process runs in UTC; the supervisors' rules (a fix waiting more than the
 * rule's days, a veto waiting for a second supervisor — not its recorder);
 * the admin's rule settings (off means nothing created; bad days refused,
 * nothing written; audited); a second run the same day creates nothing.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reminderRulesOf, runReminders, setReminderRule } from "../../db/queries/reminders";
import { auditLog, notifications, orgReminderRules } from "../../db/schema";
import { changed, rowCounts } from "../helpers/admin-request";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeFinding, makeMembership, makeOrg, makeUser, makeVetoEvent } from "../helpers/factories";

let t: TestDb;
const ids = { org: "", supA: "", supB: "", waiting: "", fresh: "", veto: "" };
const SH = "Asia/Shanghai";

beforeAll(async () => {
  t = await createTestDb();
  const org = await makeOrg(t.db);
  ids.org = org.id;
  const contract = await makeContract(t.db, { orgId: org.id });
  const supA = await makeUser(t.db);
  const supB = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: supA.id, role: "supervisor" });
  await makeMembership(t.db, { orgId: org.id, userId: supB.id, role: "admin" });
  Object.assign(ids, { supA: supA.id, supB: supB.id });
  const rectified = (rectifiedOn: string) =>
    makeFinding(t.db, { orgId: org.id, contractId: contract.id, foundOn: "2026-07-01", dueOn: "2026-07-20", status: "rectified", rectifiedOn, createdBy: supA.id });
  ids.waiting = (await rectified("2026-07-12")).id; // three days before the 15th: more than 2
  ids.fresh = (await rectified("2026-07-13")).id; // two days: not yet
  ids.veto = (await makeVetoEvent(t.db, { orgId: org.id, contractId: contract.id, occurredOn: "2026-07-14", period: "2026-Q3", recordedBy: supA.id })).id;
});
afterAll(async () => t?.cleanup());

const mine = () => t.db.select({ rule: notifications.rule, objectId: notifications.objectId, userId: notifications.userId, day: notifications.day, link: notifications.link }).from(notifications).where(eq(notifications.orgId, ids.org));

describe("a reminder run", () => {
  it("counts the day in Shanghai: 2026-07-14T16:30Z is already the 15th there", async () => {
    const result = await runReminders(t.db, { orgId: ids.org, timeZone: SH, now: new Date("2026-07-14T16:30:00Z") });
    expect(result.day).toBe("2026-07-15");
    // The waiting fix to both supervisors; the veto to the one who did not record it.
    expect(result.created).toEqual({ verification_waiting: 2, veto_pending: 1 });
    const rows = await mine();
    expect(rows.filter((r) => r.rule === "verification_waiting").map((r) => r.objectId)).toEqual([ids.waiting, ids.waiting]);
    expect(rows.filter((r) => r.rule === "veto_pending")).toEqual([
      { rule: "veto_pending", objectId: ids.veto, userId: ids.supB, day: "2026-07-15", link: `/supervisor/events/${ids.veto}?kind=veto` },
    ]);
  });

  it("creates nothing on a second run the same day", async () => {
    expect((await runReminders(t.db, { orgId: ids.org, timeZone: SH, now: new Date("2026-07-15T03:00:00Z") })).created).toEqual({ verification_waiting: 0, veto_pending: 0 });
  });

  it("refuses days a rule does not take or out of bounds, writing nothing", async () => {
    const ctx = { orgId: ids.org, actorUserId: ids.supB, ip: null };
    const before = await rowCounts(t.db);
    expect(await setReminderRule(t.db, ctx, { rule: "veto_pending", enabled: true, days: 3 })).toEqual({ ok: false, error: "not_allowed" });
    expect(await setReminderRule(t.db, ctx, { rule: "verification_waiting", enabled: true, days: 40 })).toEqual({ ok: false, error: "out_of_range" });
    expect(await setReminderRule(t.db, ctx, { rule: "no_such_rule", enabled: true, days: null })).toEqual({ ok: false, error: "invalid_rule" });
    expect(await setReminderRule(t.db, ctx, { rule: "veto_pending", enabled: true, days: null })).toEqual({ ok: true, changed: false });
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });

  it("follows the admin's settings: a rule switched off creates nothing, a longer wait defers the fix's reminder; audited", async () => {
    const ctx = { orgId: ids.org, actorUserId: ids.supB, ip: null };
    expect(await setReminderRule(t.db, ctx, { rule: "veto_pending", enabled: false, days: null })).toEqual({ ok: true, changed: true });
    expect(await setReminderRule(t.db, ctx, { rule: "verification_waiting", enabled: true, days: 5 })).toEqual({ ok: true, changed: true });
    expect((await reminderRulesOf(t.db, { orgId: ids.org })).filter((r) => r.rule === "veto_pending" || r.rule === "verification_waiting")).toEqual([
      { rule: "verification_waiting", enabled: true, days: 5 },
      { rule: "veto_pending", enabled: false, days: null },
    ]);
    // The 16th: the fix of the 12th has waited 4 days, not more than 5; the veto rule is off.
    expect((await runReminders(t.db, { orgId: ids.org, timeZone: SH, now: new Date("2026-07-16T03:00:00Z") })).created).toEqual({});
    // The 18th: the fix of the 12th has waited 6 days (both supervisors); that of the 13th 5, not more.
    expect((await runReminders(t.db, { orgId: ids.org, timeZone: SH, now: new Date("2026-07-18T03:00:00Z") })).created).toEqual({ verification_waiting: 2 });
    // The 19th: both, each to both supervisors.
    expect((await runReminders(t.db, { orgId: ids.org, timeZone: SH, now: new Date("2026-07-19T03:00:00Z") })).created).toEqual({ verification_waiting: 4 });
    const audits = await t.db.select({ before: auditLog.before, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.orgId, ids.org), eq(auditLog.action, "reminders.rule")));
    expect(audits).toContainEqual({ before: { rule: "veto_pending", enabled: true, days: null }, after: { rule: "veto_pending", enabled: false, days: null } });
    expect(await t.db.select().from(orgReminderRules).where(eq(orgReminderRules.orgId, ids.org))).toHaveLength(2);
  });
});
