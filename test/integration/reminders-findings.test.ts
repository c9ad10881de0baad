/**
 * The findings' reminders stored once (issue 15): due tomorrow and overdue,
 * to the contractor's people (their portal link) and the inspector (the
 * supervisor's link) — never another contractor's people; the same run twice
 * and two processes at once create each reminder exactly once; after downtime
 * an overdue finding is reminded once, on the day the scheduler runs again.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { findingReminders, storeReminders } from "../../db/queries/reminders";
import { notifications } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeFinding, makeMembership, makeOrg, makeUser } from "../helpers/factories";

let t: TestDb;
const ids = { org: "", inspector: "", person: "", otherPerson: "", dueTomorrow: "", overdue: "", later: "" };
const rules = { dueTomorrow: true, overdue: true };

beforeAll(async () => {
  t = await createTestDb();
  const org = await makeOrg(t.db);
  ids.org = org.id;
  const mine = await makeContractor(t.db, { orgId: org.id });
  const theirs = await makeContractor(t.db, { orgId: org.id });
  const contract = await makeContract(t.db, { orgId: org.id, contractorId: mine.id, title: "综合楼物业服务" });
  await makeContract(t.db, { orgId: org.id, contractorId: theirs.id });
  const inspector = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: inspector.id, role: "supervisor" });
  const person = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: person.id, role: "contractor", contractorId: mine.id });
  const otherPerson = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: otherPerson.id, role: "contractor", contractorId: theirs.id });
  Object.assign(ids, { inspector: inspector.id, person: person.id, otherPerson: otherPerson.id });
  const finding = (dueOn: string) => makeFinding(t.db, { orgId: org.id, contractId: contract.id, foundOn: "2026-07-10", dueOn, createdBy: inspector.id });
  ids.dueTomorrow = (await finding("2026-07-16")).id;
  ids.overdue = (await finding("2026-07-14")).id;
  ids.later = (await finding("2026-07-30")).id;
});
afterAll(async () => t?.cleanup());

const run = async (db: typeof t.db, day: string) => storeReminders(db, { orgId: ids.org, day, candidates: await findingReminders(db, { orgId: ids.org, today: day, rules }) });
const stored = () => t.db.select({ userId: notifications.userId, rule: notifications.rule, objectId: notifications.objectId, day: notifications.day, link: notifications.link }).from(notifications).where(eq(notifications.orgId, ids.org));

describe("finding reminders", () => {
  it("remind the contractor's people and the inspector of tomorrow's deadline and of the overdue finding, each with their own link", async () => {
    const candidates = await findingReminders(t.db, { orgId: ids.org, today: "2026-07-15", rules });
    const seen = candidates.map((c) => `${c.rule} ${c.objectId === ids.dueTomorrow ? "dueTomorrow" : c.objectId === ids.overdue ? "overdue" : "?"} ${c.userId === ids.person ? "person" : c.userId === ids.inspector ? "inspector" : "someone else"} ${c.link}`);
    expect(seen.sort()).toEqual(
      [
        `finding_due_tomorrow dueTomorrow person /contractor/findings/${ids.dueTomorrow}`,
        `finding_due_tomorrow dueTomorrow inspector /supervisor/findings/${ids.dueTomorrow}`,
        `finding_overdue overdue person /contractor/findings/${ids.overdue}`,
        `finding_overdue overdue inspector /supervisor/findings/${ids.overdue}`,
      ].sort(),
    );
    expect(candidates.some((c) => c.userId === ids.otherPerson)).toBe(false);
  });

  it("store each once: the same run twice, and two processes at once, create four reminders in all", async () => {
    expect(await run(t.db, "2026-07-15")).toBe(4);
    expect(await run(t.db, "2026-07-15")).toBe(0);
    const second = createDb({ url: t.url });
    await second.ready;
    try {
      const both = await Promise.all([run(t.db, "2026-07-15"), run(second.db, "2026-07-15")]);
      expect(both).toEqual([0, 0]);
    } finally {
      second.client.close();
    }
    expect(await stored()).toHaveLength(4);
  });

  it("after downtime, remind an overdue finding once, not once per missed day", async () => {
    // Down from the 16th to the 19th: tomorrow's deadline (the 16th) passed unseen; it is overdue now.
    expect(await run(t.db, "2026-07-19")).toBe(2);
    expect((await stored()).filter((n) => n.day === "2026-07-19").map((n) => [n.rule, n.objectId])).toEqual([
      ["finding_overdue", ids.dueTomorrow],
      ["finding_overdue", ids.dueTomorrow],
    ]);
    expect(await run(t.db, "2026-07-20")).toBe(0);
  });

  it("create two processes' first run at once exactly once", async () => {
    const second = createDb({ url: t.url });
    await second.ready;
    try {
      // The 29th: the last finding is due tomorrow; both processes race to store it.
      const both = await Promise.all([run(t.db, "2026-07-29"), run(second.db, "2026-07-29")]);
      expect(both.reduce((a, b) => a + b, 0)).toBe(2);
    } finally {
      second.client.close();
    }
    expect((await stored()).filter((n) => n.objectId === ids.later)).toHaveLength(2);
  });
});
