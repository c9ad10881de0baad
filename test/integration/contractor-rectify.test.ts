/**
 * Rectification from the contractor's phone (issue 14): on their own
 * contractor's open finding a contractor person reports the fix with a photo
 * (the fix, its evidence and the audit written, the person as the actor; the
 * supervisor then verifies it). Another contractor's finding in the same
 * organisation is a 404 to read and to post, writing nothing; a contractor
 * cannot take the supervisor's steps (verify) — the form has only the fix.
 */
process.env.KAOPING_CLOCK = "2026-07-20T04:00:00.000Z"; // noon in Asia/Shanghai: today is 2026-07-20

import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appeals, findingEvents, findings } from "../../db/schema";
import { changed, load, rowCounts, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeFinding, makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { multipartRequest, noisyImage, photoParts, tempUploads, type Part } from "../helpers/photos";
import { settle } from "../helpers/requests";
import type * as Page from "~/routes/contractor.findings.$id";

let route: typeof Page;
let t: TestDb;
let cookie: string;
let personId: string;
let uploads: Awaited<ReturnType<typeof tempUploads>>;
const ids = { mine: "", theirs: "" };

beforeAll(async () => {
  t = await installAppDb();
  route = await import("~/routes/contractor.findings.$id");
  const org = await makeOrg(t.db);
  const mine = await makeContractor(t.db, { orgId: org.id });
  const theirs = await makeContractor(t.db, { orgId: org.id });
  const open = { orgId: org.id, foundOn: "2026-07-18", dueOn: "2026-07-21", period: "2026-Q3" };
  ids.mine = (await makeFinding(t.db, { ...open, contractId: (await makeContract(t.db, { orgId: org.id, contractorId: mine.id, startOn: "2026-01-01", endOn: "2026-12-31" })).id })).id;
  ids.theirs = (await makeFinding(t.db, { ...open, contractId: (await makeContract(t.db, { orgId: org.id, contractorId: theirs.id, startOn: "2026-01-01", endOn: "2026-12-31" })).id })).id;
  const person = await makeUser(t.db, { name: "现场负责人" });
  personId = person.id;
  await makeMembership(t.db, { orgId: org.id, userId: person.id, role: "contractor", contractorId: mine.id });
  cookie = await signIn(person.id, org.id);
});
afterAll(async () => t?.cleanup());
beforeEach(async () => {
  uploads = await tempUploads();
});
afterEach(async () => uploads.cleanup());

const path = (id: string) => `/contractor/findings/${id}`;
async function postFix(id: string, extra: { name: string; value: string }[] = [], withPhoto = true) {
  const parts: Part[] = [{ name: "intent", value: "rectify" }, { name: "fixedOn", value: "2026-07-20" }, { name: "note", value: "已清理完毕" }, ...extra];
  if (withPhoto) parts.push(...photoParts([{ bytes: await noisyImage(400, 300) }]));
  return settle(() => route.action({ request: multipartRequest(parts, { cookie, path: path(id) }), params: { id }, context: {} }));
}

describe("the contractor's finding page", () => {
  it("opens the own contractor's finding, and 404s another contractor's", async () => {
    expect((await load(route.loader as never, path(ids.mine), cookie, { id: ids.mine })).status).toBe(200);
    expect((await load(route.loader as never, path(ids.theirs), cookie, { id: ids.theirs })).status).toBe(404);
    expect((await load(route.loader as never, path("no-such"), cookie, { id: "no-such" })).status).toBe(404);
  });

  it("refuses a post on another contractor's finding with 404 and writes nothing, no file either", async () => {
    const before = await rowCounts(t.db);
    expect((await postFix(ids.theirs)).status).toBe(404);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
    expect(await uploads.files()).toEqual([]);
  });

  it("refuses a fix without a photo, and the supervisor's verify step, with 400, writing nothing", async () => {
    const before = await rowCounts(t.db);
    expect((await postFix(ids.mine, [], false)).status).toBe(400);
    const verify = await settle(() =>
      route.action({ request: multipartRequest([{ name: "intent", value: "verify" }], { cookie, path: path(ids.mine) }), params: { id: ids.mine }, context: {} }),
    );
    expect(verify.status).toBe(400);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });

  it("records the fix with its photo, the contractor person as the actor, awaiting verification", async () => {
    const before = await rowCounts(t.db);
    const res = await postFix(ids.mine);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${path(ids.mine)}?done=rectify`);
    expect(changed(before, await rowCounts(t.db))).toEqual({ finding_events: 1, evidence_files: 1, audit_log: 1 });
    const [row] = await t.db.select().from(findings).where(eq(findings.id, ids.mine));
    expect(row).toMatchObject({ status: "rectified", rectifiedOn: "2026-07-20" });
    const [event] = await t.db.select().from(findingEvents).where(and(eq(findingEvents.findingId, ids.mine), eq(findingEvents.kind, "rectified")));
    expect(event).toMatchObject({ byUserId: personId, note: "已清理完毕" });
    // Reported once: the form is gone and a second post is refused.
    expect((await postFix(ids.mine)).status).toBeGreaterThanOrEqual(400);
  });

  it("files an appeal of the own finding within the window (2026-Q3 closes 10-13), once: a second is refused with 409, writing nothing", async () => {
    const appeal = (id: string) =>
      settle(() =>
        route.action({
          request: multipartRequest([{ name: "intent", value: "appeal" }, { name: "target", value: "finding" }, { name: "reason", value: "现场照片显示并无杂物" }], { cookie, path: path(id) }),
          params: { id },
          context: {},
        }),
      );
    expect((await appeal(ids.theirs)).status).toBe(404);
    const first = await appeal(ids.mine);
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe(`${path(ids.mine)}?done=appeal`);
    expect(await t.db.select().from(appeals).where(eq(appeals.findingId, ids.mine))).toMatchObject([{ target: "finding", status: "pending", filedBy: personId, filedOn: "2026-07-20" }]);
    const before = await rowCounts(t.db);
    expect((await appeal(ids.mine)).status).toBe(409);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });
});
