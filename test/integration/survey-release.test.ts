/**
 * Issue 9 item 8: results come from a RELEASED tally — taken when the campaign
 * first has 5 respondents, then each time 5 more have answered, and at close;
 * between releases only the count of respondents moves. Read through every
 * reader of results: getTally (scoring), getContractPeriodTally, listComments
 * and the monitor's figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getContractPeriodTally,
  getResponseMonitor,
  getTally,
  listComments,
  setCampaignStatus,
  submitResponse,
} from "../../db/queries/surveys";
import { createTestDb, type TestDb } from "../helpers/db";
import { answersFor, liveTally, makeOpenSurvey, type SurveyFixture } from "../helpers/surveys";

let t: TestDb;
let s: SurveyFixture;
let answered = 0;
beforeAll(async () => {
  t = await createTestDb();
  s = await makeOpenSurvey(t.db, { invites: 20 });
});
afterAll(async () => t?.cleanup());

/** Answers with an invite; respondent n (1-based) gives every question (n % 5) + 1 and comments "comment n". */
async function answer(times: number) {
  for (let i = 0; i < times; i++) {
    answered++;
    const r = await submitResponse(t.db, {
      campaign: { inviteCode: s.inviteCodes[answered - 1]! },
      answers: answersFor(s.questionIds, (answered % 5) + 1),
      comment: `comment ${answered}`,
      today: s.today,
    });
    expect(r).toEqual({ ok: true });
  }
}

async function view() {
  const q = { orgId: s.orgId, campaignId: s.campaignId };
  const [tally, period, comments, monitor] = await Promise.all([
    getTally(t.db, q),
    getContractPeriodTally(t.db, { orgId: s.orgId, contractId: s.contractId, period: "2026-Q3" }),
    listComments(t.db, { ...q, pageSize: 100 }),
    getResponseMonitor(t.db, q),
  ]);
  expect(period?.tally).toEqual(tally);
  return { tally: tally!, comments: comments.rows.map((r) => r.comment).sort(), monitor: monitor! };
}

const firstQuestion = (v: Awaited<ReturnType<typeof view>>) => v.tally.questions[s.questionIds[0]!];

describe("released tallies", () => {
  it("with 4 respondents nothing is shown but the count", async () => {
    await answer(4);
    const v = await view();
    expect(v.monitor.respondents).toBe(4);
    expect(v.tally.respondents).toBe(0);
    expect(Object.values(v.tally.questions).every((c) => c.every((n) => n === 0))).toBe(true);
    expect(v.comments).toEqual([]);
    expect(v.monitor.releasedRespondents).toBe(0);
    expect(v.monitor.straightLined).toBe(0);
    expect(v.monitor.nextReleaseAt).toBe(5);
  });

  it("at 5 the figures and the comments appear", async () => {
    await answer(1);
    const v = await view();
    expect(v.tally.respondents).toBe(5);
    expect(v.tally).toEqual(await liveTally(t.db, { orgId: s.orgId, campaignId: s.campaignId }));
    expect(firstQuestion(v)).toEqual([1, 1, 1, 1, 1]);
    expect(v.comments).toEqual(["comment 1", "comment 2", "comment 3", "comment 4", "comment 5"]);
    expect(v.monitor.straightLined).toBe(5);
    expect(v.monitor.nextReleaseAt).toBe(10);
  });

  it("a 6th answer changes only the respondent count, until the 10th", async () => {
    const released = await view();
    for (let n = 6; n <= 9; n++) {
      await answer(1);
      const v = await view();
      expect(v.monitor.respondents).toBe(n);
      expect(v.tally).toEqual(released.tally);
      expect(v.comments).toEqual(released.comments);
      expect(v.monitor.straightLined).toBe(released.monitor.straightLined);
    }
    await answer(1);
    const v = await view();
    expect(v.tally.respondents).toBe(10);
    expect(firstQuestion(v)).toEqual([2, 2, 2, 2, 2]);
    expect(v.comments).toHaveLength(10);
  });

  it("close releases the remainder", async () => {
    await answer(3);
    expect((await view()).tally.respondents).toBe(10);
    expect((await view()).comments).toHaveLength(10);
    expect(await setCampaignStatus(t.db, { orgId: s.orgId, actorUserId: s.supervisorId }, { campaignId: s.campaignId, status: "closed" })).toEqual({ ok: true });
    const v = await view();
    expect(v.tally.respondents).toBe(13);
    expect(v.tally).toEqual(await liveTally(t.db, { orgId: s.orgId, campaignId: s.campaignId }));
    expect(v.comments).toHaveLength(13);
    expect(v.monitor.respondents).toBe(13);
  });

  it("a campaign closed with fewer than 5 respondents never shows its figures", async () => {
    const few = await makeOpenSurvey(t.db, { invites: 3 });
    for (const code of few.inviteCodes) {
      expect(await submitResponse(t.db, { campaign: { inviteCode: code }, answers: answersFor(few.questionIds, 4), comment: "x", today: few.today })).toEqual({ ok: true });
    }
    await setCampaignStatus(t.db, { orgId: few.orgId, actorUserId: few.supervisorId }, { campaignId: few.campaignId, status: "closed" });
    expect((await getTally(t.db, { orgId: few.orgId, campaignId: few.campaignId }))?.respondents).toBe(0);
    expect((await listComments(t.db, { orgId: few.orgId, campaignId: few.campaignId })).total).toBe(0);
  });

  it("the per-day chart comes from the per-day counter", async () => {
    expect((await view()).monitor.byDay).toEqual([{ day: s.today, count: 13 }]);
  });
});
