/**
 * The open link's action remembers a campaign that takes responses for a
 * second (app/surveys/open-link-cache.server.ts). Closing it within that
 * second must still refuse (the write's SQL gate decides), and reopening must
 * take effect at once (a campaign that does not accept is never remembered).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCampaign, setCampaignStatus } from "../../db/queries/surveys";
import { todayIn } from "../../domain/days";
import { periodOfDate } from "../../scoring/index";
import * as openRoute from "../../app/routes/s.$token";
import { answerFieldName } from "../../app/surveys/schema";
import { member, post } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeOrg } from "../helpers/factories";
import { liveTally } from "../helpers/surveys";

let t: TestDb;
beforeAll(async () => {
  t = await installAppDb();
});
afterAll(async () => t?.cleanup());

it("refuses at once after a close, and takes responses at once after a reopen", async () => {
  const org = await makeOrg(t.db);
  const supervisor = await member(t.db, org.id, "supervisor");
  const today = todayIn("Asia/Shanghai", new Date());
  const contract = await makeContract(t.db, { orgId: org.id, serviceType: "catering", startOn: "2000-01-01", endOn: "2099-12-31" });
  const ctx = { orgId: org.id, actorUserId: supervisor.userId };
  const created = await createCampaign(t.db, ctx, { contractId: contract.id, period: periodOfDate(today), opensOn: today, closesOn: today, allowOpenLink: true, inviteCount: 0 });
  if (!created.ok) throw new Error(created.error);
  const [row] = (await t.client.execute({ sql: "SELECT questionnaire FROM survey_campaigns WHERE id = ?", args: [created.campaignId] })).rows;
  const ids = (JSON.parse(String(row!.questionnaire)) as { id: string }[]).map((q) => q.id);
  const fields = Object.fromEntries(ids.map((id) => [answerFieldName(id), "4"]));
  const token = created.openToken;
  const submit = () => post(openRoute.action, `/s/${token}`, fields, "", { token });
  const respondents = async () => (await liveTally(t.db, { orgId: org.id, campaignId: created.campaignId }))!.respondents;

  expect((await submit()).status).toBe(302); // remembered now
  await setCampaignStatus(t.db, ctx, { campaignId: created.campaignId, status: "closed" });
  const refused = await submit();
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { state: string }).state).toBe("closed");
  expect(await respondents()).toBe(1);
  await setCampaignStatus(t.db, ctx, { campaignId: created.campaignId, status: "open" });
  expect((await submit()).status).toBe(302);
  expect(await respondents()).toBe(2);
});
