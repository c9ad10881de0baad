/**
 * The supervisor's appeal pages end to end (route → data layer): role, another
 * organisation's appeal is 404, bad input is 400 with its message key and
 * writes nothing, an upheld decision redirects and withdraws the finding, a
 * finalised quarter answers 409 "reopen first".
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { periodOfDate } from "../../scoring/dates";
import { body, changed, keyOf, load, member, post, rowCounts, startAdminApp, type AdminApp, type SignedIn } from "../helpers/admin-request";
import { makeAppeal, makeContract, makeContractor, makeContractQuarter, makeFinding } from "../helpers/factories";

let app: AdminApp;
let sup: SignedIn;
let staff: SignedIn;
let contractId: string;
let contractorId: string;
const today = todayIn("Asia/Shanghai", new Date());
const period = periodOfDate(today);

beforeEach(async () => {
  app = await startAdminApp();
  sup = await member(app.t.db, app.admin.orgId, "supervisor");
  staff = await member(app.t.db, app.admin.orgId, "staff");
  contractorId = (await makeContractor(app.t.db, { orgId: app.admin.orgId })).id;
  contractId = (await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId, startOn: "2020-01-01", endOn: "2035-12-31" })).id;
});
afterEach(async () => app.cleanup());

async function pendingAppeal(orgId = app.admin.orgId, contract = contractId, contractor = contractorId) {
  const f = await makeFinding(app.t.db, { orgId, contractId: contract, period, foundOn: today, dueOn: today, severity: "major", itemId: "property.quality.cleaning-common-areas" });
  const a = await makeAppeal(app.t.db, { orgId, contractId: contract, contractorId: contractor, filedBy: sup.userId, target: "finding", findingId: f.id, period, filedOn: today });
  return { findingId: f.id, appealId: a.id };
}

describe("/supervisor/appeals", () => {
  it("lists the organisation's appeals for a supervisor, and refuses staff", async () => {
    const { loader } = await import("~/routes/supervisor.appeals._index");
    const { appealId } = await pendingAppeal();
    const ok = await load(loader, "/supervisor/appeals?status=pending", sup.cookie);
    expect(ok.status).toBe(200);
    const data = (await ok.json()) as { appeals: { rows: { id: string }[] } };
    expect(data.appeals.rows.map((r) => r.id)).toEqual([appealId]);
    const refused = await load(loader, "/supervisor/appeals", staff.cookie);
    expect(refused.status).toBe(403);
  });
});

describe("/supervisor/appeals/:id", () => {
  it("another organisation's appeal is 404 on the page and the action, and nothing is written", async () => {
    const { loader, action } = await import("~/routes/supervisor.appeals.$id");
    const otherContractor = (await makeContractor(app.t.db, { orgId: app.other.orgId })).id;
    const otherContract = (await makeContract(app.t.db, { orgId: app.other.orgId, contractorId: otherContractor })).id;
    const theirs = await pendingAppeal(app.other.orgId, otherContract, otherContractor);
    expect((await load(loader, `/supervisor/appeals/${theirs.appealId}`, sup.cookie, { id: theirs.appealId })).status).toBe(404);
    const before = await rowCounts(app.t.db);
    const r = await post(action, `/supervisor/appeals/${theirs.appealId}`, { decision: "uphold", outcome: "withdraw", reason: "越权" }, sup.cookie, { id: theirs.appealId });
    expect(r.status).toBe(404);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("bad input answers 400 with its message and writes nothing; staff get 403", async () => {
    const { action } = await import("~/routes/supervisor.appeals.$id");
    const { appealId } = await pendingAppeal();
    const path = `/supervisor/appeals/${appealId}`;
    const before = await rowCounts(app.t.db);
    const noReason = await post(action, path, { decision: "uphold", outcome: "withdraw", reason: "  " }, sup.cookie, { id: appealId });
    expect(noReason.status).toBe(400);
    expect(keyOf((await body(noReason)).fieldErrors.reason)).toBe("form.required");
    const noDecision = await post(action, path, { reason: "理由" }, sup.cookie, { id: appealId });
    expect(noDecision.status).toBe(400);
    expect(keyOf((await body(noDecision)).fieldErrors.decision)).toBe("appeals.errors.decision");
    const badOutcome = await post(action, path, { decision: "uphold", outcome: "lower:critical", reason: "理由" }, sup.cookie, { id: appealId });
    expect(badOutcome.status).toBe(400);
    // major → major is not milder: the data layer refuses it.
    const notMilder = await post(action, path, { decision: "uphold", outcome: "lower:major", reason: "理由" }, sup.cookie, { id: appealId });
    expect(notMilder.status).toBe(400);
    expect(keyOf([(await body(notMilder)).formError ?? ""])).toBe("appeals.errors.invalid");
    expect((await post(action, path, { decision: "dismiss", reason: "理由" }, staff.cookie, { id: appealId })).status).toBe(403);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("upholds (the finding withdrawn) and redirects; a second decision is 409", async () => {
    const { action, loader } = await import("~/routes/supervisor.appeals.$id");
    const { appealId, findingId } = await pendingAppeal();
    const path = `/supervisor/appeals/${appealId}`;
    const r = await post(action, path, { decision: "uphold", outcome: "withdraw", reason: "照片属实" }, sup.cookie, { id: appealId });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toContain(`${path}?done=upheld`);
    const page = (await (await load(loader, path, sup.cookie, { id: appealId })).json()) as { appeal: { status: string; outcome: string; finding: { id: string; status: string } } };
    expect(page.appeal).toMatchObject({ status: "upheld", outcome: "finding_withdrawn", finding: { id: findingId, status: "withdrawn" } });
    const again = await post(action, path, { decision: "dismiss", reason: "再次" }, sup.cookie, { id: appealId });
    expect(again.status).toBe(409);
    expect(keyOf([(await body(again)).formError ?? ""])).toBe("appeals.errors.alreadyDecided");
  });

  it("a finalised quarter answers 409 'reopen first' and the page says so", async () => {
    const { action, loader } = await import("~/routes/supervisor.appeals.$id");
    const { appealId } = await pendingAppeal();
    await makeContractQuarter(app.t.db, { orgId: app.admin.orgId, contractId, period, status: "finalised", revision: 1 });
    const page = (await (await load(loader, `/supervisor/appeals/${appealId}`, sup.cookie, { id: appealId })).json()) as { appeal: { quarterWritable: boolean } };
    expect(page.appeal.quarterWritable).toBe(false);
    const r = await post(action, `/supervisor/appeals/${appealId}`, { decision: "dismiss", reason: "理由" }, sup.cookie, { id: appealId });
    expect(r.status).toBe(409);
    expect(keyOf([(await body(r)).formError ?? ""])).toBe("appeals.errors.quarterLocked");
  });
});
