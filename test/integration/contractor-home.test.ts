/**
 * The contractor person's home (issue 14): their own contractor's open and
 * overdue findings, overdue first, with item, photos and what lateness costs;
 * the live scores of the quarters still being written (the same as the
 * supervisor's score page), the finalised quarters with their deductions and
 * fee, and their own appeals — never another contractor's of the same
 * organisation; the centre's people get 403.
 */
process.env.KAOPING_CLOCK = "2026-07-20T04:00:00.000Z"; // noon in Asia/Shanghai: today is 2026-07-20

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finaliseQuarter } from "../../db/queries/scores/finalise";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { loader } from "~/routes/contractor._index";
import { load, member, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeAppeal, makeContract, makeContractor, makeEvidenceFile, makeFinding, makeMembership, makeOrg, makeUser } from "../helpers/factories";

let t: TestDb;
let contractorCookie: string;
let staffCookie: string;
const ids = { org: "", myContract: "", theirContract: "", overdue: "", dueLater: "", fixed: "", verified: "", others: "", photo: "", myAppeal: "", theirAppeal: "" };
const ITEM = "property.quality.cleaning-common-areas"; // minor 0.2, major 0.5; late × 1.5, overdue × 2

beforeAll(async () => {
  t = await installAppDb();
  const org = await makeOrg(t.db, { name: "甲机关服务中心" });
  const mine = await makeContractor(t.db, { orgId: org.id, name: "某物业公司" });
  const theirs = await makeContractor(t.db, { orgId: org.id, name: "另一物业公司" });
  const myContract = await makeContract(t.db, { orgId: org.id, contractorId: mine.id, title: "综合楼物业服务" });
  const theirContract = await makeContract(t.db, { orgId: org.id, contractorId: theirs.id, title: "食堂服务" });
  ids.org = org.id;
  ids.myContract = myContract.id;
  ids.theirContract = theirContract.id;
  const finding = (contractId: string, o: Record<string, string>) => makeFinding(t.db, { orgId: org.id, contractId, foundOn: "2026-07-10", itemId: ITEM, ...o });
  ids.dueLater = (await finding(myContract.id, { dueOn: "2026-07-25", note: "灯具损坏", severity: "minor" })).id;
  ids.overdue = (await finding(myContract.id, { dueOn: "2026-07-15", note: "楼道堆放杂物", severity: "major" })).id;
  ids.fixed = (await finding(myContract.id, { dueOn: "2026-07-17", status: "rectified", rectifiedOn: "2026-07-16", note: "已整改的问题" })).id;
  ids.verified = (await finding(myContract.id, { dueOn: "2026-07-12", status: "verified", rectifiedOn: "2026-07-11", verifiedOn: "2026-07-12", note: "已关闭的问题" })).id;
  ids.others = (await finding(theirContract.id, { dueOn: "2026-07-11", note: "另一企业的问题" })).id;
  const person = await makeUser(t.db, { name: "现场负责人" });
  await makeMembership(t.db, { orgId: org.id, userId: person.id, role: "contractor", contractorId: mine.id });
  const otherPerson = await makeUser(t.db, { name: "另一企业负责人" });
  await makeMembership(t.db, { orgId: org.id, userId: otherPerson.id, role: "contractor", contractorId: theirs.id });
  ids.photo = (await makeEvidenceFile(t.db, { orgId: org.id, findingId: ids.overdue })).id;
  ids.myAppeal = (await makeAppeal(t.db, { orgId: org.id, contractId: myContract.id, contractorId: mine.id, filedBy: person.id, target: "finding", findingId: ids.dueLater, reason: "灯具为业主自购" })).id;
  ids.theirAppeal = (await makeAppeal(t.db, { orgId: org.id, contractId: theirContract.id, contractorId: theirs.id, filedBy: otherPerson.id, target: "finding", findingId: ids.others, reason: "另一企业的申诉理由" })).id;
  // The previous quarter of both contracts finalised (no survey: provisional, justified).
  const supervisor = await member(t.db, org.id, "supervisor");
  const ctx = { orgId: org.id, actorUserId: supervisor.userId, ip: null };
  for (const contractId of [myContract.id, theirContract.id]) {
    const done = await finaliseQuarter(t.db, ctx, { contractId, period: "2026-Q2", today: "2026-07-20", overrideReason: null, provisionalJustification: "上季度未开展问卷" });
    expect(done).toMatchObject({ ok: true });
  }
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

  it("shows each open finding's item, photos and what lateness costs, scored by the rubric", async () => {
    const data = (await (await load(loader as never, "/contractor", contractorCookie)).json()) as {
      findings: { id: string; itemLabel: { "zh-CN": string } | null; photoIds: string[] }[];
      scores: { costs: Record<string, { now: number; inTime: number | null; late: number }> };
    };
    const overdue = data.findings.find((f) => f.id === ids.overdue)!;
    expect(overdue.itemLabel?.["zh-CN"]).toBe("楼道、卫生间、卫生死角保洁不到位");
    expect(overdue.photoIds).toEqual([ids.photo]);
    // Major 0.5: overdue now × 2, rectified today late × 1.5, no longer in time.
    expect(data.scores.costs[ids.overdue]).toEqual({ now: 1, inTime: null, late: 0.75 });
    // Minor 0.2, due in five days: 0.2 in time, 0.3 late, 0.2 as things stand.
    expect(data.scores.costs[ids.dueLater]).toEqual({ now: 0.2, inTime: 0.2, late: 0.3 });
    // Only open findings are costed (the rectified one waits for the check).
    expect(Object.keys(data.scores.costs).sort()).toEqual([ids.overdue, ids.dueLater].sort());
  });

  it("shows the quarter still being written live, as the supervisor's score page has it, and the finalised quarter with its fee", async () => {
    const data = (await (await load(loader as never, "/contractor", contractorCookie)).json()) as {
      scores: {
        live: { contractId: string; period: string; total: number; fee: { deductedFen: number } }[];
        finalised: { contractId: string; period: string; total: number; fee: { deductedFen: number; payableFen: number }; deductions: unknown[] }[];
      };
    };
    expect(data.scores.live.map((s) => [s.contractId, s.period])).toEqual([[ids.myContract, "2026-Q3"]]);
    const supervisorView = await getQuarterScore(t.db, { orgId: ids.org, contractId: ids.myContract, period: "2026-Q3", today: "2026-07-20" });
    expect(data.scores.live[0]).toMatchObject({ total: supervisorView!.score.total, fee: { deductedFen: supervisorView!.fee.deductedFen } });
    expect(data.scores.finalised.map((s) => [s.contractId, s.period])).toEqual([[ids.myContract, "2026-Q2"]]);
    const snapshot = await getQuarterScore(t.db, { orgId: ids.org, contractId: ids.myContract, period: "2026-Q2", today: "2026-07-20" });
    expect(snapshot!.source).toBe("snapshot");
    expect(data.scores.finalised[0]).toMatchObject({ total: snapshot!.score.total, fee: { deductedFen: snapshot!.fee.deductedFen, payableFen: snapshot!.fee.payableFen } });
    // No survey that quarter: the satisfaction dimension's loss is among the deductions.
    expect(data.scores.finalised[0]!.deductions.length).toBeGreaterThan(0);
  });

  it("lists the contractor's own appeals only", async () => {
    const data = (await (await load(loader as never, "/contractor", contractorCookie)).json()) as { appeals: { id: string }[] };
    expect(data.appeals.map((a) => a.id)).toEqual([ids.myAppeal]);
    expect(JSON.stringify(data)).not.toContain("另一企业的申诉理由");
  });

  it("is the contractor's page only: staff get 403", async () => {
    expect((await load(loader as never, "/contractor", staffCookie)).status).toBe(403);
  });
});
