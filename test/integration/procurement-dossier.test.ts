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
 * score) while a quarter is reopened. Appeals (issue 14): the demo's upheld
 * and dismissed appeals with their outcomes and counts, a pending one added,
 * on the dossier and its quarter page, never the filer or the finding's note,
 * and never another organisation's.
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
import { makeAppeal, makeContract, makeFinding, makeOrg, makeUser } from "../helpers/factories";
import { contractAppeals } from "../../db/queries/procurement/appeals";
import { DEMO_DISMISSED_DECISION_REASON, DEMO_UPHELD_APPEAL_REASON, DEMO_UPHELD_DECISION_REASON } from "../../seed/demo-appeals";
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
type QuarterData = { period: string; appeals: { id: string; status: string; outcome: string | null }[]; view: null | { source: string; score: { total: number; grade: string }; revisions: { revision: number; total: number }[]; fee: { deductedFen: number } } };

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

describe("appeals in the dossier", () => {
  const property = () => demo.ids.contracts.property;
  const upheld = () => demo.scores.appeals.find((a) => a.decision === "uphold")!;
  const dismissed = () => demo.scores.appeals.find((a) => a.decision === "dismiss")!;
  let pendingId = "";
  let foreignId = "";

  beforeAll(async () => {
    // A pending appeal in the property contract's draft quarter, and another organisation's appeal.
    const [finding] = await t.db
      .select()
      .from(s.findings)
      .where(and(eq(s.findings.contractId, property()), eq(s.findings.period, "2026-Q3")))
      .limit(1);
    const contract = demo.data.contracts.find((c) => c.key === "property")!;
    pendingId = (
      await makeAppeal(t.db, {
        orgId: demo.orgId,
        contractId: property(),
        contractorId: demo.ids.contractors[contract.contractorKey],
        filedBy: demo.ids.contractorPeople[contract.contractorKey],
        target: "finding",
        findingId: finding!.id,
        period: "2026-Q3",
        filedOn: "2026-10-09",
        reason: "待处理的申诉",
      })
    ).id;
    const other = await makeOrg(t.db, { name: "另一机关服务中心" });
    const otherContract = await makeContract(t.db, { orgId: other.id });
    const otherFinding = await makeFinding(t.db, { orgId: other.id, contractId: otherContract.id });
    foreignId = (
      await makeAppeal(t.db, {
        orgId: other.id,
        contractId: otherContract.id,
        contractorId: otherContract.contractorId,
        filedBy: (await makeUser(t.db)).id,
        target: "finding",
        findingId: otherFinding.id,
        reason: "另一单位的申诉",
      })
    ).id;
  });

  it("the property dossier lists the upheld appeal with its outcome, the pending one, and counts them", async () => {
    const d = (await dossierOf(property()))!;
    expect(d.appeals.map((a) => a.id)).toEqual([upheld().appealId, pendingId]);
    const [first, pending] = d.appeals as [(typeof d.appeals)[number], (typeof d.appeals)[number]];
    const [finding] = await t.db.select().from(s.findings).where(eq(s.findings.id, upheld().findingId));
    expect(first).toMatchObject({
      period: "2026-Q2",
      filedOn: upheld().fileOn,
      target: "finding",
      itemId: finding!.itemId,
      reason: DEMO_UPHELD_APPEAL_REASON,
      status: "upheld",
      outcome: "severity_lowered",
      severityFrom: "major",
      severityTo: "minor",
      decisionReason: DEMO_UPHELD_DECISION_REASON,
      decidedOn: upheld().decideOn,
    });
    expect(first.itemLabel?.["zh-CN"]).toBeTruthy();
    expect(pending).toMatchObject({ period: "2026-Q3", status: "pending", outcome: null, decidedOn: null, decisionReason: null });
    expect(d.appealCounts).toEqual({ filed: 2, upheld: 1, dismissed: 0, pending: 1 });
    expect(d.appeals.map((a) => a.id)).not.toContain(foreignId);
  });

  it("the greening dossier lists the dismissed repeat appeal; the other contracts have none", async () => {
    const d = (await dossierOf(demo.ids.contracts.greening))!;
    expect(d.appeals).toHaveLength(1);
    expect(d.appeals[0]).toMatchObject({ id: dismissed().appealId, period: "2026-Q1", target: "repeat", status: "dismissed", outcome: null, decisionReason: DEMO_DISMISSED_DECISION_REASON });
    expect(d.appealCounts).toEqual({ filed: 1, upheld: 0, dismissed: 1, pending: 0 });
    for (const key of ["main-canteen", "east-canteen", "meeting"] as const) {
      const other = (await dossierOf(demo.ids.contracts[key]))!;
      expect(other.appeals, key).toEqual([]);
      expect(other.appealCounts, key).toEqual({ filed: 0, upheld: 0, dismissed: 0, pending: 0 });
    }
  });

  it("another organisation's appeals never appear, and it sees none of the demo's", async () => {
    const [foreign] = await t.db.select().from(s.appeals).where(eq(s.appeals.id, foreignId));
    expect(await contractAppeals(t.db, { orgId: foreign!.orgId, contractId: property() })).toEqual([]);
    expect(await contractAppeals(t.db, { orgId: demo.orgId, contractId: foreign!.contractId })).toEqual([]);
    expect((await contractAppeals(t.db, { orgId: foreign!.orgId, contractId: foreign!.contractId })).map((a) => a.id)).toEqual([foreignId]);
  });

  it("the dossier page carries the appeals, never the filer nor the finding's own note", async () => {
    const res = await loadDossier(property());
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text) as DossierData;
    expect(data.dossier.appeals.map((a) => [a.status, a.outcome])).toEqual([
      ["upheld", "severity_lowered"],
      ["pending", null],
    ]);
    expect(data.dossier.appealCounts).toEqual({ filed: 2, upheld: 1, dismissed: 0, pending: 1 });
    const contract = demo.data.contracts.find((c) => c.key === "property")!;
    const person = demo.data.contractorPeople.find((p) => p.contractorKey === contract.contractorKey)!;
    expect(text).not.toContain(person.name);
    expect(text).not.toContain(demo.ids.contractorPeople[contract.contractorKey]);
    const [finding] = await t.db.select().from(s.findings).where(eq(s.findings.id, upheld().findingId));
    expect(text).not.toContain(finding!.note);
    expect(text).not.toContain(foreignId);
  });

  it("the quarter page shows that quarter's appeals: the finalised quarter's decided one, the draft quarter's pending one", async () => {
    const q2 = (await (await loadQuarter(property(), "2026-Q2")).json()) as QuarterData;
    expect(q2.view).not.toBeNull();
    expect(q2.appeals.map((a) => [a.id, a.status, a.outcome])).toEqual([[upheld().appealId, "upheld", "severity_lowered"]]);
    const q3 = (await (await loadQuarter(property(), "2026-Q3")).json()) as QuarterData;
    expect(q3.view).toBeNull();
    expect(q3.appeals.map((a) => [a.id, a.status])).toEqual([[pendingId, "pending"]]);
    const q1 = (await (await loadQuarter(property(), "2026-Q1")).json()) as QuarterData;
    expect(q1.appeals).toEqual([]);
  });
});
