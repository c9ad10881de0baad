/**
 * Procurement on the demo (issue 12's integration list), seeded on the browser
 * tests' day 2026-11-18 with the default policy: the main canteen's
 * food-poisoning veto makes it `do_not_renew`, citing exactly the vetoed
 * quarter(s); the meeting contractor is `renew`; the east canteen is inside
 * the three-month horizon and the main canteen only in the twelve-month one;
 * the meeting contract's corrected quarter counts with its latest revision
 * only; the draft quarter is shown but not counted; rectification in time is
 * what the findings table says; a contract ended a month ago stays until a
 * later one of its type covers one of its sites; another organisation sees
 * none of it.
 */
import { and, eq } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractDossier } from "../../db/queries/procurement/dossier";
import { serviceTypeComparison, tenderView } from "../../db/queries/procurement/tender";
import { termContracts, termRecords, type TermRecord } from "../../db/queries/procurement/term";
import * as s from "../../db/schema";
import { DEFAULT_RENEWAL_POLICY } from "../../scoring/renewal";
import type { TenderHorizon } from "../../domain/procurement";
import { hashPassword } from "../../server/password";
import { seedDemo, type SeedDemoResult } from "../../seed/demo";
import { DEMO_PASSWORD } from "../../seed/demo-data";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractSite, makeOrg } from "../helpers/factories";

const TODAY = "2026-11-18";
const SEED_TIMEOUT_MS = 120_000;
const policy = { ...DEFAULT_RENEWAL_POLICY };
const DRAFT = "2026-Q3";

let t: TestDb;
let uploads: string;
let demo: Extract<SeedDemoResult, { created: true }>;

beforeAll(async () => {
  t = await createTestDb();
  uploads = mkdtempSync(path.join(tmpdir(), "kaoping-procurement-demo-"));
  const result = await seedDemo(t.db, { today: TODAY, passwordHash: await hashPassword(DEMO_PASSWORD), uploadsDir: uploads });
  if (!result.created) throw new Error("demo not created");
  demo = result;
}, SEED_TIMEOUT_MS);
afterAll(async () => {
  await t?.cleanup();
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

const view = (horizonMonths: TenderHorizon, orgId = demo.orgId) => tenderView(t.db, { orgId, today: TODAY, horizonMonths, policy });
const idsOf = (rows: { contract: { id: string } }[]) => rows.map((r) => r.contract.id);

async function recordOf(key: keyof typeof demo.ids.contracts): Promise<TermRecord> {
  const id = demo.ids.contracts[key];
  const records = await termRecords(t.db, await termContracts(t.db, { orgId: demo.orgId, contractIds: [id] }), { orgId: demo.orgId, today: TODAY, policy });
  const record = records.get(id);
  if (!record) throw new Error(`no term record for ${key}`);
  return record;
}

/** Every snapshot of a contract, by period, newest revision last. */
async function snapshotsOf(contractId: string) {
  const rows = await t.db.select().from(s.quarterScores).where(and(eq(s.quarterScores.orgId, demo.orgId), eq(s.quarterScores.contractId, contractId))).orderBy(s.quarterScores.period, s.quarterScores.revision);
  const byPeriod = new Map<string, typeof rows>();
  for (const r of rows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  return byPeriod;
}

describe("procurement on the demo (2026-11-18, default policy)", () => {
  it("names the demo's contracts as the issue tells them", async () => {
    const contracts = await termContracts(t.db, { orgId: demo.orgId });
    const title = (key: keyof typeof demo.ids.contracts) => contracts.get(demo.ids.contracts[key])?.title;
    expect(title("main-canteen")).toBe("主食堂餐饮服务合同");
    expect(title("meeting")).toBe("会议中心会务保障服务合同");
    expect(title("east-canteen")).toBe("东区食堂团膳服务合同");
    expect(contracts.get(demo.ids.contracts["main-canteen"])?.endOn).toBe("2027-06-30");
    expect(contracts.get(demo.ids.contracts["east-canteen"])?.endOn).toBe("2027-01-31");
  });

  it("the main canteen is do_not_renew with a veto reason citing exactly the quarters whose stored snapshot is vetoed", async () => {
    const main = await recordOf("main-canteen");
    expect(main.recommendation.decision).toBe("do_not_renew");
    const veto = main.recommendation.reasons.filter((r) => r.rule === "veto");
    expect(veto).toHaveLength(1);
    // The latest revision of each finalised quarter, as stored.
    const stored = await snapshotsOf(main.contract.id);
    const vetoed = [...stored.entries()].filter(([, revisions]) => revisions.at(-1)!.vetoed).map(([period]) => period);
    expect(vetoed.length).toBeGreaterThanOrEqual(1);
    expect(veto[0]!.periods).toEqual(vetoed);
    expect(main.quarters.filter((q) => q.vetoed).map((q) => q.period)).toEqual(vetoed);
    expect(main.vetoes).toBeGreaterThanOrEqual(1);
    for (const period of vetoed) expect(veto[0]!.detail["zh-CN"]).toContain(period);
  });

  it("the meeting contractor is renew", async () => {
    const meeting = await recordOf("meeting");
    expect(meeting.recommendation.decision).toBe("renew");
    expect(meeting.averageTotal).toBeGreaterThanOrEqual(policy.renewMinAverage);
  });

  it("the east canteen is inside the three-month horizon; the main canteen only within twelve months", async () => {
    const [three, six, twelve] = await Promise.all([view(3), view(6), view(12)]);
    const east = demo.ids.contracts["east-canteen"];
    const main = demo.ids.contracts["main-canteen"];
    expect(idsOf(three.rows)).toContain(east);
    expect(idsOf(three.rows)).not.toContain(main);
    expect(idsOf(twelve.rows)).toEqual(expect.arrayContaining([east, main]));
    // Soonest end first: the east canteen (January) before the main canteen (June).
    expect(idsOf(twelve.rows).indexOf(east)).toBeLessThan(idsOf(twelve.rows).indexOf(main));
    expect(idsOf(six.rows)).toContain(east);
    expect(three.rows.find((r) => r.contract.id === east)).toMatchObject({ ended: false, daysLeft: 74 });
  });

  it("counts a revised quarter with its latest revision only: the term's total is revision 2's, the average the mean of latest revisions", async () => {
    const meeting = await recordOf("meeting");
    const stored = await snapshotsOf(meeting.contract.id);
    const revised = [...stored.entries()].filter(([, revisions]) => revisions.length > 1);
    expect(revised).toHaveLength(1);
    const [period, revisions] = revised[0]!;
    expect(period).toBe(demo.scores.correction.period);
    const [rev1, rev2] = [revisions[0]!, revisions.at(-1)!];
    expect(rev2.revision).toBe(2);
    expect(rev2.total).not.toBe(rev1.total);
    const quarter = meeting.quarters.find((q) => q.period === period)!;
    expect(quarter).toMatchObject({ counted: true, revision: 2, total: rev2.total });

    const mean = (totals: number[]) => Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10;
    const latest = [...stored.values()].map((r) => r.at(-1)!.total);
    const firsts = [...stored.values()].map((r) => r[0]!.total);
    expect(meeting.quarters.filter((q) => q.counted)).toHaveLength(stored.size);
    expect(meeting.averageTotal).toBeCloseTo(mean(latest), 6);
    // Not what revision 1 would have made it: the withdrawn duplicate moves the average at one decimal.
    expect(mean(firsts)).not.toBe(mean(latest));
    expect(meeting.averageTotal).not.toBe(mean(firsts));
  });

  it("lists the draft quarter 2026-Q3 as draft, not counted, without figures, and in no reason", async () => {
    for (const key of Object.keys(demo.ids.contracts) as (keyof typeof demo.ids.contracts)[]) {
      const record = await recordOf(key);
      const draft = record.quarters.find((q) => q.period === DRAFT);
      expect(draft, key).toMatchObject({ state: "draft", counted: false, total: null, grade: null, vetoed: false, satisfactionRate: null, deductedFen: null });
      expect(record.recommendation.reasons.flatMap((r) => r.periods), key).not.toContain(DRAFT);
      // The current quarter is listed too, open, also uncounted.
      expect(record.quarters.at(-1), key).toMatchObject({ period: "2026-Q4", state: "open", counted: false, total: null });
    }
  });

  it("rectification in time is the count of the findings table: deadline passed before today, rectified on or before it", async () => {
    for (const key of Object.keys(demo.ids.contracts) as (keyof typeof demo.ids.contracts)[]) {
      const record = await recordOf(key);
      const rows = (await t.db.select().from(s.findings).where(and(eq(s.findings.orgId, demo.orgId), eq(s.findings.contractId, record.contract.id)))).filter((f) => f.status !== "withdrawn");
      const due = rows.filter((f) => f.dueOn < TODAY);
      const inTime = due.filter((f) => f.rectifiedOn !== null && f.rectifiedOn <= f.dueOn);
      const repeats = rows.filter((f) => f.repeatOfId !== null && f.repeatClearedReason === null);
      expect(record.findings, key).toEqual({
        total: rows.length,
        due: due.length,
        inTime: inTime.length,
        rectificationRate: due.length === 0 ? null : inTime.length / due.length,
        repeats: repeats.length,
      });
    }
    // The demo has something to count.
    expect((await recordOf("main-canteen")).findings.due).toBeGreaterThan(0);
  });

  it("keeps a contract ended a month ago and not replaced, until a later contract of its type covers one of its sites", async () => {
    const orgId = demo.orgId;
    const campus = demo.ids.sites.campus;
    // Started after the demo's greening contract, so that one does not replace it.
    const ended = await makeContract(t.db, { orgId, contractorId: demo.ids.contractors.lvyuan, serviceType: "greening", title: "机关大院绿化养护（上一期）", startOn: "2025-06-01", endOn: "2026-10-18", status: "ended" });
    await makeContractSite(t.db, { orgId, contractId: ended.id, siteId: campus });
    const row = (await view(3)).rows.find((r) => r.contract.id === ended.id);
    expect(row).toMatchObject({ ended: true, daysLeft: -31 });
    // Ended ones lead (soonest first).
    expect(idsOf((await view(3)).rows)[0]).toBe(ended.id);

    // Neither another type on its site nor its type elsewhere replaces it.
    const otherType = await makeContract(t.db, { orgId, contractorId: demo.ids.contractors.anju, serviceType: "property", startOn: "2026-10-19", endOn: "2028-10-18" });
    await makeContractSite(t.db, { orgId, contractId: otherType.id, siteId: campus });
    const elsewhere = await makeContract(t.db, { orgId, contractorId: demo.ids.contractors.lvyuan, serviceType: "greening", startOn: "2026-10-19", endOn: "2028-10-18" });
    await makeContractSite(t.db, { orgId, contractId: elsewhere.id, siteId: demo.ids.sites["building-1"] });
    expect(idsOf((await view(12)).rows)).toContain(ended.id);

    const successor = await makeContract(t.db, { orgId, contractorId: demo.ids.contractors.lvyuan, serviceType: "greening", startOn: "2026-10-19", endOn: "2028-10-18" });
    await makeContractSite(t.db, { orgId, contractId: successor.id, siteId: campus });
    for (const months of [3, 6, 12] as const) expect(idsOf((await view(months)).rows), `${months} months`).not.toContain(ended.id);
  });

  it("shows another organisation none of it: an empty tender view and comparison, no dossier for the demo's contracts", async () => {
    const other = await makeOrg(t.db);
    for (const months of [3, 6, 12] as const) expect((await view(months, other.id)).rows).toEqual([]);
    expect((await serviceTypeComparison(t.db, { orgId: other.id, serviceType: "catering", today: TODAY, policy })).rows).toEqual([]);
    for (const contractId of Object.values(demo.ids.contracts)) {
      expect(await contractDossier(t.db, { orgId: other.id, contractId, today: TODAY, policy })).toBeNull();
    }
    expect((await termContracts(t.db, { orgId: other.id, contractIds: Object.values(demo.ids.contracts) })).size).toBe(0);
    // While the demo's own organisation gets its dossier.
    expect(await contractDossier(t.db, { orgId: demo.orgId, contractId: demo.ids.contracts["main-canteen"], today: TODAY, policy })).not.toBeNull();
  });
});
