/**
 * The contract dossier and the quarter behind a reason (issue 12), on the
 * demo seeded for the browser tests' day (2026-11-18), through the query and
 * the routes' loaders as Remix calls them: the main canteen cites its vetoed
 * quarter and lists the confirmed veto with its day; the meeting contract's
 * corrected quarter shows both revisions and counts revision 2; the draft
 * 2026-Q3 is listed and not counted; the survey is per question from the
 * released tallies with no response in the page; another organisation's
 * contract is a 404 and staff a 403; the quarter page shows the stored latest
 * revision, "not finalised" without a snapshot, and a snapshot (not a live
 * score) while a quarter is reopened.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The loaders' "today" (db/time.ts reads it on first use): the browser tests' day.
process.env.KAOPING_CLOCK = "2026-11-18T10:00:00+08:00";

import * as s from "../../db/schema";
import { contractDossier } from "../../db/queries/procurement/dossier";
import { reopenQuarter } from "../../db/queries/scores/finalise";
import { DEFAULT_RENEWAL_POLICY } from "../../scoring/renewal";
import { hashPassword } from "../../server/password";
import { seedDemo, type SeedDemoResult } from "../../seed/demo";
import { DEMO_PASSWORD } from "../../seed/demo-data";
import { DEMO_REOPEN_REASON } from "../../seed/demo-scores";
import { load, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeOrg } from "../helpers/factories";
import type * as DossierRoute from "~/routes/procurement.contracts.$contractId._index";
import type * as QuarterRoute from "~/routes/procurement.contracts.$contractId.quarters.$period";
import type { DossierView } from "~/procurement/dossier-sections";

const TODAY = "2026-11-18";
const SEED_TIMEOUT_MS = 120_000;

let t: TestDb;
let uploads: string;
let demo: Extract<SeedDemoResult, { created: true }>;
let dossierRoute: typeof DossierRoute;
let quarterRoute: typeof QuarterRoute;
const cookies: Record<"procurement" | "staff" | "supervisor", string> = { procurement: "", staff: "", supervisor: "" };

async function demoUser(email: string) {
  const [user] = await t.db.select().from(s.users).where(eq(s.users.email, email));
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}

beforeAll(async () => {
  t = await installAppDb();
  uploads = mkdtempSync(path.join(tmpdir(), "kaoping-dossier-"));
  const result = await seedDemo(t.db, { today: TODAY, passwordHash: await hashPassword(DEMO_PASSWORD), uploadsDir: uploads });
  if (!result.created) throw new Error("demo not created");
  demo = result;
  for (const role of ["procurement", "staff", "supervisor"] as const) cookies[role] = await signIn((await demoUser(`${role}@demo.kaoping.test`)).id, demo.orgId);
  dossierRoute = await import("~/routes/procurement.contracts.$contractId._index");
  quarterRoute = await import("~/routes/procurement.contracts.$contractId.quarters.$period");
}, SEED_TIMEOUT_MS);
afterAll(async () => {
  await t?.cleanup();
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

const dossierOf = (contractId: string) => contractDossier(t.db, { orgId: demo.orgId, contractId, today: TODAY, policy: DEFAULT_RENEWAL_POLICY });
const loadDossier = (contractId: string, cookie = cookies.procurement) =>
  load(dossierRoute.loader as never, `/procurement/contracts/${contractId}`, cookie, { contractId });
const loadQuarter = (contractId: string, period: string, cookie = cookies.procurement) =>
  load(quarterRoute.loader as never, `/procurement/contracts/${contractId}/quarters/${period}`, cookie, { contractId, period });

type DossierData = { dossier: DossierView; preparedBy: string; today: string };
type QuarterData = { period: string; view: null | { source: string; score: { total: number; grade: string }; revisions: { revision: number; total: number }[]; fee: { deductedFen: number } } };

describe("the contract dossier (query)", () => {
  it("main canteen: do_not_renew citing the vetoed quarter, the confirmed veto listed with its day", async () => {
    const d = (await dossierOf(demo.ids.contracts["main-canteen"]))!;
    expect(d.record.recommendation.decision).toBe("do_not_renew");
    const vetoed = d.record.quarters.filter((q) => q.vetoed).map((q) => q.period);
    expect(vetoed).toHaveLength(1);
    const veto = d.record.recommendation.reasons.find((r) => r.rule === "veto");
    expect(veto?.periods).toEqual(vetoed);

    const confirmed = await t.db
      .select()
      .from(s.vetoEvents)
      .where(and(eq(s.vetoEvents.contractId, demo.ids.contracts["main-canteen"]), eq(s.vetoEvents.status, "confirmed")));
    expect(confirmed.length).toBeGreaterThan(0);
    const listed = d.events.filter((e) => e.kind === "veto");
    expect(listed.map((e) => [e.period, e.occurredOn]).sort()).toEqual(confirmed.map((v) => [v.period, v.occurredOn]).sort());
    expect(listed.map((e) => e.period)).toContain(vetoed[0]);
  });

  it("meeting: the corrected quarter has both revisions and counts revision 2's total", async () => {
    const contractId = demo.ids.contracts.meeting;
    expect(demo.scores.correction.contractKey).toBe("meeting");
    const period = demo.scores.correction.period;
    const d = (await dossierOf(contractId))!;
    const q = d.quarters.find((x) => x.period === period)!;
    expect(q.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(q.revisions[1]!.reason).toBe(DEMO_REOPEN_REASON);
    expect(q.revisions[0]!.total).toBe(demo.scores.correction.totalBefore);
    expect(q.revisions[1]!.total).toBe(demo.scores.correction.totalAfter);
    expect(demo.scores.correction.totalAfter).not.toBe(demo.scores.correction.totalBefore);
    expect(d.record.quarters.find((x) => x.period === period)?.total).toBe(demo.scores.correction.totalAfter);
    expect(d.record.recommendation.decision).toBe("renew");
  });

  it("lists the draft 2026-Q3 without figures and leaves it out of everything counted", async () => {
    const d = (await dossierOf(demo.ids.contracts["main-canteen"]))!;
    const draft = d.record.quarters.find((q) => q.period === "2026-Q3");
    expect(draft).toMatchObject({ state: "draft", counted: false, total: null, grade: null });
    expect(d.record.quarters.find((q) => q.period === "2026-Q4")).toMatchObject({ state: "open", counted: false });
    expect(d.quarters.map((q) => q.period)).not.toContain("2026-Q3");
    expect(d.quarters.map((q) => q.period)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(d.record.recommendation.reasons.flatMap((r) => r.periods)).not.toContain("2026-Q3");
  });
});

describe("the contract dossier (route)", () => {
  it("procurement gets the dossier with the survey per question, its own name in the sign-off, and no survey response", async () => {
    const contractId = demo.ids.contracts["main-canteen"];
    const res = await loadDossier(contractId);
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text) as DossierData;
    expect(data.preparedBy).toBe((await demoUser("procurement@demo.kaoping.test")).name);
    expect(data.today).toBe(TODAY);
    expect(data.dossier.record.contract.id).toBe(contractId);
    expect(data.dossier.questions.length).toBeGreaterThan(0);
    for (const q of data.dossier.questions) {
      expect(q.answered).toBeGreaterThan(0);
      expect(q.mean).toBeGreaterThanOrEqual(1);
      expect(q.mean).toBeLessThanOrEqual(5);
    }
    // Revisions carry their day for the footnotes.
    const meeting = JSON.parse(await (await loadDossier(demo.ids.contracts.meeting)).text()) as DossierData;
    const corrected = meeting.dossier.quarters.find((q) => q.period === demo.scores.correction.period)!;
    expect(corrected.revisions.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.createdOn))).toBe(true);

    // Nothing of a single response: no response id, no comment.
    const responses = await t.db.select({ id: s.surveyResponses.id, comment: s.surveyResponses.comment }).from(s.surveyResponses).where(eq(s.surveyResponses.orgId, demo.orgId));
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) {
      expect(text).not.toContain(r.id);
      if (r.comment && r.comment.length > 3) expect(text).not.toContain(r.comment);
    }
    expect(text).not.toMatch(/"(comment|responseId|answers)"/);
  });

  it("another organisation's contract and an unknown id are 404; staff get 403; a supervisor may read it", async () => {
    const other = await makeOrg(t.db);
    const foreign = await makeContract(t.db, { orgId: other.id });
    expect((await loadDossier(foreign.id)).status).toBe(404);
    expect((await loadDossier("no-such-contract")).status).toBe(404);
    expect((await loadQuarter(foreign.id, "2026-Q2")).status).toBe(404);
    expect((await loadDossier(demo.ids.contracts["main-canteen"], cookies.staff)).status).toBe(403);
    expect((await loadQuarter(demo.ids.contracts["main-canteen"], "2026-Q2", cookies.staff)).status).toBe(403);
    expect((await loadDossier(demo.ids.contracts["main-canteen"], cookies.supervisor)).status).toBe(200);
  });
});

describe("the quarter behind a reason", () => {
  const latestStored = async (contractId: string, period: string) => {
    const [row] = await t.db
      .select()
      .from(s.quarterScores)
      .where(and(eq(s.quarterScores.contractId, contractId), eq(s.quarterScores.period, period)))
      .orderBy(desc(s.quarterScores.revision))
      .limit(1);
    return row!;
  };

  it("shows the corrected quarter's latest stored revision, with both revisions", async () => {
    const contractId = demo.ids.contracts.meeting;
    const period = demo.scores.correction.period;
    const res = await loadQuarter(contractId, period);
    expect(res.status).toBe(200);
    const { view } = (await res.json()) as QuarterData;
    const stored = await latestStored(contractId, period);
    expect(stored.revision).toBe(2);
    expect(view?.source).toBe("snapshot");
    expect(view?.score).toMatchObject({ total: stored.total, grade: stored.grade });
    expect(view?.fee.deductedFen).toBe(stored.fee.deductedFen);
    expect(view?.revisions.map((r) => r.revision)).toEqual([1, 2]);
  });

  it("a quarter without a snapshot says so (200, no figures); a period that is not one, or outside the term, is 404", async () => {
    const contractId = demo.ids.contracts["main-canteen"];
    for (const period of ["2026-Q3", "2026-Q4"]) {
      const res = await loadQuarter(contractId, period);
      expect(res.status).toBe(200);
      expect(((await res.json()) as QuarterData).view).toBeNull();
    }
    // Malformed, or outside the term (2025-01-01 .. 2027-06-30).
    for (const period of ["2026-Q5", "2026Q3", "latest", "2024-Q4", "2027-Q3"]) expect((await loadQuarter(contractId, period)).status).toBe(404);
  });

  it("a reopened quarter still shows its latest snapshot, never a live score", async () => {
    const contractId = demo.ids.contracts["main-canteen"];
    const period = "2026-Q2";
    const before = await latestStored(contractId, period);
    const supervisor = await demoUser("supervisor@demo.kaoping.test");
    const reopened = await reopenQuarter(t.db, { orgId: demo.orgId, actorUserId: supervisor.id }, { contractId, period, reason: "更正一条检查记录" });
    expect(reopened.ok).toBe(true);
    // A finding added while reopened would change a live score; the page must not follow it.
    const [one] = await t.db.select().from(s.findings).where(and(eq(s.findings.contractId, contractId), eq(s.findings.period, period))).limit(1);
    if (one) await t.db.update(s.findings).set({ status: "withdrawn", withdrawnReason: "测试" }).where(eq(s.findings.id, one.id));
    const { view } = (await (await loadQuarter(contractId, period)).json()) as QuarterData;
    expect(view?.source).toBe("snapshot");
    expect(view?.score).toMatchObject({ total: before.total, grade: before.grade });
    const d = (await dossierOf(contractId))!;
    expect(d.record.quarters.find((q) => q.period === period)).toMatchObject({ state: "reopened", counted: true, total: before.total });
  });
});
