/**
 * Vetoes on the contractor's phone (issue 14): the home lists the vetoes of
 * the own contractor's contracts (never another contractor's, never a
 * withdrawn one); the veto's page shows it with its rubric label, and takes
 * one appeal within the quarter's window (2026-Q3 closes 2026-10-13): another
 * contractor's veto is a 404 to read and to post, a second appeal a 409, a
 * missing reason a 400 — each writing nothing.
 */
process.env.KAOPING_CLOCK = "2026-07-20T04:00:00.000Z"; // noon in Asia/Shanghai: today is 2026-07-20

import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appeals } from "../../db/schema";
import { changed, load, rowCounts, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeMembership, makeOrg, makeUser, makeVetoEvent } from "../helpers/factories";
import { multipartRequest, tempUploads, type Part } from "../helpers/photos";
import { settle } from "../helpers/requests";
import type * as Page from "~/routes/contractor.vetoes.$id";
import type * as Home from "~/routes/contractor._index";

let route: typeof Page;
let home: typeof Home;
let t: TestDb;
let cookie: string;
let personId: string;
let uploads: Awaited<ReturnType<typeof tempUploads>>;
const ids = { mine: "", withdrawn: "", theirs: "" };
const ITEM = "property.veto.major-safety-accident";

beforeAll(async () => {
  t = await installAppDb();
  route = await import("~/routes/contractor.vetoes.$id");
  home = await import("~/routes/contractor._index");
  const org = await makeOrg(t.db);
  const mine = await makeContractor(t.db, { orgId: org.id });
  const theirs = await makeContractor(t.db, { orgId: org.id });
  const term = { orgId: org.id, startOn: "2026-01-01", endOn: "2026-12-31" };
  const myContract = await makeContract(t.db, { ...term, contractorId: mine.id, title: "综合楼物业服务" });
  const theirContract = await makeContract(t.db, { ...term, contractorId: theirs.id, title: "另一物业服务" });
  const veto = { orgId: org.id, itemId: ITEM, occurredOn: "2026-07-15", period: "2026-Q3" };
  ids.mine = (await makeVetoEvent(t.db, { ...veto, contractId: myContract.id, status: "confirmed", note: "配电间起火" })).id;
  ids.withdrawn = (await makeVetoEvent(t.db, { ...veto, contractId: myContract.id, status: "withdrawn", note: "已撤销的否决" })).id;
  ids.theirs = (await makeVetoEvent(t.db, { ...veto, contractId: theirContract.id, note: "另一企业的否决" })).id;
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

const path = (id: string) => `/contractor/vetoes/${id}`;
const appeal = (id: string, parts: Part[] = [{ name: "intent", value: "appeal" }, { name: "target", value: "veto" }, { name: "reason", value: "起火原因为市政线路故障" }]) =>
  settle(() => route.action({ request: multipartRequest(parts, { cookie, path: path(id) }), params: { id }, context: {} }));

describe("the contractor's vetoes", () => {
  it("lists the own contractor's vetoes that count on the home, with the rubric's label", async () => {
    const data = (await (await load(home.loader as never, "/contractor", cookie)).json()) as { vetoes: { id: string; itemLabel: { "zh-CN": string } | null }[] };
    expect(data.vetoes.map((v) => v.id)).toEqual([ids.mine]);
    expect(data.vetoes[0]!.itemLabel?.["zh-CN"]).toBe("因管理责任发生重大安全事故（火灾、人身伤害）");
    expect(JSON.stringify(data)).not.toContain("另一企业的否决");
  });

  it("opens the own veto with the appeal open until 10-13, and 404s another contractor's", async () => {
    const mine = await load(route.loader as never, path(ids.mine), cookie, { id: ids.mine });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ veto: { id: ids.mine, status: "confirmed" }, closesOn: "2026-10-13", refusal: null });
    expect((await load(route.loader as never, path(ids.theirs), cookie, { id: ids.theirs })).status).toBe(404);
    expect((await load(route.loader as never, path("no-such"), cookie, { id: "no-such" })).status).toBe(404);
  });

  it("refuses an appeal of another contractor's veto (404), without a reason (400), of a withdrawn veto (400), writing nothing", async () => {
    const before = await rowCounts(t.db);
    expect((await appeal(ids.theirs)).status).toBe(404);
    expect((await appeal(ids.mine, [{ name: "intent", value: "appeal" }, { name: "target", value: "veto" }, { name: "reason", value: "  " }])).status).toBe(400);
    expect((await appeal(ids.mine, [{ name: "intent", value: "appeal" }, { name: "target", value: "finding" }, { name: "reason", value: "理由" }])).status).toBe(400);
    expect((await appeal(ids.withdrawn)).status).toBe(400);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
    expect(await uploads.files()).toEqual([]);
  });

  it("files one appeal of the own veto; a second is refused with 409, writing nothing", async () => {
    const first = await appeal(ids.mine);
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe(`${path(ids.mine)}?done=appeal`);
    expect(await t.db.select().from(appeals).where(eq(appeals.vetoEventId, ids.mine))).toMatchObject([{ target: "veto", status: "pending", filedBy: personId, filedOn: "2026-07-20" }]);
    const after = await load(route.loader as never, path(ids.mine), cookie, { id: ids.mine });
    expect(await after.json()).toMatchObject({ refusal: "already", appeals: [{ target: "veto", status: "pending" }] });
    const before = await rowCounts(t.db);
    expect((await appeal(ids.mine)).status).toBe(409);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });
});
