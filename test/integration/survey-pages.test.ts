/**
 * The survey pages' loaders and actions, called directly with Requests against
 * a real libSQL file: who may open the supervisor pages, that another
 * organisation's campaign is a 404, that comments reach the page as plain
 * strings, the invite CSV (BOM, one row per code), and the public pages' states.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign, submitResponse } from "../../db/queries/surveys";
import { todayIn } from "../../domain/days";
import { periodOfDate } from "../../scoring/index";
import * as csvRoute from "../../app/routes/supervisor.surveys.$campaignId.invites[.]csv";
import * as monitorRoute from "../../app/routes/supervisor.surveys.$campaignId._index";
import * as posterRoute from "../../app/routes/supervisor.surveys.$campaignId.poster";
import * as pngRoute from "../../app/routes/supervisor.surveys.$campaignId.qr[.]png";
import * as slipsRoute from "../../app/routes/supervisor.surveys.$campaignId.slips";
import * as newRoute from "../../app/routes/supervisor.surveys.new";
import * as inviteRoute from "../../app/routes/i.$code";
import * as inviteEntry from "../../app/routes/invite";
import * as openRoute from "../../app/routes/s.$token";
import * as staffHome from "../../app/routes/staff._index";
import * as staffSurvey from "../../app/routes/staff.surveys.$campaignId";
import { answerFieldName } from "../../app/surveys/schema";
import { load, member, post, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeOrg } from "../helpers/factories";
import { answersFor, makeOpenSurvey, type SurveyFixture } from "../helpers/surveys";

let t: TestDb;
let survey: SurveyFixture;
let supervisor: SignedIn;
let staff: SignedIn;
let otherSupervisor: SignedIn;
/** A campaign open today (whatever day the test runs), with two invite codes. */
let live: { campaignId: string; token: string; codes: string[] };
const COMMENT = '<img src=x onerror="alert(1)">很好 & <b>干净</b>';

beforeAll(async () => {
  t = await installAppDb();
  survey = await makeOpenSurvey(t.db, { invites: 4 });
  supervisor = await member(t.db, survey.orgId, "supervisor");
  staff = await member(t.db, survey.orgId, "staff");
  otherSupervisor = await member(t.db, (await makeOrg(t.db)).id, "supervisor");
  const now = todayIn("Asia/Shanghai", new Date());
  const contract = await makeContract(t.db, { orgId: survey.orgId, serviceType: "greening", startOn: "2000-01-01", endOn: "2099-12-31" });
  const created = await createCampaign(
    t.db,
    { orgId: survey.orgId, actorUserId: supervisor.userId },
    { contractId: contract.id, period: periodOfDate(now), opensOn: now, closesOn: now, allowOpenLink: true, inviteCount: 2 },
  );
  if (!created.ok) throw new Error(created.error);
  live = { campaignId: created.campaignId, token: created.openToken, codes: created.inviteCodes };
  // Two responses on the September campaign's own days (its window is 2026-09-01 … 30).
  const today = survey.today;
  expect(
    await submitResponse(t.db, { campaign: { inviteCode: survey.inviteCodes[0]! }, answers: answersFor(survey.questionIds, 5), comment: COMMENT, today }),
  ).toEqual({ ok: true });
  expect(await submitResponse(t.db, { campaign: { token: survey.openToken }, answers: answersFor(survey.questionIds, (i) => (i % 2 ? 2 : 4)), today })).toEqual({
    ok: true,
  });
});
afterAll(async () => t?.cleanup());

const monitorPath = () => `/supervisor/surveys/${survey.campaignId}`;
const params = () => ({ campaignId: survey.campaignId });

describe("supervisor pages", () => {
  it("refuse staff with 403 and send anonymous visitors to sign in", async () => {
    expect((await load(monitorRoute.loader, monitorPath(), staff.cookie, params())).status).toBe(403);
    expect((await load(csvRoute.loader, `${monitorPath()}/invites.csv`, staff.cookie, params())).status).toBe(403);
    expect((await load(newRoute.loader, "/supervisor/surveys/new", staff.cookie)).status).toBe(403);
    expect((await post(monitorRoute.action, monitorPath(), { intent: "close" }, staff.cookie, params())).status).toBe(403);
    const anonymous = await load(monitorRoute.loader, monitorPath(), "", params());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("answer 404 for another organisation's campaign, on every page and file", async () => {
    for (const route of [monitorRoute, posterRoute, slipsRoute, csvRoute, pngRoute]) {
      const response = await load(route.loader, monitorPath(), otherSupervisor.cookie, params());
      expect(response.status).toBe(404);
    }
    expect((await post(monitorRoute.action, monitorPath(), { intent: "close" }, otherSupervisor.cookie, params())).status).toBe(404);
  });

  it("give the monitor its figures from the released tally only, with comments as plain strings", async () => {
    const monitor = async () => {
      const response = await load(monitorRoute.loader, monitorPath(), supervisor.cookie, params());
      expect(response.status).toBe(200);
      return (await response.json()) as Awaited<ReturnType<typeof monitorRoute.loader>>;
    };
    // Two respondents: only the count and the per-day counter move; figures and comments are withheld.
    let d = await monitor();
    expect(d.respondents).toBe(2);
    expect(d.release).toEqual({ respondents: 0, next: 5, every: 5 });
    expect(d.invites).toEqual({ total: 4, used: 1 });
    expect(d.straightLined).toBe(0);
    expect(d.comments.rows).toEqual([]);
    expect(d.overall).toBeNull();
    expect(d.questions.every((q) => q.rate === null)).toBe(true);
    expect(d.days.find((day) => day.day === survey.today)).toEqual({ day: survey.today, count: 2 });
    // Three more (all 3s) make five: the release shows the figures and the comment.
    for (let i = 0; i < 3; i++) {
      expect(await submitResponse(t.db, { campaign: { token: survey.openToken }, answers: answersFor(survey.questionIds, 3), today: survey.today })).toEqual({ ok: true });
    }
    d = await monitor();
    expect(d.respondents).toBe(5);
    expect(d.release).toEqual({ respondents: 5, next: 10, every: 5 });
    expect(d.straightLined).toBe(4); // the all-5 response and the three all-3 ones
    expect(d.comments.rows).toEqual([COMMENT]);
    expect(d.questions).toHaveLength(survey.questionIds.length);
    // Question 1 (index 0): 5, 4, 3, 3, 3 → 2 of 5 satisfied; question 2: 5, 2, 3, 3, 3 → 1 of 5.
    expect(d.questions[0]!.rate).toBe(0.4);
    expect(d.questions[1]!.rate).toBe(0.2);
    expect(d.days.reduce((a, day) => a + day.count, 0)).toBe(5);
    // The page shows the token to supervisors only; it is the open link's.
    expect(d.openLink).toBe(`http://localhost:3000/s/${survey.openToken}`);
  });

  it("export the invite codes as CSV with a UTF-8 BOM, one row per code, as an attachment", async () => {
    const response = await load(csvRoute.loader, `${monitorPath()}/invites.csv`, supervisor.cookie, params());
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const disposition = response.headers.get("Content-Disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="survey-invites-2026-Q3\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^满意度调查邀请码-.+-2026-Q3\.csv$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split("\r\n");
    // Whether a code was used, never when (issue 9 item 8): no day column.
    expect(lines[0]).toBe("邀请码,问卷链接,状态");
    expect(lines).toHaveLength(1 + survey.inviteCodes.length);
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual([...survey.inviteCodes].sort());
    const used = lines.find((l) => l.startsWith(survey.inviteCodes[0]!));
    expect(used).toBe(`${survey.inviteCodes[0]},http://localhost:3000/i/${survey.inviteCodes[0]},已使用`);
    expect(lines.join("\n")).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("refuse a campaign form without any way to distribute it, and a second campaign for the same quarter", async () => {
    const base = { contractId: survey.contractId, period: "2026-Q3", opensOn: "2026-09-01", closesOn: "2026-09-30" };
    const none = await post(newRoute.action, "/supervisor/surveys/new", { ...base, inviteCount: "0" }, supervisor.cookie);
    expect(none.status).toBe(400);
    expect(((await none.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.allowOpenLink).toEqual([
      "survey.campaignErrors.noDistribution",
    ]);
    const twice = await post(newRoute.action, "/supervisor/surveys/new", { ...base, allowOpenLink: "on", inviteCount: "0" }, supervisor.cookie);
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.contractId).toEqual(["survey.campaignErrors.duplicate"]);
  });
});

describe("public survey pages", () => {
  it("show a clear state for an unknown link, an unknown code and a used code", async () => {
    const unknown = await load(openRoute.loader, "/s/x", "", { token: "a".repeat(32) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ state: "unknown", campaign: null });

    const unknownCode = await load(inviteRoute.loader, "/i/ZZZZZZZZ", "", { code: "ZZZZZZZZ" });
    expect(unknownCode.status).toBe(404);
    expect(((await unknownCode.json()) as { state: string }).state).toBe("unknownCode");

    const code = live.codes[0]!;
    const fields = Object.fromEntries(
      ((await (await load(inviteRoute.loader, `/i/${code}`, "", { code })).json()) as { campaign: { questionnaire: { id: string }[] } }).campaign.questionnaire.map(
        (q) => [answerFieldName(q.id), "3"],
      ),
    );
    expect((await post(inviteRoute.action, `/i/${code}`, fields, "", { code })).status).toBe(302);
    const used = await load(inviteRoute.loader, `/i/${code}`, "", { code });
    expect(used.status).toBe(409);
    const body = (await used.json()) as { state: string; campaign: Record<string, unknown> };
    expect(body.state).toBe("used");
    const again = await post(inviteRoute.action, `/i/${code}`, fields, "", { code });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { state: string }).state).toBe("used");
    // Nothing secret or identifying reaches the page.
    expect(Object.keys(body.campaign).sort()).toEqual(
      ["closesOn", "commentMax", "contractorName", "opensOn", "orgName", "period", "questionnaire", "serviceType"].sort(),
    );
  });

  it("take a response through the open link once per device; a bad form comes back with its field errors", async () => {
    const token = live.token;
    const page = await load(openRoute.loader, `/s/${token}`, "", { token });
    const view = (await page.json()) as { state: string; campaign: { questionnaire: { id: string }[] } };
    expect(view.state).toBe("form");
    const ids = view.campaign.questionnaire.map((q) => q.id);

    const partial = await post(openRoute.action, `/s/${token}`, { [answerFieldName(ids[0]!)]: "5", comment: "好" }, "", { token });
    expect(partial.status).toBe(400);
    const errors = (await partial.json()) as { state: string; fieldErrors: Record<string, string[]>; values: { answers: Record<string, string> } };
    expect(errors.state).toBe("form");
    expect(Object.keys(errors.fieldErrors).sort()).toEqual(ids.slice(1).map(answerFieldName).sort());
    expect(errors.fieldErrors[answerFieldName(ids[1]!)]).toEqual(["survey.errors.answerRequired"]);
    expect(errors.values.answers).toEqual({ [ids[0]!]: "5" });

    const fields = Object.fromEntries(ids.map((id) => [answerFieldName(id), "4"]));
    const done = await post(openRoute.action, `/s/${token}`, fields, "", { token });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/s/${token}?done=1`);
    const device = (done.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    expect(device).toMatch(/^kaoping_survey_device=/);
    const again = await load(openRoute.loader, `/s/${token}`, device, { token });
    expect(((await again.json()) as { state: string }).state).toBe("already");
    const thanks = await load(openRoute.loader, `/s/${token}?done=1`, device, { token });
    expect(((await thanks.json()) as { state: string }).state).toBe("thanks");
  });

  it("forward a typed invite code to its survey, forgiving case, spaces and dashes", async () => {
    const code = live.codes[1]!;
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()} `;
    const forwarded = await post(inviteEntry.action, "/invite", { code: typed }, "");
    expect(forwarded.status).toBe(302);
    expect(forwarded.headers.get("Location")).toBe(`/i/${code}`);
    // 0, O, 1 and I never appear in a code; the wrong length neither.
    for (const bad of ["", "K7QW3MZ", "K7QW3MZO", "K7QW3MZD9"]) {
      const refused = await post(inviteEntry.action, "/invite", { code: bad }, "");
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.code).toEqual([
        bad ? "survey.invite.invalid" : "form.required",
      ]);
    }
  });

  it("answer a submission to a closed campaign with the closed page", async () => {
    // The September campaign's window is over by the real clock.
    const fields = Object.fromEntries(survey.questionIds.map((id) => [answerFieldName(id), "4"]));
    const closed = await post(inviteRoute.action, `/i/${survey.inviteCodes[1]}`, fields, "", { code: survey.inviteCodes[1]! });
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { state: string }).state).toBe("closed");
  });
});

describe("staff home", () => {
  it("lists the open surveys of the organisation only, marked once answered", async () => {
    const list = async () => ((await (await load(staffHome.loader, "/staff", staff.cookie)).json()) as { surveys: { campaignId: string; participated: boolean }[] }).surveys;
    expect(await list()).toEqual([expect.objectContaining({ campaignId: live.campaignId, participated: false })]);
    const page = (await (await load(staffSurvey.loader, `/staff/surveys/${live.campaignId}`, staff.cookie, { campaignId: live.campaignId })).json()) as {
      campaign: { questionnaire: { id: string }[] };
    };
    const fields = Object.fromEntries(page.campaign.questionnaire.map((q) => [answerFieldName(q.id), "5"]));
    const done = await post(staffSurvey.action, `/staff/surveys/${live.campaignId}`, fields, staff.cookie, { campaignId: live.campaignId });
    expect(done.status).toBe(302);
    expect(await list()).toEqual([expect.objectContaining({ campaignId: live.campaignId, participated: true })]);
    const again = await post(staffSurvey.action, `/staff/surveys/${live.campaignId}`, fields, staff.cookie, { campaignId: live.campaignId });
    expect(((await again.json()) as { state: string }).state).toBe("already");
    // Another organisation's campaign is unknown to this member.
    const foreign = await load(staffSurvey.loader, `/staff/surveys/${live.campaignId}`, otherSupervisor.cookie, { campaignId: live.campaignId });
    expect(foreign.status).toBe(404);
    expect((await load(staffHome.loader, "/staff", supervisor.cookie)).status).toBe(403);
  });
});
