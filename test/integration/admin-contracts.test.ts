/**
 * The contract pages' actions: the payment rule comes from form fields (a
 * step table or "below N pays (base + total) %"), money from yuan text;
 * every bad input is a 400 naming the field and writes nothing; a good one
 * writes the contract, its sites and one audit entry together.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, contracts, contractSites } from "../../db/schema";
import { body, changed, keyOf, load, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeContract, makeContractor, makeContractQuarter, makeSite, makeSurveyCampaign } from "../helpers/factories";
import { action as editAction, loader as editLoader } from "~/routes/admin.contracts.$id";
import { loader as listLoader } from "~/routes/admin.contracts._index";
import { action as newAction } from "~/routes/admin.contracts.new";

let app: AdminApp;
let contractorId: string;
let siteIds: string[];

beforeAll(async () => {
  app = await startAdminApp();
  contractorId = (await makeContractor(app.t.db, { orgId: app.admin.orgId, name: "百味团膳有限公司" })).id;
  siteIds = [(await makeSite(app.t.db, { orgId: app.admin.orgId, name: "东食堂" })).id, (await makeSite(app.t.db, { orgId: app.admin.orgId, name: "一号楼" })).id];
});
afterAll(async () => app?.cleanup());

type Fields = Record<string, string | string[]>;
const stepFields = (steps: [string, string][]): Fields =>
  Object.fromEntries(steps.flatMap(([min, pct], i) => [[`steps.${i}.minTotal`, min], [`steps.${i}.percent`, pct]]));

/** A valid contract form; an override with step fields replaces the whole default table. */
const fields = (o: Fields = {}): Fields => ({
  ...(Object.keys(o).some((k) => k.startsWith("steps.")) ? {} : stepFields([["90", "100"], ["80", "97"], ["60", "90"], ["0", "80"]])),
  intent: "save",
  contractorId,
  serviceType: "catering",
  title: "东食堂餐饮服务合同",
  code: "",
  startOn: "2026-01-01",
  endOn: "2028-12-31",
  annualValue: "1,280,000.50",
  siteIds: siteIds.slice(0, 1),
  paymentKind: "steps",
  threshold: "90",
  base: "10",
  vetoPercent: "70",
  ...o,
});

async function expectRefused(action: typeof newAction, path: string, f: Fields, field: string, key: string, params: Record<string, string> = {}) {
  const before = await rowCounts(app.t.db);
  const response = await post(action, path, f, app.admin.cookie, params);
  const answer = await body(response);
  expect(response.status, JSON.stringify(answer)).toBe(400);
  expect(keyOf(answer.fieldErrors[field]), JSON.stringify(answer.fieldErrors)).toBe(key);
  expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  return answer;
}

describe("new contract", () => {
  it("creates the contract with a step table, its sites and one audit entry", async () => {
    const before = await rowCounts(app.t.db);
    const response = await post(newAction, "/admin/contracts/new", fields({ siteIds, ...stepFields([["0", "80"], ["90", "100"], ["", ""], ["60", "90.5"]]) }), app.admin.cookie);
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.match(/^\/admin\/contracts\/([^?]+)\?done=created$/)![1]!;
    const [row] = await app.t.db.select().from(contracts).where(eq(contracts.id, id));
    expect(row).toMatchObject({
      orgId: app.admin.orgId,
      contractorId,
      serviceType: "catering",
      annualValueFen: 128_000_050,
      // No quarterly fee field posted: a quarter of the annual value.
      quarterlyFeeFen: null,
      status: "active",
      code: null,
      // Blank rows dropped, highest step first.
      paymentRule: { kind: "steps", steps: [{ minTotal: 90, percent: 100 }, { minTotal: 60, percent: 90.5 }, { minTotal: 0, percent: 80 }], vetoPercent: 70 },
    });
    expect((await app.t.db.select().from(contractSites).where(eq(contractSites.contractId, id))).map((s) => s.siteId).sort()).toEqual([...siteIds].sort());
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ contracts: 1, contract_sites: 2, audit_log: 1 });
    const [entry] = await app.t.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(entry).toMatchObject({ action: "contract.create", actorUserId: app.admin.userId });
  });

  it("creates a contract with a linear rule", async () => {
    const response = await post(newAction, "/admin/contracts/new", fields({ paymentKind: "linear_below", vetoPercent: "", title: "线性规则合同" }), app.admin.cookie);
    expect(response.status).toBe(302);
    const [row] = await app.t.db.select().from(contracts).where(eq(contracts.title, "线性规则合同"));
    expect(row!.paymentRule).toEqual({ kind: "linear_below", threshold: 90, base: 10 });
  });

  it("stores the contract's own quarterly fee in fen exactly, and an empty one as null", async () => {
    for (const [quarterlyFee, fen, title] of [
      ["320,000.07", 32_000_007, "季度服务费合同"],
      ["0.29", 29, "两角九分合同"], // not 28 through floating point
      ["0", 0, "零服务费合同"],
      ["", null, "空服务费合同"],
      ["  ", null, "空白服务费合同"],
    ] as const) {
      const response = await post(newAction, "/admin/contracts/new", fields({ quarterlyFee, title }), app.admin.cookie);
      expect(response.status, title).toBe(302);
      const [row] = await app.t.db.select().from(contracts).where(eq(contracts.title, title));
      expect(row!.quarterlyFeeFen, title).toBe(fen);
      const [entry] = await app.t.db.select().from(auditLog).where(eq(auditLog.entityId, row!.id));
      expect(entry!.after, title).toMatchObject({ quarterlyFeeFen: fen });
    }
  });

  it.each([
    ["a negative quarterly fee", { quarterlyFee: "-1" }, "quarterlyFee", "admin.errors.moneyNegative"],
    ["a quarterly fee in words", { quarterlyFee: "三十万" }, "quarterlyFee", "admin.errors.moneyFormat"],
    ["a quarterly fee with three decimals", { quarterlyFee: "300000.001" }, "quarterlyFee", "admin.errors.moneyDecimals"],
    ["a quarterly fee beyond what the annual value allows", { quarterlyFee: "10000000000" }, "quarterlyFee", "admin.errors.moneyMax"],
    ["a quarterly fee posted twice", { quarterlyFee: ["1", "2"] }, "quarterlyFee", "admin.errors.moneyFormat"],
    ["a step table without a 0 step", stepFields([["90", "100"], ["60", "90"]]), "steps", "admin.errors.stepsNeedZero"],
    ["a step percent over 100", stepFields([["90", "120"], ["0", "80"]]), "steps.0.percent", "admin.errors.number0to100"],
    ["a step that is not a number", stepFields([["90", "100"], ["六十", "90"], ["0", "80"]]), "steps.1.minTotal", "admin.errors.number0to100"],
    ["two steps starting at the same total", stepFields([["60", "100"], ["60", "90"], ["0", "80"]]), "steps.1.minTotal", "admin.errors.stepDuplicate"],
    ["a higher score paying less", stepFields([["90", "85"], ["0", "90"]]), "steps.0.percent", "admin.errors.stepNotMonotonic"],
    ["an empty step table", stepFields([["", ""]]), "steps", "admin.errors.stepsEmpty"],
    ["a linear rule without threshold", { paymentKind: "linear_below", threshold: "" }, "threshold", "form.required"],
    ["a veto percent over 100", { vetoPercent: "150" }, "vetoPercent", "admin.errors.number0to100"],
    ["an end before the start", { startOn: "2026-06-01", endOn: "2026-05-31" }, "endOn", "admin.errors.endBeforeStart"],
    ["an impossible date", { startOn: "2026-02-30" }, "startOn", "form.invalidDate"],
    ["money with three decimals", { annualValue: "1000.505" }, "annualValue", "admin.errors.moneyDecimals"],
    ["negative money", { annualValue: "-5" }, "annualValue", "admin.errors.moneyNegative"],
    ["money in words", { annualValue: "一百万" }, "annualValue", "admin.errors.moneyFormat"],
    ["no site", { siteIds: [] }, "siteIds", "admin.errors.chooseSites"],
    ["no contractor", { contractorId: "" }, "contractorId", "admin.errors.chooseContractor"],
    ["an unknown service type", { serviceType: "laundry" }, "serviceType", "admin.errors.chooseServiceType"],
    ["no title", { title: "" }, "title", "form.required"],
  ] as [string, Fields, string, string][])("refuses %s with 400 and writes nothing", async (_what, override, field, key) => {
    await expectRefused(newAction, "/admin/contracts/new", fields(override), field, key);
  });

  it("says which rows clash and what the end date must follow", async () => {
    const clash = await expectRefused(newAction, "/admin/contracts/new", fields(stepFields([["60", "100"], ["60", "90"], ["0", "80"]])), "steps.1.minTotal", "admin.errors.stepDuplicate");
    expect(clash.fieldErrors["steps.1.minTotal"]).toEqual(['admin.errors.stepDuplicate|{"row":1,"value":60}']);
    const term = await expectRefused(newAction, "/admin/contracts/new", fields({ startOn: "2026-06-01", endOn: "2026-05-31" }), "endOn", "admin.errors.endBeforeStart");
    expect(term.fieldErrors.endOn).toEqual(['admin.errors.endBeforeStart|{"startOn":"2026-06-01"}']);
  });

  it("refuses a duplicate contract number", async () => {
    await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId, code: "HT-2026-007" });
    await expectRefused(newAction, "/admin/contracts/new", fields({ code: "HT-2026-007" }), "code", "admin.errors.duplicateContractCode");
  });

  it("refuses an archived contractor", async () => {
    const archived = await makeContractor(app.t.db, { orgId: app.admin.orgId, archivedAt: "2026-01-01T00:00:00.000Z" });
    await expectRefused(newAction, "/admin/contracts/new", fields({ contractorId: archived.id }), "contractorId", "admin.errors.contractorArchived");
  });

  it("is 404 for another organisation's contractor or site, and writes nothing", async () => {
    const theirContractor = await makeContractor(app.t.db, { orgId: app.other.orgId });
    const theirSite = await makeSite(app.t.db, { orgId: app.other.orgId });
    const before = await rowCounts(app.t.db);
    expect((await post(newAction, "/admin/contracts/new", fields({ contractorId: theirContractor.id }), app.admin.cookie)).status).toBe(404);
    expect((await post(newAction, "/admin/contracts/new", fields({ siteIds: [siteIds[0]!, theirSite.id] }), app.admin.cookie)).status).toBe(404);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("a contract's page", () => {
  it("updates the contract and replaces its sites in one audited write", async () => {
    const contract = await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId, serviceType: "catering" });
    const before = await rowCounts(app.t.db);
    const response = await post(
      editAction,
      `/admin/contracts/${contract.id}`,
      fields({ title: "改名的合同", siteIds: [siteIds[1]!], status: "ended", paymentKind: "linear_below", threshold: "85", base: "12.5" }),
      app.admin.cookie,
      { id: contract.id },
    );
    expect(response.status).toBe(302);
    const [row] = await app.t.db.select().from(contracts).where(eq(contracts.id, contract.id));
    expect(row).toMatchObject({ title: "改名的合同", status: "ended", paymentRule: { kind: "linear_below", threshold: 85, base: 12.5, vetoPercent: 70 } });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ contract_sites: 1, audit_log: 1 });
    const loaded = await (await load(editLoader, `/admin/contracts/${contract.id}`, app.admin.cookie, { id: contract.id })).json();
    expect(loaded.contract.siteIds).toEqual([siteIds[1]]);
  });

  it("sets, shows and clears the contract's own quarterly fee", async () => {
    const contract = await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId, serviceType: "catering" });
    const path = `/admin/contracts/${contract.id}`;
    const before = await rowCounts(app.t.db);
    expect((await post(editAction, path, fields({ quarterlyFee: "1,234.5" }), app.admin.cookie, { id: contract.id })).status).toBe(302);
    const [row] = await app.t.db.select().from(contracts).where(eq(contracts.id, contract.id));
    expect(row!.quarterlyFeeFen).toBe(123_450);
    const [entry] = await app.t.db.select().from(auditLog).where(eq(auditLog.entityId, contract.id));
    expect(entry).toMatchObject({ action: "contract.update", after: { quarterlyFeeFen: 123_450 } });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ contract_sites: 1, audit_log: 1 });
    const loaded = await (await load(editLoader, path, app.admin.cookie, { id: contract.id })).json();
    expect(loaded.contract.quarterlyFeeFen).toBe(123_450);
    // Emptied: back to a quarter of the annual value.
    expect((await post(editAction, path, fields({ quarterlyFee: "" }), app.admin.cookie, { id: contract.id })).status).toBe(302);
    const [cleared] = await app.t.db.select().from(contracts).where(eq(contracts.id, contract.id));
    expect(cleared!.quarterlyFeeFen).toBeNull();
  });

  it.each([
    ["a negative quarterly fee", "-0.01", "admin.errors.moneyNegative"],
    ["a malformed quarterly fee", "1.2.3", "admin.errors.moneyFormat"],
  ])("refuses %s on update with 400 and keeps the stored fee", async (_what, quarterlyFee, key) => {
    const contract = await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId, serviceType: "catering", quarterlyFeeFen: 500 });
    const answer = await expectRefused(editAction, `/admin/contracts/${contract.id}`, fields({ quarterlyFee }), "quarterlyFee", key, { id: contract.id });
    // The posted text comes back for the form to show again.
    expect((answer as { values?: Record<string, unknown> }).values?.quarterlyFee).toBe(quarterlyFee);
    const [row] = await app.t.db.select().from(contracts).where(eq(contracts.id, contract.id));
    expect(row!.quarterlyFeeFen).toBe(500);
  });

  it("keeps the service type of a contract with history", async () => {
    const contract = await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId, serviceType: "catering" });
    await makeContractQuarter(app.t.db, { orgId: app.admin.orgId, contractId: contract.id });
    await expectRefused(editAction, `/admin/contracts/${contract.id}`, fields({ serviceType: "property" }), "serviceType", "admin.errors.lockedServiceType", { id: contract.id });
  });

  it("refuses to delete a contract with quarters and surveys, listing them", async () => {
    const contract = await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId });
    await makeContractQuarter(app.t.db, { orgId: app.admin.orgId, contractId: contract.id });
    await makeSurveyCampaign(app.t.db, { orgId: app.admin.orgId, contractId: contract.id });
    const before = await rowCounts(app.t.db);
    const response = await post(editAction, `/admin/contracts/${contract.id}`, { intent: "delete" }, app.admin.cookie, { id: contract.id });
    expect(response.status).toBe(409);
    const answer = await body(response);
    expect(keyOf([answer.formError!])).toBe("admin.errors.contractInUse");
    expect(answer.usedBy).toMatchObject({ quarters: 1, campaigns: 1, scores: 0 });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    // Archiving is the way out.
    expect((await post(editAction, `/admin/contracts/${contract.id}`, { intent: "archive" }, app.admin.cookie, { id: contract.id })).status).toBe(302);
  });

  it("is 404 for another organisation's contract, which stays as it was", async () => {
    const theirs = await makeContract(app.t.db, { orgId: app.other.orgId });
    expect((await load(editLoader, `/admin/contracts/${theirs.id}`, app.admin.cookie, { id: theirs.id })).status).toBe(404);
    const before = await rowCounts(app.t.db);
    for (const f of [fields(), { intent: "archive" }, { intent: "delete" }]) {
      expect((await post(editAction, `/admin/contracts/${theirs.id}`, f, app.admin.cookie, { id: theirs.id })).status).toBe(404);
    }
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("the contract list", () => {
  it("finds a contract by title, number or contractor name", async () => {
    await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId, title: "会议中心会务保障合同", code: "HY-01" });
    for (const q of ["会务保障", "HY-01", "百味团膳"]) {
      const page = await (await load(listLoader, `/admin/contracts?q=${encodeURIComponent(q)}`, app.admin.cookie)).json();
      expect(page.rows.map((r: { title: string }) => r.title), q).toContain("会议中心会务保障合同");
    }
    const none = await (await load(listLoader, "/admin/contracts?q=%25", app.admin.cookie)).json();
    expect(none.total).toBe(0);
  });
});
