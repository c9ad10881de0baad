/**
 * One response per invite, also under concurrency: 50 simultaneous
 * submissions of one code — in one process, and split over two processes
 * that share the database file as two server processes would — give exactly
 * one response and 49 clear refusals, never an exception or SQLITE_BUSY.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setCampaignStatus, submitResponse, type SubmitResult } from "../../db/queries/surveys";
import { createTestDb, type TestDb } from "../helpers/db";
import { answersFor, liveTally, makeOpenSurvey, recountTally, surveyTableCounts } from "../helpers/surveys";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const WORKER = path.join(root, "test/helpers/survey-submit-worker.ts");

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.cleanup());

function tallyOf(results: (SubmitResult | { thrown: string })[]) {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = "thrown" in r ? `thrown: ${r.thrown}` : r.ok ? "ok" : r.error;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

describe("one response per invite under concurrency", () => {
  it("50 parallel submissions of one code in one process: 1 ok, 49 invite_used", async () => {
    const s = await makeOpenSurvey(t.db, { invites: 3 });
    const before = await surveyTableCounts(t.db);
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        submitResponse(t.db, { campaign: { inviteCode: s.inviteCodes[0]! }, answers: answersFor(s.questionIds, (i % 5) + 1), today: s.today }),
      ),
    );
    const results = settled.map((r) => (r.status === "fulfilled" ? r.value : { thrown: String(r.reason) }));
    expect(tallyOf(results)).toEqual({ ok: 1, invite_used: 49 });
    const after = await surveyTableCounts(t.db);
    expect(after.survey_responses - before.survey_responses).toBe(1);
    expect(after["survey_invites.used"] - before["survey_invites.used"]).toBe(1);
    expect(after.survey_answers - before.survey_answers).toBe(s.questionIds.length);
    const q = { orgId: s.orgId, campaignId: s.campaignId };
    expect((await liveTally(t.db, q))?.respondents).toBe(1);
    expect(await liveTally(t.db, q)).toEqual(await recountTally(t.db, q));
  });

  it("50 parallel submissions by one signed-in staff member: 1 ok, 49 already_participated", async () => {
    const s = await makeOpenSurvey(t.db, { staff: 1 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        submitResponse(t.db, {
          campaign: { token: s.openToken },
          participant: { userId: s.staffIds[0]! },
          answers: answersFor(s.questionIds),
          today: s.today,
        }),
      ),
    );
    expect(tallyOf(results)).toEqual({ ok: 1, already_participated: 49 });
    expect((await liveTally(t.db, { orgId: s.orgId, campaignId: s.campaignId }))?.respondents).toBe(1);
  });

  it("closing while submissions are in flight: every accepted response is counted, none after the close", async () => {
    const s = await makeOpenSurvey(t.db, { invites: 40 });
    const submissions = s.inviteCodes.map((code) =>
      submitResponse(t.db, { campaign: { inviteCode: code }, answers: answersFor(s.questionIds), today: s.today }),
    );
    const close = setCampaignStatus(t.db, { orgId: s.orgId, actorUserId: s.supervisorId }, { campaignId: s.campaignId, status: "closed" });
    const [results] = await Promise.all([Promise.all(submissions), close]);
    const counts = tallyOf(results);
    expect(Object.keys(counts).every((k) => k === "ok" || k === "closed")).toBe(true);
    const q = { orgId: s.orgId, campaignId: s.campaignId };
    expect((await liveTally(t.db, q))?.respondents).toBe(counts.ok ?? 0);
    expect(await liveTally(t.db, q)).toEqual(await recountTally(t.db, q));
    expect(await submitResponse(t.db, { campaign: { token: s.openToken }, answers: answersFor(s.questionIds), today: s.today })).toEqual({
      ok: false,
      error: "closed",
    });
  });

  it("two processes sharing the database file, 25 submissions each at the same moment: exactly one succeeds", async () => {
    const s = await makeOpenSurvey(t.db, { invites: 2 });
    const before = await surveyTableCounts(t.db);
    const startAt = Date.now() + 2_500; // both workers are up and warm by then
    const args = JSON.stringify({ url: t.url, code: s.inviteCodes[0], answers: answersFor(s.questionIds, 5), today: s.today, count: 25, startAt });
    const runWorker = () =>
      new Promise<{ pid: number; results: (SubmitResult | { thrown: string })[] }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", WORKER, args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("error", reject);
        child.on("exit", (code) => {
          if (code !== 0) return reject(new Error(`worker exited ${code}: ${err}`));
          try {
            resolve(JSON.parse(out.trim().split("\n").pop()!));
          } catch {
            reject(new Error(`worker printed no result: ${out} ${err}`));
          }
        });
      });
    const [a, b] = await Promise.all([runWorker(), runWorker()]);
    expect(a.pid).not.toBe(b.pid);
    expect(a.results).toHaveLength(25);
    expect(b.results).toHaveLength(25);
    const all = [...a.results, ...b.results];
    // No exception and no "busy": every refusal is the clear one.
    expect(tallyOf(all)).toEqual({ ok: 1, invite_used: 49 });
    const after = await surveyTableCounts(t.db);
    expect(after.survey_responses - before.survey_responses).toBe(1);
    expect(after["survey_invites.used"] - before["survey_invites.used"]).toBe(1);
    expect(after["survey_campaign_counts.respondents"] - before["survey_campaign_counts.respondents"]).toBe(1);
    const q = { orgId: s.orgId, campaignId: s.campaignId };
    expect(await liveTally(t.db, q)).toEqual(await recountTally(t.db, q));
  }, 60_000);
});
