/**
 * The inbox page (issue 15): a person sees their own notifications in the
 * organisation they are signed in to, unread first; opening one marks it read
 * and goes to its page; another person's is a 404 that changes nothing;
 * "mark all read" empties the badge; malformed bodies are 400s. The root
 * loader's badge counts the unread ones.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../db/schema";
import { changed, load, post, rowCounts, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { action, loader } from "~/routes/inbox";
import { loader as rootLoader } from "~/root";

let t: TestDb;
let cookie: string;
let otherCookie: string;
const ids = { org: "", me: "", older: "", newer: "", others: "", elsewhere: "" };

beforeAll(async () => {
  t = await installAppDb();
  const org = await makeOrg(t.db);
  const otherOrg = await makeOrg(t.db);
  const me = await makeUser(t.db);
  const other = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: me.id, role: "supervisor" });
  await makeMembership(t.db, { orgId: otherOrg.id, userId: me.id, role: "supervisor" });
  await makeMembership(t.db, { orgId: org.id, userId: other.id, role: "supervisor" });
  const note = (orgId: string, userId: string, objectId: string, createdAt: string) => ({
    orgId,
    userId,
    rule: "finding_overdue" as const,
    objectKind: "finding",
    objectId,
    day: "2026-07-16",
    link: `/supervisor/findings/${objectId}`,
    params: { contract: "综合楼物业服务", note: `问题 ${objectId}`, dueOn: "2026-07-15" },
    createdAt,
  });
  const [older, newer, others, elsewhere] = await t.db
    .insert(notifications)
    .values([
      note(org.id, me.id, "f-older", "2026-07-16T00:01:00.000Z"),
      note(org.id, me.id, "f-newer", "2026-07-16T00:02:00.000Z"),
      note(org.id, other.id, "f-others", "2026-07-16T00:03:00.000Z"),
      note(otherOrg.id, me.id, "f-elsewhere", "2026-07-16T00:04:00.000Z"),
    ])
    .returning({ id: notifications.id });
  Object.assign(ids, { org: org.id, me: me.id, older: older!.id, newer: newer!.id, others: others!.id, elsewhere: elsewhere!.id });
  cookie = await signIn(me.id, org.id);
  otherCookie = await signIn(other.id, org.id);
});
afterAll(async () => t?.cleanup());

const inbox = async (c = cookie) => ((await (await load(loader as never, "/inbox", c)).json()) as { inbox: { rows: { id: string; readAt: string | null }[] } }).inbox.rows;
const badge = async (c = cookie) => ((await (await load(rootLoader as never, "/", c)).json()) as { viewer: { unread: number } }).viewer.unread;

describe("the inbox", () => {
  it("lists the person's own notifications of this organisation, newest first, and the badge counts them", async () => {
    expect((await inbox()).map((r) => r.id)).toEqual([ids.newer, ids.older]);
    expect(await badge()).toBe(2);
  });

  it("opens a notification: marked read, sent to its page, listed after the unread ones", async () => {
    const response = await post(action as never, "/inbox", { intent: "open", id: ids.newer }, cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/supervisor/findings/f-newer");
    expect((await inbox()).map((r) => [r.id, r.readAt !== null])).toEqual([
      [ids.older, false],
      [ids.newer, true],
    ]);
    expect(await badge()).toBe(1);
  });

  it("refuses another person's and another organisation's notification with 404, changing nothing", async () => {
    const before = await t.db.select().from(notifications);
    expect((await post(action as never, "/inbox", { intent: "open", id: ids.others }, cookie)).status).toBe(404);
    expect((await post(action as never, "/inbox", { intent: "open", id: ids.elsewhere }, cookie)).status).toBe(404);
    expect(await t.db.select().from(notifications)).toEqual(before);
  });

  it("answers malformed bodies with 400, writing nothing", async () => {
    const counts = await rowCounts(t.db);
    expect((await post(action as never, "/inbox", { intent: "open" }, cookie)).status).toBe(400);
    expect((await post(action as never, "/inbox", { intent: "delete", id: ids.older }, cookie)).status).toBe(400);
    expect((await post(action as never, "/inbox", { intent: ["open", "readAll"], id: ids.older }, cookie)).status).toBe(400);
    expect(changed(counts, await rowCounts(t.db))).toEqual({});
  });

  it("marks all read: the badge is empty, the other person's stays unread", async () => {
    const response = await post(action as never, "/inbox", { intent: "readAll" }, cookie);
    expect(response.headers.get("Location")).toBe("/inbox?done=readAll");
    expect(await badge()).toBe(0);
    expect(await badge(otherCookie)).toBe(1);
    const [elsewhere] = await t.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, ids.elsewhere));
    expect(elsewhere!.readAt).toBeNull();
  });
});
