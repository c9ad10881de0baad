/**
 * The survey monitor reads the satisfaction rule of its campaign's own rubric
 * version (issue 13), not the built-in default: a campaign built under an
 * organisation version where "satisfied" starts at 3 and the target is 80 %
 * shows that rule and rates answers of 3 as satisfied; a campaign of a
 * contract on the default keeps the default's rule.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCampaign, submitResponse } from "../../db/queries/surveys";
import { todayIn } from "../../domain/days";
import { defaultRubric, periodOfDate } from "../../scoring/index";
import type { Rubric } from "../../scoring/types";
import * as monitorRoute from "../../app/routes/supervisor.surveys.$campaignId._index";
import { load, member, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract } from "../helpers/factories";
import { makeScoresWorld, scoresRubric, type ScoresWorld } from "../helpers/scores";

let t: TestDb;
let w: ScoresWorld;
let supervisor: SignedIn;
const today = todayIn("Asia/Shanghai", new Date());
const period = periodOfDate(today);
const rule: Rubric["satisfaction"] = { satisfiedAtOrAbove: 3, targetRate: 0.8, floorRate: 0.5, minRespondents: 3 };

beforeAll(async () => {
  t = await installAppDb();
  w = await makeScoresWorld(t.db, { startOn: "2000-01-01", endOn: "2099-12-31", rubric: { ...scoresRubric(), satisfaction: rule } });
  supervisor = await member(t.db, w.orgId, "supervisor");
});
afterAll(async () => t?.cleanup());

type MonitorData = Awaited<ReturnType<typeof monitorRoute.loader>>;

async function campaignWithAnswers(contractId: string, answer: number): Promise<string> {
  const c = await createCampaign(t.db, w.ctx, { contractId, period, opensOn: today, closesOn: today, allowOpenLink: true, inviteCount: 0 });
  if (!c.ok) throw new Error(c.error);
  // Five respondents: the tally is released at every fifth.
  for (let i = 0; i < 5; i++) {
    expect(await submitResponse(t.db, { campaign: { token: c.openToken }, answers: { overall: answer, attitude: answer }, today })).toEqual({ ok: true });
  }
  return c.campaignId;
}

async function monitor(campaignId: string): Promise<MonitorData> {
  const response = await load(monitorRoute.loader, `/supervisor/surveys/${campaignId}`, supervisor.cookie, { campaignId });
  expect(response.status).toBe(200);
  return (await response.json()) as MonitorData;
}

it("shows the rule and the rate of the campaign's organisation version", async () => {
  const campaignId = await campaignWithAnswers(w.contractId, 3);
  const d = await monitor(campaignId);
  expect(d.campaign).toMatchObject({ rubricId: w.rubric.id, rubricVersion: w.rubric.version });
  expect(d.rule).toEqual(rule);
  expect(d.rule).not.toEqual(defaultRubric("property").satisfaction);
  // Every answer is a 3: satisfied under the version (≥ 3), not under the default (≥ 4).
  expect(d.release.respondents).toBe(5);
  expect(d.overall).toBe(1);
  expect(d.questions.map((q) => q.rate)).toEqual([1, 1]);
});

it("keeps the default's rule for a campaign of a contract on the default", async () => {
  const contract = await makeContract(t.db, { orgId: w.orgId, serviceType: "property", startOn: "2000-01-01", endOn: "2099-12-31", rubricVersionId: null });
  const c = await createCampaign(t.db, w.ctx, { contractId: contract.id, period, opensOn: today, closesOn: today, allowOpenLink: true, inviteCount: 0 });
  if (!c.ok) throw new Error(c.error);
  const d = await monitor(c.campaignId);
  const builtIn = defaultRubric("property");
  expect(d.campaign).toMatchObject({ rubricId: builtIn.id, rubricVersion: builtIn.version });
  expect(d.rule).toEqual(builtIn.satisfaction);
});
