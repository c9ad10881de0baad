/**
 * The quarter's score page and its sheet, called as Remix calls them: 404 for
 * another organisation's contract or a period that is not one, staff refused,
 * and the finalise / reopen action — a draft finalised as revision 1 (snapshot
 * written, redirect), refused with its message and nothing written while a
 * veto is pending without an override reason or while provisional without a
 * justification, reopen needing a reason, a malformed body a 400 — and a
 * finalised quarter's page showing its snapshot after a finding changes.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { quarterScores, findings } from "../../db/schema";
import { buildQuarterInput } from "../../db/queries/scores/input";
import { now } from "../../db/time";
import { addDays, periodOfDate, periodStart, previousPeriod } from "../../scoring/dates";
import { scoreQuarter } from "../../scoring/index";
import { changed, keyOf, load, member, post, rowCounts, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeEvidenceFile, makeFinding, makeOrg, makeVetoEvent } from "../helpers/factories";
import type * as ScorePage from "~/routes/supervisor.scores.$contractId.$period._index";
import type * as ScoreSheet from "~/routes/supervisor.scores.$contractId.$period.sheet";

let page: typeof ScorePage;
let sheet: typeof ScoreSheet;
let t: TestDb;
let sup: SignedIn;
let staff: SignedIn;
const today = todayIn("Asia/Shanghai", now());
/** Last quarter: ended, so a `draft` until finalised. */
const draft = previousPeriod(periodOfDate(today));
const found = addDays(periodStart(draft), 3);

beforeAll(async () => {
  t = await installAppDb();
  page = await import("~/routes/supervisor.scores.$contractId.$period._index");
  sheet = await import("~/routes/supervisor.scores.$contractId.$period.sheet");
  const org = await makeOrg(t.db);
  sup = await member(t.db, org.id, "supervisor");
  staff = await member(t.db, org.id, "staff");
});
afterAll(async () => t?.cleanup());

/** A contract with one overdue finding (with a photo) in last quarter. */
async function contractWithFinding() {
  const contract = await makeContract(t.db, { orgId: sup.orgId, serviceType: "property", startOn: "2020-01-01", endOn: "2099-12-31" });
  const finding = await makeFinding(t.db, { orgId: sup.orgId, contractId: contract.id, period: draft, itemId: "property.quality.cleaning-common-areas", foundOn: found, dueOn: addDays(found, 2), severity: "major", createdBy: sup.userId });
  const photo = await makeEvidenceFile(t.db, { orgId: sup.orgId, findingId: finding.id, uploadedBy: sup.userId });
  return { contract, finding, photo };
}
const pathOf = (contractId: string, period = draft) => `/supervisor/scores/${contractId}/${period}`;
const params = (contractId: string, period = draft) => ({ contractId, period });
const act = (contractId: string, fields: Record<string, string>, who = sup) => post(page.action as never, pathOf(contractId), fields, who.cookie, params(contractId));

type View = {
  state: string;
  source: string;
  asOf: string;
  score: { total: number; provisional: boolean; dimensions: { deductions: { findingId?: string; points: number }[] }[] };
  findings: Record<string, { photoId: string | null }>;
  revisions: { revision: number; createdOn: string; reason: string | null }[];
};
async function viewOf(contractId: string): Promise<View> {
  const res = await load(page.loader as never, pathOf(contractId), sup.cookie, params(contractId));
  expect(res.status).toBe(200);
  return ((await res.json()) as { view: View }).view;
}
const deducted = (v: View) => v.score.dimensions.flatMap((d) => d.deductions.map((x) => x.findingId));

describe("the quarter's score page", () => {
  it("shows last quarter's draft live with the finding behind its deduction; the sheet loads the same score", async () => {
    const { contract, finding, photo } = await contractWithFinding();
    const v = await viewOf(contract.id);
    expect(v).toMatchObject({ state: "draft", source: "live", asOf: today });
    expect(deducted(v)).toContain(finding.id);
    expect(v.findings[finding.id]?.photoId).toBe(photo.id);
    const s = await load(sheet.loader as never, `${pathOf(contract.id)}/sheet`, sup.cookie, params(contract.id));
    expect(s.status).toBe(200);
    expect(((await s.json()) as { view: View }).view.score.total).toBe(v.score.total);
  });

  it("another organisation's contract and a period that is not one are 404 on the page, the sheet and the action; staff get 403", async () => {
    const foreign = await makeContract(t.db, { orgId: (await makeOrg(t.db)).id });
    const { contract } = await contractWithFinding();
    const before = await rowCounts(t.db);
    for (const [id, period] of [
      [foreign.id, draft],
      [contract.id, "2026-Q5"],
      [contract.id, "2026Q3"],
      ["no-such-contract", draft],
    ] as const) {
      expect((await load(page.loader as never, pathOf(id, period), sup.cookie, params(id, period))).status).toBe(404);
      expect((await load(sheet.loader as never, `${pathOf(id, period)}/sheet`, sup.cookie, params(id, period))).status).toBe(404);
      const res = await post(page.action as never, pathOf(id, period), { intent: "finalise", provisionalJustification: "无问卷", overrideReason: "x" }, sup.cookie, params(id, period));
      expect(res.status).toBe(404);
    }
    expect((await load(page.loader as never, pathOf(contract.id), staff.cookie, params(contract.id))).status).toBe(403);
    expect((await act(contract.id, { intent: "finalise", provisionalJustification: "无问卷" }, staff)).status).toBe(403);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });
});

describe("finalise and reopen", () => {
  it("finalises a draft as revision 1: snapshot and audit written, redirected with the status", async () => {
    const { contract } = await contractWithFinding();
    const live = await viewOf(contract.id);
    const before = await rowCounts(t.db);
    const res = await act(contract.id, { intent: "finalise", provisionalJustification: "本季度未开展问卷" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${pathOf(contract.id)}?done=finalise&revision=1`);
    expect(changed(before, await rowCounts(t.db))).toEqual({ quarter_scores: 1, contract_quarters: 1, audit_log: 1 });
    const [snap] = await t.db.select().from(quarterScores).where(eq(quarterScores.contractId, contract.id));
    expect(snap).toMatchObject({ revision: 1, asOf: today, total: live.score.total, provisionalJustification: "本季度未开展问卷", overrideReason: null });
    const v = await viewOf(contract.id);
    expect(v).toMatchObject({ state: "finalised", source: "snapshot" });
    expect(v.revisions.map((r) => r.revision)).toEqual([1]);
  });

  it("refuses without an override reason while a veto is pending: 400 with its message, nothing written", async () => {
    const { contract } = await contractWithFinding();
    await makeVetoEvent(t.db, { orgId: sup.orgId, contractId: contract.id, period: draft, occurredOn: found, status: "pending", recordedBy: sup.userId });
    const before = await rowCounts(t.db);
    for (const overrideReason of [undefined, "   "]) {
      const res = await act(contract.id, { intent: "finalise", provisionalJustification: "无问卷", ...(overrideReason === undefined ? {} : { overrideReason }) });
      expect(res.status).toBe(400);
      expect(keyOf(((await res.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.overrideReason)).toBe("quarter.errors.overrideRequired");
    }
    expect(changed(before, await rowCounts(t.db))).toEqual({});
    const ok = await act(contract.id, { intent: "finalise", provisionalJustification: "无问卷", overrideReason: "否决事项另案处理" });
    expect(ok.status).toBe(302);
    const [snap] = await t.db.select().from(quarterScores).where(eq(quarterScores.contractId, contract.id));
    expect(snap?.overrideReason).toBe("否决事项另案处理");
  });

  it("refuses a provisional quarter without a written justification: 400 with its message, nothing written", async () => {
    const { contract } = await contractWithFinding();
    expect((await viewOf(contract.id)).score.provisional).toBe(true); // no campaign
    const before = await rowCounts(t.db);
    const res = await act(contract.id, { intent: "finalise", provisionalJustification: "" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string[]>; intent: string };
    expect(keyOf(body.fieldErrors.provisionalJustification)).toBe("quarter.errors.justificationRequired");
    expect(body.intent).toBe("finalise");
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });

  it("reopen needs a reason; with one the quarter reopens and finalising again makes revision 2 with the reason", async () => {
    const { contract } = await contractWithFinding();
    expect((await act(contract.id, { intent: "finalise", provisionalJustification: "无问卷" })).status).toBe(302);
    const before = await rowCounts(t.db);
    for (const fields of [{ intent: "reopen" }, { intent: "reopen", reason: "  " }, { intent: "reopen", reason: "x".repeat(1001) }] as Record<string, string>[]) {
      const res = await act(contract.id, fields);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.reason).toBeDefined();
    }
    expect(changed(before, await rowCounts(t.db))).toEqual({});
    const reopened = await act(contract.id, { intent: "reopen", reason: "扣分项目录入错误" });
    expect(reopened.headers.get("Location")).toBe(`${pathOf(contract.id)}?done=reopen`);
    expect((await viewOf(contract.id)).state).toBe("reopened");
    // Reopening a quarter that is not finalised is refused with its message.
    const again = await act(contract.id, { intent: "reopen", reason: "再次" });
    expect(again.status).toBe(409);
    expect(keyOf([((await again.json()) as { formError: string }).formError])).toBe("quarter.errors.notFinalised");
    expect((await act(contract.id, { intent: "finalise", provisionalJustification: "无问卷" })).headers.get("Location")).toBe(`${pathOf(contract.id)}?done=finalise&revision=2`);
    const v = await viewOf(contract.id);
    expect(v.revisions.map((r) => [r.revision, r.reason])).toEqual([
      [1, null],
      [2, "扣分项目录入错误"],
    ]);
    // Finalising a finalised quarter is refused.
    const twice = await act(contract.id, { intent: "finalise", provisionalJustification: "无问卷" });
    expect(twice.status).toBe(409);
    expect(keyOf([((await twice.json()) as { formError: string }).formError])).toBe("quarter.errors.alreadyFinalised");
  });

  it("a malformed body, an unknown intent or a text over the limit is a 400, nothing written", async () => {
    const { contract } = await contractWithFinding();
    const before = await rowCounts(t.db);
    const bodies: Record<string, string>[] = [{}, { intent: "delete" }, { intent: "finalise", provisionalJustification: "x".repeat(1001) }, { intent: "finalise", overrideReason: "a\u0001b" }];
    for (const fields of bodies) {
      expect((await act(contract.id, fields)).status).toBe(400);
    }
    const json = await page.action({
      request: new Request(`http://localhost:3000${pathOf(contract.id)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "http://localhost:3000", Cookie: sup.cookie },
        body: JSON.stringify({ intent: "finalise" }),
      }),
      params: params(contract.id),
      context: {},
    } as never);
    expect((json as { init?: { status?: number } }).init?.status).toBe(400);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });

  it("a finalised quarter's page shows its snapshot after a finding is fixed and verified: nothing recomputed", async () => {
    const { contract, finding } = await contractWithFinding();
    expect((await act(contract.id, { intent: "finalise", provisionalJustification: "无问卷" })).status).toBe(302);
    const final = await viewOf(contract.id);
    // The fix recorded in time (rectification still records in a locked quarter), and verified.
    await t.db
      .update(findings)
      .set({ status: "verified", rectifiedOn: addDays(found, 1), verifiedOn: today })
      .where(and(eq(findings.id, finding.id), eq(findings.orgId, sup.orgId)));
    // Recomputed now, the score would differ: the deduction is no longer overdue.
    const built = await buildQuarterInput(t.db, { orgId: sup.orgId, contractId: contract.id, period: draft, asOf: today });
    expect(scoreQuarter(built!.rubric, built!.input).total).not.toBe(final.score.total);
    const after = await viewOf(contract.id);
    expect(after).toMatchObject({ source: "snapshot", state: "finalised" });
    expect(after.score).toEqual(final.score);
  });
});
