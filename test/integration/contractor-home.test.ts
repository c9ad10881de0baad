/**
 * The contractor person's home (issue 14): their own contractor's open and
 * overdue findings, overdue first, and never another contractor's of the same
 * organisation; the centre's people get 403.
 */
process.env.KAOPING_CLOCK = "2026-07-20T04:00:00.000Z"; // noon in Asia/Shanghai: today is 2026-07-20

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader } from "~/routes/contractor._index";
import { load, member, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeFinding, makeMembership, makeOrg, makeUser } from "../helpers/factories";

let t: TestDb;
let contractorCookie: string;
let staffCookie: string;
const ids = { overdue: "", dueLater: "", fixed: "", verified: "", others: "" };

beforeAll(async () => {
  t = await installAppDb();
  const org = await makeOrg(t.db, { name: "甲机关服务中心" });
  const mine = await makeContractor(t.db, { orgId: org.id, name: "某物业公司" });
  const theirs = await makeContractor(t.db, { orgId: org.id, name: "另一物业公司" });
  const myContract = await makeContract(t.db, { orgId: org.id, contractorId: mine.id, title: "综合楼物业服务" });
  const theirContract = await makeContract(t.db, { orgId: org.id, contractorId: theirs.id, title: "食堂服务" });
  const finding = (contractId: string, o: Record<string, string>) => makeFinding(t.db, { orgId: org.id, contractId, foundOn: "2026-07-10", ...o });
  ids.dueLater = (await finding(myContract.id, { dueOn: "2026-07-25", note: "灯具损坏" })).id;
  ids.overdue = (await finding(myContract.id, { dueOn: "2026-07-15", note: "楼道堆放杂物" })).id;
  ids.fixed = (await finding(myContract.id, { dueOn: "2026-07-17", status: "rectified", rectifiedOn: "2026-07-16", note: "已整改的问题" })).id;
  ids.verified = (await finding(myContract.id, { dueOn: "2026-07-12", status: "verified", rectifiedOn: "2026-07-11", verifiedOn: "2026-07-12", note: "已关闭的问题" })).id;
  ids.others = (await finding(theirContract.id, { dueOn: "2026-07-11", note: "另一企业的问题" })).id;
  const person = await makeUser(t.db, { name: "现场负责人" });
  await makeMembership(t.db, { orgId: org.id, userId: person.id, role: "contractor", contractorId: mine.id });
  contractorCookie = await signIn(person.id, org.id);
  staffCookie = (await member(t.db, org.id, "staff")).cookie;
});
afterAll(async () => t?.cleanup());

describe("the contractor home", () => {
  it("lists the own contractor's open findings overdue first, then fixes awaiting the check; nothing closed, nothing of another contractor", async () => {
    const response = await load(loader as never, "/contractor", contractorCookie);
    expect(response.status).toBe(200);
    const data = (await response.json()) as { contractorName: string; findings: { id: string; overdueDays: number; awaitsVerification: boolean }[] };
    expect(data.contractorName).toBe("某物业公司");
    expect(data.findings.map((f) => f.id)).toEqual([ids.overdue, ids.fixed, ids.dueLater]);
    expect(data.findings[0]).toMatchObject({ overdueDays: 5, awaitsVerification: false });
    expect(data.findings.find((f) => f.id === ids.fixed)).toMatchObject({ overdueDays: 0, awaitsVerification: true });
    expect(JSON.stringify(data)).not.toContain("另一企业的问题");
  });

  it("is the contractor's page only: staff get 403", async () => {
    expect((await load(loader as never, "/contractor", staffCookie)).status).toBe(403);
  });
});
