/**
 * A first end-to-end pass through the quarter's score: live, finalised
 * (snapshot and lock), reopened and finalised again as revision 2 with the
 * first revision's asOf.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { recordFinding } from "../../db/queries/inspections/record";
import { rectifyFinding, verifyFinding } from "../../db/queries/inspections/lifecycle";
import { finaliseQuarter, reopenQuarter } from "../../db/queries/scores/finalise";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractSite, makeMembership, makeOrg, makeSite, makeUser } from "../helpers/factories";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

it("live → finalised → reopened → revision 2 keeps the first asOf", async () => {
  const org = await makeOrg(t.db);
  const sup = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: sup.id, role: "supervisor" });
  const contract = await makeContract(t.db, { orgId: org.id, serviceType: "property", startOn: "2026-01-01", endOn: "2027-12-31" });
  const site = await makeSite(t.db, { orgId: org.id });
  await makeContractSite(t.db, { orgId: org.id, contractId: contract.id, siteId: site.id });
  const ctx = { orgId: org.id, actorUserId: sup.id };
  const r = await recordFinding(t.db, ctx, {
    kind: "spot",
    contractId: contract.id,
    siteId: site.id,
    itemId: "property.quality.cleaning-common-areas",
    severity: "major",
    note: "楼道垃圾",
    foundOn: "2026-09-20",
    dueOn: "2026-09-23",
    today: "2026-09-20",
    photos: [],
  } as never);
  expect(r.ok).toBe(true);
  const live = await getQuarterScore(t.db, { orgId: org.id, contractId: contract.id, period: "2026-Q3", today: "2026-09-21" });
  expect(live?.state).toBe("open");
  expect(live?.source).toBe("live");
  const draft = await getQuarterScore(t.db, { orgId: org.id, contractId: contract.id, period: "2026-Q3", today: "2026-10-01" });
  expect(draft?.state).toBe("draft");
  const fin = await finaliseQuarter(t.db, ctx, { contractId: contract.id, period: "2026-Q3", today: "2026-10-05", overrideReason: "申诉期内先行定级", provisionalJustification: "无问卷" });
  expect(fin).toMatchObject({ ok: true, revision: 1 });
  const snap = await getQuarterScore(t.db, { orgId: org.id, contractId: contract.id, period: "2026-Q3", today: "2026-10-06" });
  expect(snap).toMatchObject({ state: "finalised", source: "snapshot", asOf: "2026-10-05" });
  expect(await reopenQuarter(t.db, ctx, { contractId: contract.id, period: "2026-Q3", reason: "更正" })).toEqual({ ok: true });
  const f = (r as { finding: { id: string } }).finding;
  const fix = await rectifyFinding(t.db, ctx, { findingId: f.id, fixedOn: "2026-09-22", note: "已清理", photos: [{ storageKey: "k", thumbKey: "t", mimeType: "image/jpeg", bytes: 1, width: 1, height: 1, sha256: "a".repeat(64) }], today: "2026-10-07" } as never);
  expect(fix.ok).toBe(true);
  await verifyFinding(t.db, { orgId: org.id, actorUserId: (await makeUser(t.db)).id }, { findingId: f.id, today: "2026-10-07" } as never);
  const fin2 = await finaliseQuarter(t.db, ctx, { contractId: contract.id, period: "2026-Q3", today: "2026-10-08", overrideReason: "申诉期内先行定级", provisionalJustification: "无问卷" });
  expect(fin2).toMatchObject({ ok: true, revision: 2 });
  const v2 = await getQuarterScore(t.db, { orgId: org.id, contractId: contract.id, period: "2026-Q3", today: "2026-10-09" });
  expect(v2?.asOf).toBe("2026-10-05");
  expect(v2?.revisions.map((x) => x.revision)).toEqual([1, 2]);
  expect(v2?.score.total).toBe(snap?.score.total); // the fix verified after the first asOf does not count
});

it("refuses to finalise a quarter wholly outside the contract's term", async () => {
  const org = await makeOrg(t.db);
  const sup = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: sup.id, role: "supervisor" });
  const contract = await makeContract(t.db, { orgId: org.id, serviceType: "property", startOn: "2026-02-16", endOn: "2026-12-31" });
  const ctx = { orgId: org.id, actorUserId: sup.id };
  const base = { contractId: contract.id, today: "2027-02-01", provisionalJustification: "无问卷" };
  expect(await finaliseQuarter(t.db, ctx, { ...base, period: "2025-Q4" })).toEqual({ ok: false, error: "outside_term" });
  expect(await finaliseQuarter(t.db, ctx, { ...base, period: "2027-Q1" })).toEqual({ ok: false, error: "outside_term" });
  // A quarter partly inside the term is finalised (and pays its share by days).
  expect(await finaliseQuarter(t.db, ctx, { ...base, period: "2026-Q1" })).toMatchObject({ ok: true, revision: 1 });
});
