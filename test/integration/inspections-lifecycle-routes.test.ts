/**
 * The finding page's action and the notices' loaders, called as Remix calls
 * them: each form parsed by the same schema (bad input 400 with its message
 * key, nothing written), the fix stored with its photo, a refused fix leaving
 * no file in the uploads folder, the locked quarter's refusal, another
 * organisation's finding and inspection answering 404.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changed, keyOf, load, member, post, rowCounts, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractQuarter, makeFinding, makeOrg } from "../helpers/factories";
import { multipartRequest, noisyImage, photoParts, tempUploads } from "../helpers/photos";
import { settle } from "../helpers/requests";
import { todayIn } from "../../domain/days";
import { now } from "../../db/time";
import type * as FindingPage from "~/routes/supervisor.findings.$id._index";
import type * as FindingNotice from "~/routes/supervisor.findings.$id.notice";
import type * as InspectionNotice from "~/routes/supervisor.inspections.$id_.notice";

type Route = typeof FindingPage;
let route: Route;
let findingNotice: typeof FindingNotice;
let inspectionNotice: typeof InspectionNotice;
let t: TestDb;
let sup: SignedIn;
let staff: SignedIn;
let uploads: Awaited<ReturnType<typeof tempUploads>>;
const today = todayIn("Asia/Shanghai", now());

beforeAll(async () => {
  t = await installAppDb();
  route = await import("~/routes/supervisor.findings.$id._index");
  findingNotice = await import("~/routes/supervisor.findings.$id.notice");
  inspectionNotice = await import("~/routes/supervisor.inspections.$id_.notice");
  const org = await makeOrg(t.db);
  sup = await member(t.db, org.id, "supervisor");
  staff = await member(t.db, org.id, "staff");
});
afterAll(async () => t?.cleanup());
beforeEach(async () => {
  uploads = await tempUploads();
});
afterEach(async () => uploads.cleanup());

/** An open finding found today (its quarter open unless a test locks it). */
async function openFinding(o: { period?: string; repeatOfId?: string } = {}) {
  const contract = await makeContract(t.db, { orgId: sup.orgId, startOn: "2020-01-01", endOn: "2099-12-31" });
  const period = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  return makeFinding(t.db, { orgId: sup.orgId, contractId: contract.id, foundOn: today, dueOn: today, period, createdBy: sup.userId, ...o });
}
const path = (id: string) => `/supervisor/findings/${id}`;
const act = (id: string, fields: Record<string, string>) => post(route.action as never, path(id), fields, sup.cookie, { id });

describe("the finding page's action", () => {
  it("records a fix with a photo (stored file and evidence row) and redirects", async () => {
    const f = await openFinding();
    const parts = [
      { name: "intent", value: "rectify" },
      { name: "fixedOn", value: today },
      { name: "note", value: "已清扫" },
      ...photoParts([{ bytes: await noisyImage(400, 300) }]),
    ];
    const before = await rowCounts(t.db);
    const res = await settle(() => route.action({ request: multipartRequest(parts, { cookie: sup.cookie, path: path(f.id) }), params: { id: f.id }, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${path(f.id)}?done=rectify`);
    expect(changed(before, await rowCounts(t.db))).toEqual({ finding_events: 1, evidence_files: 1, audit_log: 1 });
    expect((await uploads.files()).filter((n) => n.endsWith(".jpg"))).toHaveLength(2); // the photo and its thumbnail
  });

  it("a fix without a photo, or with a day before the finding, is a 400 with its message and writes no row and no file", async () => {
    const f = await openFinding();
    const before = await rowCounts(t.db);
    const noPhoto = await act(f.id, { intent: "rectify", fixedOn: today, note: "已清扫" });
    expect(noPhoto.status).toBe(400);
    expect(keyOf(((await noPhoto.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.photos)).toBe("findings.errors.photoRequired");

    const parts = [
      { name: "intent", value: "rectify" },
      { name: "fixedOn", value: "2000-01-01" },
      { name: "note", value: "已清扫" },
      ...photoParts([{ bytes: await noisyImage(400, 300) }]),
    ];
    const early = await settle(() => route.action({ request: multipartRequest(parts, { cookie: sup.cookie, path: path(f.id) }), params: { id: f.id }, context: {} }));
    expect(early.status).toBe(400);
    expect(keyOf(((await early.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.fixedOn)).toBe("findings.errors.fixedBeforeFound");
    expect(changed(before, await rowCounts(t.db))).toEqual({});
    expect((await uploads.files()).filter((n) => n.endsWith(".jpg"))).toEqual([]);
  });

  it("bad input of each form is a 400 with its message key and writes nothing", async () => {
    const f = await openFinding();
    const before = await rowCounts(t.db);
    for (const [fields, field, key] of [
      [{ intent: "withdraw", reason: "  " }, "reason", "form.required"],
      [{ intent: "clear_repeat" }, "reason", "form.required"],
      [{ intent: "rectify", fixedOn: "2026-02-30", note: "x" }, "fixedOn", "findings.errors.fixedOn"],
      [{ intent: "verify", note: "x".repeat(1001) }, "note", "form.tooLong"],
    ] as const) {
      const res = await act(f.id, fields);
      expect(res.status).toBe(400);
      expect(keyOf(((await res.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors[field])).toBe(key);
    }
    const unknown = await act(f.id, { intent: "delete" });
    expect(unknown.status).toBe(400);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });

  it("a step the state does not allow is refused with its message (409), nothing written", async () => {
    const f = await openFinding();
    const before = await rowCounts(t.db);
    const res = await act(f.id, { intent: "verify" });
    expect(res.status).toBe(409);
    expect(keyOf([((await res.json()) as { formError: string }).formError])).toBe("findings.errors.notAllowed");
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });

  it("withdrawal in a finalised quarter is refused with the lock message and one audit row; the page says it is locked", async () => {
    const f = await openFinding();
    await makeContractQuarter(t.db, { orgId: sup.orgId, contractId: f.contractId, period: f.period, status: "finalised", revision: 1 });
    const before = await rowCounts(t.db);
    const res = await act(f.id, { intent: "withdraw", reason: "误录" });
    expect(res.status).toBe(409);
    expect(keyOf([((await res.json()) as { formError: string }).formError])).toBe("findings.errors.quarterLocked");
    expect(changed(before, await rowCounts(t.db))).toEqual({ audit_log: 1 });
    const page = await load(route.loader as never, path(f.id), sup.cookie, { id: f.id });
    const body = (await page.json()) as { finding: { quarterWritable: boolean; actions: string[] } };
    expect(body.finding).toMatchObject({ quarterWritable: false, actions: ["rectify"] });
  });

  it("withdraws with a reason and redirects", async () => {
    const f = await openFinding();
    const res = await act(f.id, { intent: "withdraw", reason: "误录" });
    expect(res.headers.get("Location")).toBe(`${path(f.id)}?done=withdraw`);
  });

  it("another organisation's finding (or inspection) is a 404 on the page, its action and both notices; staff get 403", async () => {
    const other = await makeFinding(t.db, { orgId: (await makeOrg(t.db)).id });
    const mine = await openFinding();
    const before = await rowCounts(t.db);
    expect((await act(other.id, { intent: "withdraw", reason: "越权" })).status).toBe(404);
    expect((await load(route.loader as never, path(other.id), sup.cookie, { id: other.id })).status).toBe(404);
    expect((await load(findingNotice.loader as never, `${path(other.id)}/notice`, sup.cookie, { id: other.id })).status).toBe(404);
    expect(
      (await load(inspectionNotice.loader as never, `/supervisor/inspections/${other.inspectionId}/notice`, sup.cookie, { id: other.inspectionId })).status,
    ).toBe(404);
    expect((await post(route.action as never, path(mine.id), { intent: "withdraw", reason: "x" }, staff.cookie, { id: mine.id })).status).toBe(403);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });

  it("the notices of a finding and of its inspection load for the organisation", async () => {
    const f = await openFinding();
    const one = await load(findingNotice.loader as never, `${path(f.id)}/notice`, sup.cookie, { id: f.id });
    expect(((await one.json()) as { finding: { id: string } }).finding.id).toBe(f.id);
    const all = await load(inspectionNotice.loader as never, `/supervisor/inspections/${f.inspectionId}/notice`, sup.cookie, { id: f.inspectionId });
    expect(((await all.json()) as { findings: { id: string }[] }).findings.map((x) => x.id)).toEqual([f.id]);
  });
});
