/**
 * The event routes end to end (action → data layer → uploads folder): a
 * refused veto leaves no photo behind and writes nothing (the lock: only its
 * audit row); a recorded one keeps its photo; the recorder's confirmation is
 * refused, a second supervisor's accepted; another organisation's event is 404.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { addDays, periodOfDate } from "../../scoring/dates";
import { body, changed, keyOf, member, post, rowCounts, startAdminApp, type AdminApp, type SignedIn } from "../helpers/admin-request";
import { makeContract, makeContractQuarter, makeVetoEvent } from "../helpers/factories";
import { multipartRequest, photoParts, plainImage, tempUploads } from "../helpers/photos";
import { settle } from "../helpers/requests";

const VETO = "property.veto.major-safety-accident";
let app: AdminApp;
let uploads: Awaited<ReturnType<typeof tempUploads>>;
let recorder: SignedIn;
let second: SignedIn;
let contractId: string;
let photo: Buffer;
const today = todayIn("Asia/Shanghai", new Date());

beforeAll(async () => {
  uploads = await tempUploads();
  photo = await plainImage(640, 480);
});
afterAll(async () => uploads.cleanup());
beforeEach(async () => {
  app = await startAdminApp();
  recorder = await member(app.t.db, app.admin.orgId, "supervisor");
  second = await member(app.t.db, app.admin.orgId, "supervisor");
  contractId = (await makeContract(app.t.db, { orgId: app.admin.orgId, startOn: "2020-01-01", endOn: "2035-12-31" })).id;
});
afterEach(async () => app.cleanup());

async function recordVia(fields: Record<string, string>, cookie = recorder.cookie) {
  const { action } = await import("~/routes/supervisor.events.new");
  const parts = [...Object.entries(fields).map(([name, value]) => ({ name, value })), ...photoParts([{ bytes: photo }])];
  const request = multipartRequest(parts, { cookie, path: "/supervisor/events/new" });
  return settle(() => action({ request, params: {}, context: { clientIp: "203.0.113.7" } }));
}
const veto = (o: Record<string, string> = {}) => ({ kind: "veto", contractId, itemId: VETO, occurredOn: today, note: "食堂事故", ...o });

describe("/supervisor/events/new", () => {
  it("records a veto with its photo and redirects to it", async () => {
    const before = await rowCounts(app.t.db);
    const response = await recordVia(veto());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/supervisor\/events\/[^?]+\?kind=veto$/);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ veto_events: 1, evidence_files: 1, audit_log: 1, contract_quarters: 1 }); // the first event opens the quarter
    expect((await uploads.files()).filter((f) => f.endsWith(".jpg"))).toHaveLength(2);
  });

  it("refuses a veto in a finalised quarter: only the refusal's audit row, no file left", async () => {
    await makeContractQuarter(app.t.db, { orgId: app.admin.orgId, contractId, period: periodOfDate(today), status: "finalised", revision: 1 });
    const filesBefore = await uploads.files();
    const before = await rowCounts(app.t.db);
    const response = await recordVia(veto());
    expect(response.status).toBe(400);
    expect(keyOf([(await body(response)).formError ?? ""])).toBe("events.errors.quarterLocked");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ audit_log: 1 });
    expect(await uploads.files()).toEqual(filesBefore);
  });

  it("refuses an item of another service type, a forged contract and a bad day, writing nothing", async () => {
    const forged = (await makeContract(app.t.db, { orgId: app.other.orgId })).id;
    const cases: [Record<string, string>, string, string][] = [
      [{ itemId: "catering.veto.food-poisoning" }, "itemId", "events.errors.itemNotInRubric"],
      [{ contractId: forged }, "contractId", "events.errors.contractNotFound"],
      [{ occurredOn: addDays(today, 1) }, "occurredOn", "events.errors.inFuture"],
      [{ occurredOn: "2019-12-31" }, "occurredOn", "events.errors.outsideTerm"],
      [{ occurredOn: "2026-02-30" }, "occurredOn", "form.invalidDate"],
      [{ note: "" }, "note", "form.required"],
      [{ kind: "other" }, "kind", "form.choose"],
    ];
    const filesBefore = await uploads.files();
    const before = await rowCounts(app.t.db);
    for (const [change, field, key] of cases) {
      const response = await recordVia(veto(change));
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(keyOf((await body(response)).fieldErrors[field])).toBe(key);
    }
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    expect(await uploads.files()).toEqual(filesBefore);
  });

  it("is for supervisors and admins only", async () => {
    const staff = await member(app.t.db, app.admin.orgId, "staff");
    expect((await recordVia(veto(), staff.cookie)).status).toBe(403);
  });
});

describe("/supervisor/events/:id", () => {
  it("refuses the recorder's confirmation, accepts a second supervisor's, and 404s another organisation's veto", async () => {
    const { action } = await import("~/routes/supervisor.events.$id");
    const mine = await makeVetoEvent(app.t.db, { orgId: app.admin.orgId, contractId, recordedBy: recorder.userId, itemId: VETO, occurredOn: today, period: periodOfDate(today) });
    const path = `/supervisor/events/${mine.id}?kind=veto`;
    const before = await rowCounts(app.t.db);
    const own = await post(action, path, { intent: "confirm" }, recorder.cookie, { id: mine.id });
    expect(own.status).toBe(403);
    expect(keyOf([(await body(own)).formError ?? ""])).toBe("events.errors.notAllowed");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});

    const ok = await post(action, path, { intent: "confirm" }, second.cookie, { id: mine.id });
    expect(ok.status).toBe(302);
    const again = await post(action, path, { intent: "confirm" }, app.admin.cookie, { id: mine.id });
    expect(again.status).toBe(409);

    const noReason = await post(action, path, { intent: "withdraw", reason: " " }, second.cookie, { id: mine.id });
    expect(noReason.status).toBe(400);
    expect(keyOf((await body(noReason)).fieldErrors.reason)).toBe("events.errors.reasonRequired");

    const theirs = await makeVetoEvent(app.t.db, { orgId: app.other.orgId });
    const foreign = await post(action, `/supervisor/events/${theirs.id}`, { intent: "confirm" }, second.cookie, { id: theirs.id });
    expect(foreign.status).toBe(404);
  });
});
