/**
 * The scheduler inside the server (issue 15): its first pass on start creates
 * each organisation's reminders for its own day; a restart and a second
 * process starting at the same moment (two clients on one database file)
 * create nothing twice.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { notifications } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeFinding, makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { remindAll, startReminderScheduler } from "../../server/reminders-scheduler";

let t: TestDb;
const ids = { shanghai: "", utc: "" };
// 16:30 UTC on the 14th: the 15th in Shanghai, still the 14th in UTC.
const NOW = new Date("2026-07-14T16:30:00Z");

async function orgWithFindingDue(timeZone: string, dueOn: string) {
  const org = await makeOrg(t.db, { timeZone });
  const contractor = await makeContractor(t.db, { orgId: org.id });
  const contract = await makeContract(t.db, { orgId: org.id, contractorId: contractor.id });
  const person = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: person.id, role: "contractor", contractorId: contractor.id });
  await makeFinding(t.db, { orgId: org.id, contractId: contract.id, foundOn: "2026-07-10", dueOn });
  return org.id;
}

beforeAll(async () => {
  t = await createTestDb();
  ids.shanghai = await orgWithFindingDue("Asia/Shanghai", "2026-07-16");
  ids.utc = await orgWithFindingDue("UTC", "2026-07-16");
});
afterAll(async () => t?.cleanup());

const reminded = (orgId: string) => t.db.select({ rule: notifications.rule, day: notifications.day }).from(notifications).where(eq(notifications.orgId, orgId));

describe("the reminder scheduler", () => {
  it("runs every organisation in its own zone: Shanghai's finding is due tomorrow, UTC's not yet", async () => {
    const lines: string[] = [];
    const results = await remindAll(t.db, NOW, (l) => lines.push(l));
    expect(lines).toEqual([]);
    expect(results[ids.shanghai]).toMatchObject({ day: "2026-07-15", created: { finding_due_tomorrow: 1 } });
    expect(results[ids.utc]).toMatchObject({ day: "2026-07-14" });
    expect(await reminded(ids.shanghai)).toEqual([{ rule: "finding_due_tomorrow", day: "2026-07-15" }]);
    expect(await reminded(ids.utc)).toEqual([]);
  });

  it("creates nothing twice across a restart and two processes starting at once", async () => {
    const second = createDb({ url: t.url });
    await second.ready;
    try {
      const a = startReminderScheduler({ db: () => t.db, now: () => NOW, pattern: "0 0 1 1 *", log: () => undefined });
      const b = startReminderScheduler({ db: () => second.db, now: () => NOW, pattern: "0 0 1 1 *", log: () => undefined });
      await Promise.all([a.ready, b.ready]);
      a.stop();
      b.stop();
      const restarted = startReminderScheduler({ db: () => t.db, now: () => NOW, pattern: "0 0 1 1 *", log: () => undefined });
      await restarted.ready;
      restarted.stop();
    } finally {
      second.client.close();
    }
    expect(await reminded(ids.shanghai)).toHaveLength(1);
    // A later hour in UTC's own 15th: now its finding is due tomorrow there too, once.
    await remindAll(t.db, new Date("2026-07-15T09:00:00Z"));
    await remindAll(t.db, new Date("2026-07-15T09:15:00Z"));
    expect(await reminded(ids.utc)).toEqual([{ rule: "finding_due_tomorrow", day: "2026-07-15" }]);
  });
});
