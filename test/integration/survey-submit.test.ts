/**
 * Survey submission against a real libSQL file: the tallies always equal a
 * recount of the stored responses after any mix of valid, invalid and
 * duplicate submissions (property test), and every refused submission —
 * bad answers, extra fields, a 1 MB comment, control characters, a closed,
 * finalised or forged campaign — gets its own message and writes nothing.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  addInvites,
  createCampaign,
  findCampaignByInviteCode,
  findCampaignByToken,
  getCampaign,
  getResponseMonitor,
  listComments,
  listOpenSurveysForUser,
  setCampaignStatus,
  submitResponse,
  type SubmitResult,
} from "../../db/queries/surveys";
import { tallyResponses } from "../../scoring/index";
import { handleSurveySubmission } from "../../app/surveys/submit.server";
import { answerFieldName } from "../../app/surveys/schema";
import { SURVEY_SUBMISSIONS_PER_MINUTE, surveyRateLimiter } from "../../app/surveys/rate-limit.server";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractQuarter, makeOrg, makeRubricVersion, makeUser, sampleRubric } from "../helpers/factories";
import { formPost } from "../helpers/requests";
import { answersFor, liveTally, makeOpenSurvey, recountTally, surveyTableCounts, type SurveyFixture } from "../helpers/surveys";

process.env.SESSION_SECRET ??= "survey-submit-test-secret-0123456789abcdef";

let t: TestDb;
beforeAll(async () => {
  t = await installAppDb();
});
afterAll(async () => t?.cleanup());

/** 2026-09-10 noon in Shanghai: inside every fixture's window. */
const NOON = new Date("2026-09-10T04:00:00Z");

/** The tally of the accepted submissions, with every question present. */
function expectedTally(questionIds: string[], accepted: Record<string, number>[]) {
  const tally = tallyResponses(accepted.map((answers) => ({ answers })));
  const questions = Object.fromEntries([...questionIds].sort().map((id) => [id, tally.questions[id] ?? [0, 0, 0, 0, 0]]));
  return { respondents: accepted.length, questions };
}

describe("tallies equal a recount of the responses", () => {
  type Action =
    | { kind: "invite"; index: number; values: number[]; comment: string | null }
    | { kind: "open"; values: number[] }
    | { kind: "staff"; index: number; values: number[] }
    | { kind: "bad"; variant: "missing" | "range" | "extra" | "fraction" | "control"; index: number; values: number[] }
    | { kind: "status"; status: "open" | "closed" };

  const QUESTIONS = 8; // the catering questionnaire
  const values = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: QUESTIONS, maxLength: QUESTIONS });
  const action: fc.Arbitrary<Action> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant("invite" as const), index: fc.nat(5), values, comment: fc.option(fc.string({ maxLength: 20 }), { nil: null }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("open" as const), values }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("staff" as const), index: fc.nat(2), values }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("bad" as const),
        variant: fc.constantFrom("missing" as const, "range" as const, "extra" as const, "fraction" as const, "control" as const),
        index: fc.nat(5),
        values,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("status" as const), status: fc.constantFrom("open" as const, "closed" as const) }) },
  );

  async function run(s: SurveyFixture, a: Action): Promise<{ result: SubmitResult; answers?: Record<string, number> }> {
    const ids = s.questionIds;
    const answers = (v: number[]) => answersFor(ids, (i) => v[i]!);
    switch (a.kind) {
      case "invite":
        return {
          result: await submitResponse(t.db, { campaign: { inviteCode: s.inviteCodes[a.index]! }, answers: answers(a.values), comment: a.comment, today: s.today }),
          answers: answers(a.values),
        };
      case "open":
        return { result: await submitResponse(t.db, { campaign: { token: s.openToken }, answers: answers(a.values), today: s.today }), answers: answers(a.values) };
      case "staff":
        return {
          result: await submitResponse(t.db, {
            campaign: { campaignId: s.campaignId, orgId: s.orgId },
            participant: { userId: s.staffIds[a.index]! },
            answers: answers(a.values),
            today: s.today,
          }),
          answers: answers(a.values),
        };
      case "bad": {
        const good = answers(a.values);
        const bad: Record<string, number> =
          a.variant === "missing"
            ? Object.fromEntries(Object.entries(good).slice(1))
            : a.variant === "range"
              ? { ...good, [ids[0]!]: 6 }
              : a.variant === "extra"
                ? { ...good, "not.a.question": 3 }
                : a.variant === "fraction"
                  ? { ...good, [ids[1]!]: 2.5 }
                  : good;
        const comment = a.variant === "control" ? "bad\u0000comment" : null;
        return { result: await submitResponse(t.db, { campaign: { inviteCode: s.inviteCodes[a.index]! }, answers: bad, comment, today: s.today }) };
      }
      case "status":
        await setCampaignStatus(t.db, { orgId: s.orgId, actorUserId: s.supervisorId }, { campaignId: s.campaignId, status: a.status });
        return { result: { ok: true } };
    }
  }

  it("after a random mix of valid, invalid and duplicate submissions, some of them concurrent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(action, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), async (rounds) => {
        const s = await makeOpenSurvey(t.db, { invites: 6, staff: 3 });
        const accepted: Record<string, number>[] = [];
        let open = true;
        const usedInvites = new Set<number>();
        const participated = new Set<number>();
        for (const round of rounds) {
          // Status changes run alone; the submissions of a round run concurrently.
          for (const a of round.filter((x) => x.kind === "status")) {
            await run(s, a);
            open = a.status === "open";
          }
          const submissions = round.filter((x) => x.kind !== "status");
          const outcomes = await Promise.all(submissions.map((a) => run(s, a)));
          outcomes.forEach(({ result, answers }, i) => {
            const a = submissions[i]!;
            if (result.ok) accepted.push(answers!);
            // What the model allows: anything bad is refused, nothing is accepted while closed.
            if (a.kind === "bad") expect(result).toEqual({ ok: false, error: "invalid" });
            if (!open) expect(result.ok).toBe(false);
          });
          // One success per invite and per staff member, whatever ran concurrently.
          for (const [i, a] of submissions.entries()) {
            if (!outcomes[i]!.result.ok) continue;
            if (a.kind === "invite") {
              expect(usedInvites.has(a.index)).toBe(false);
              usedInvites.add(a.index);
            }
            if (a.kind === "staff") {
              expect(participated.has(a.index)).toBe(false);
              participated.add(a.index);
            }
          }
          if (open) {
            // While open, every valid first use succeeds.
            const firstUses = new Set(submissions.filter((a) => a.kind === "invite").map((a) => (a as { index: number }).index));
            for (const index of firstUses) expect(usedInvites.has(index)).toBe(true);
          }
        }
        const q = { orgId: s.orgId, campaignId: s.campaignId };
        const tally = await liveTally(t.db, q);
        expect(tally).toEqual(await recountTally(t.db, q));
        expect(tally).toEqual(expectedTally(s.questionIds, accepted));
        const monitor = await getResponseMonitor(t.db, q);
        expect(monitor?.respondents).toBe(accepted.length);
        expect(monitor?.straightLined).toBe(accepted.filter((a) => new Set(Object.values(a)).size === 1).length);
        expect(monitor?.invites.used).toBe(usedInvites.size);
      }),
      { numRuns: 30, seed: 20260910 },
    );
  });
});

describe("refused submissions write nothing", () => {
  let s: SurveyFixture;
  const form = (answers: Record<string, string | number>, extra: Record<string, string> = {}) => {
    const fields: Record<string, string> = { ...extra };
    for (const [id, v] of Object.entries(answers)) fields[answerFieldName(id)] = String(v);
    return fields;
  };
  const post = (path: string, fields: Record<string, string>, cookie?: string) => formPost(path, fields, cookie);

  beforeEach(async () => {
    s = await makeOpenSurvey(t.db, { invites: 5, staff: 1 });
  });

  async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
    const before = await surveyTableCounts(t.db);
    const result = await fn();
    expect(await surveyTableCounts(t.db)).toEqual(before);
    return result;
  }

  const submit = (fields: Record<string, string>, target: Parameters<typeof handleSurveySubmission>[0]["target"], cookie?: string) =>
    handleSurveySubmission({ request: post("/s/x", fields, cookie), target, clientIp: `10.0.0.${Math.floor(Math.random() * 250)}`, now: NOON });

  it("accepts a valid form through the invite and the open link", async () => {
    const ok1 = await submit(form(answersFor(s.questionIds, 5), { comment: "很好" }), { inviteCode: s.inviteCodes[0]! });
    expect(ok1.ok).toBe(true);
    const ok2 = await submit(form(answersFor(s.questionIds, 4)), { token: s.openToken });
    expect(ok2.ok).toBe(true);
    expect(ok2.ok && ok2.headers.get("Set-Cookie")).toMatch(/^kaoping_survey_device=/);
    expect((await liveTally(t.db, { orgId: s.orgId, campaignId: s.campaignId }))?.respondents).toBe(2);
  });

  it("missing answers: a required message on each missing question", async () => {
    const answers = answersFor(s.questionIds, 4);
    delete answers[s.questionIds[0]!];
    delete answers[s.questionIds[3]!];
    const r = await expectNoWrite(() => submit(form(answers), { inviteCode: s.inviteCodes[0]! }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe("form");
    expect(r.status).toBe(400);
    expect(r.fieldErrors).toEqual({
      [answerFieldName(s.questionIds[0]!)]: ["survey.errors.answerRequired"],
      [answerFieldName(s.questionIds[3]!)]: ["survey.errors.answerRequired"],
    });
    // The answers given are handed back to re-fill the form.
    expect(r.values?.answers[s.questionIds[1]!]).toBe("4");
  });

  it.each([["0"], ["6"], ["-1"], ["2.5"], ["五"], [""]])("an answer of %j", async (value) => {
    const answers: Record<string, string | number> = answersFor(s.questionIds, 3);
    answers[s.questionIds[2]!] = value;
    const r = await expectNoWrite(() => submit(form(answers), { inviteCode: s.inviteCodes[0]! }));
    expect(!r.ok && r.fieldErrors[answerFieldName(s.questionIds[2]!)]).toEqual([
      value === "" ? "survey.errors.answerRequired" : "survey.errors.answerInvalid",
    ]);
  });

  it("extra fields and extra answers", async () => {
    const r1 = await expectNoWrite(() => submit(form(answersFor(s.questionIds), { userId: "someone" }), { inviteCode: s.inviteCodes[0]! }));
    expect(!r1.ok && r1.fieldErrors).toEqual({ _form: ["survey.errors.unknownField"] });
    const r2 = await expectNoWrite(() =>
      submit(form({ ...answersFor(s.questionIds), "catering.q.invented": 5 }), { inviteCode: s.inviteCodes[0]! }),
    );
    expect(!r2.ok && r2.fieldErrors).toEqual({ answers: ["survey.errors.unknownField"] });
  });

  it("a 1 MB comment is refused before it is parsed", async () => {
    const r = await expectNoWrite(() => submit(form(answersFor(s.questionIds), { comment: "长".repeat(1024 * 1024) }), { token: s.openToken }));
    expect(r).toMatchObject({ ok: false, error: "too_large", status: 413, formError: "survey.errors.tooLarge" });
    // The same, declared up front in Content-Length (as a real HTTP client sends it): refused before reading.
    const body = new URLSearchParams(form(answersFor(s.questionIds), { comment: "长".repeat(1024 * 1024) })).toString();
    const request = new Request("http://localhost:3000/s/x", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) },
      body,
    });
    const declared = await expectNoWrite(() => handleSurveySubmission({ request, target: { token: s.openToken }, clientIp: "10.9.9.9", now: NOON }));
    expect(declared).toMatchObject({ ok: false, error: "too_large", status: 413 });
  });

  it("a comment over 500 characters, and control characters", async () => {
    const r1 = await expectNoWrite(() => submit(form(answersFor(s.questionIds), { comment: "长".repeat(501) }), { token: s.openToken }));
    expect(!r1.ok && r1.fieldErrors).toEqual({ comment: ['survey.errors.commentTooLong|{"max":500}'] });
    const r2 = await expectNoWrite(() => submit(form(answersFor(s.questionIds), { comment: "好\u001b[31m" }), { token: s.openToken }));
    expect(!r2.ok && r2.fieldErrors).toEqual({ comment: ["survey.errors.commentControlChars"] });
  });

  it("a forged token or invite code", async () => {
    const r1 = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), { token: "A".repeat(32) }));
    expect(r1).toMatchObject({ ok: false, error: "not_found", status: 404, formError: "survey.errors.not_found" });
    const r2 = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), { token: "../../etc/passwd" }));
    expect(r2).toMatchObject({ ok: false, error: "not_found" });
    const r3 = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), { inviteCode: "ZZZZZZZZ" }));
    expect(r3).toMatchObject({ ok: false, error: "not_found" });
    expect(await submitResponse(t.db, { campaign: { inviteCode: "' OR 1=1 --" }, answers: answersFor(s.questionIds), today: s.today })).toEqual({
      ok: false,
      error: "not_found",
    });
  });

  it("a used invite, a second answer from one device, a second answer from one staff member", async () => {
    expect((await submit(form(answersFor(s.questionIds)), { inviteCode: s.inviteCodes[1]! })).ok).toBe(true);
    const r1 = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), { inviteCode: s.inviteCodes[1]! }));
    expect(r1).toMatchObject({ ok: false, error: "invite_used", status: 409, formError: "survey.errors.invite_used" });

    const first = await submit(form(answersFor(s.questionIds)), { token: s.openToken });
    const cookie = (first.ok && first.headers.get("Set-Cookie")?.split(";")[0]) || "";
    expect(cookie).not.toBe("");
    const r2 = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), { token: s.openToken }, cookie));
    expect(r2).toMatchObject({ ok: false, error: "device_already_answered", formError: "survey.errors.deviceAlreadyAnswered" });
    // A tampered cookie is ignored, not trusted.
    const forged = `kaoping_survey_device=${Buffer.from(JSON.stringify(["x"])).toString("base64")}`;
    expect((await submit(form(answersFor(s.questionIds)), { token: s.openToken }, forged)).ok).toBe(true);

    const staff = { campaignId: s.campaignId, orgId: s.orgId, userId: s.staffIds[0]! };
    expect((await submit(form(answersFor(s.questionIds)), staff)).ok).toBe(true);
    const r3 = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), staff));
    expect(r3).toMatchObject({ ok: false, error: "already_participated", formError: "survey.errors.already_participated" });
    expect(await listOpenSurveysForUser(t.db, { orgId: s.orgId, userId: s.staffIds[0]!, today: s.today })).toMatchObject([
      { campaignId: s.campaignId, participated: true },
    ]);
  });

  it("a closed campaign, one not open yet, one past its closing day", async () => {
    const ctx = { orgId: s.orgId, actorUserId: s.supervisorId };
    expect(await setCampaignStatus(t.db, ctx, { campaignId: s.campaignId, status: "closed" })).toEqual({ ok: true });
    const r1 = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), { token: s.openToken }));
    expect(r1).toMatchObject({ ok: false, error: "closed", formError: "survey.errors.closed" });
    await setCampaignStatus(t.db, ctx, { campaignId: s.campaignId, status: "open" });
    const before = await surveyTableCounts(t.db);
    expect(await submitResponse(t.db, { campaign: { inviteCode: s.inviteCodes[2]! }, answers: answersFor(s.questionIds), today: "2026-08-31" })).toEqual({
      ok: false,
      error: "not_open_yet",
    });
    expect(await submitResponse(t.db, { campaign: { inviteCode: s.inviteCodes[2]! }, answers: answersFor(s.questionIds), today: "2026-10-01" })).toEqual({
      ok: false,
      error: "closed",
    });
    expect(await surveyTableCounts(t.db)).toEqual(before);
  });

  it("a finalised quarter refuses responses and reopening", async () => {
    await makeContractQuarter(t.db, { orgId: s.orgId, contractId: s.contractId, period: "2026-Q3", status: "finalised", revision: 1 });
    const r = await expectNoWrite(() => submit(form(answersFor(s.questionIds)), { inviteCode: s.inviteCodes[0]! }));
    expect(r).toMatchObject({ ok: false, error: "finalised", formError: "survey.errors.finalised" });
    // The guard inside the write refuses too, even when the look-up before it is skipped.
    await expectNoWrite(async () =>
      expect(await submitResponse(t.db, { campaign: { token: s.openToken }, answers: answersFor(s.questionIds), today: s.today })).toEqual({
        ok: false,
        error: "finalised",
      }),
    );
    const ctx = { orgId: s.orgId, actorUserId: s.supervisorId };
    await setCampaignStatus(t.db, ctx, { campaignId: s.campaignId, status: "closed" });
    expect(await setCampaignStatus(t.db, ctx, { campaignId: s.campaignId, status: "open" })).toEqual({ ok: false, error: "finalised" });
    expect(await addInvites(t.db, ctx, { campaignId: s.campaignId, count: 3 })).toEqual({ ok: false, error: "finalised" });
    // Only that contract's quarter: another campaign (another contract) still takes answers.
    const other = await makeOpenSurvey(t.db, { invites: 1 });
    expect(await findCampaignByToken(t.db, other.openToken, NOON)).toMatchObject({ acceptsResponses: true, reason: null });
    expect(await getCampaign(t.db, { orgId: other.orgId, campaignId: other.campaignId, now: NOON })).toMatchObject({ quarterStatus: "open", acceptsResponses: true });
    expect(await listOpenSurveysForUser(t.db, { orgId: s.orgId, userId: s.staffIds[0]!, today: s.today })).toEqual([]);
    expect((await submitResponse(t.db, { campaign: { inviteCode: other.inviteCodes[0]! }, answers: answersFor(other.questionIds), today: other.today })).ok).toBe(true);
  });

  it("the data layer refuses what the schema would (defence in depth)", async () => {
    const base = { campaign: { inviteCode: s.inviteCodes[0]! }, today: s.today } as const;
    const good = answersFor(s.questionIds);
    await expectNoWrite(async () => {
      for (const input of [
        { ...base, answers: { ...good, [s.questionIds[0]!]: 0 } },
        { ...base, answers: { ...good, [s.questionIds[0]!]: 3.5 } },
        { ...base, answers: { ...good, [s.questionIds[0]!]: "5" as unknown as number } },
        { ...base, answers: { ...good, extra: 3 } },
        { ...base, answers: good, comment: "x".repeat(501) },
        { ...base, answers: good, comment: "\u0007" },
        { ...base, answers: good, today: "2026-09-10T08:00:00Z" },
        { ...base, answers: good, participant: { userId: s.staffIds[0]! } },
        { campaign: { campaignId: s.campaignId, orgId: s.orgId }, answers: good, today: s.today },
      ]) {
        expect(await submitResponse(t.db, input)).toEqual({ ok: false, error: "invalid" });
      }
    });
    // Another organisation's member is no participant here.
    const outsider = await makeUser(t.db);
    await expectNoWrite(async () =>
      expect(
        await submitResponse(t.db, { campaign: { campaignId: s.campaignId, orgId: s.orgId }, participant: { userId: outsider.id }, answers: good, today: s.today }),
      ).toEqual({ ok: false, error: "not_found" }),
    );
  });

  it("rate-limits submissions per address and campaign", async () => {
    const many = await makeOpenSurvey(t.db, { invites: SURVEY_SUBMISSIONS_PER_MINUTE + 5 });
    const ip = "203.0.113.7";
    const results = [];
    for (const code of many.inviteCodes) {
      results.push(
        await handleSurveySubmission({ request: post("/i/x", form(answersFor(many.questionIds))), target: { inviteCode: code }, clientIp: ip, now: NOON }),
      );
    }
    expect(results.filter((r) => r.ok)).toHaveLength(SURVEY_SUBMISSIONS_PER_MINUTE);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ error: "rate_limited", status: 429, formError: "survey.errors.rateLimited" });
    expect(refused[0]!.headers.get("Retry-After")).toMatch(/^\d+$/);
    // A minute later the bucket has refilled.
    const later = await handleSurveySubmission({
      request: post("/i/x", form(answersFor(many.questionIds))),
      target: { inviteCode: many.inviteCodes[many.inviteCodes.length - 1]! }, // one of the refused ones
      clientIp: ip,
      now: new Date(NOON.getTime() + 60_000),
    });
    expect(later.ok).toBe(true);
    expect(surveyRateLimiter().size).toBeGreaterThan(0);
  });
});

describe("campaigns", () => {
  it("takes the questionnaire from the contract's rubric version, else the service type's default", async () => {
    const org = await makeOrg(t.db);
    const user = await makeUser(t.db);
    const version = await makeRubricVersion(t.db, { orgId: org.id, createdBy: user.id, rubric: sampleRubric("property", "2026.7") });
    const own = await makeContract(t.db, { orgId: org.id, rubricVersionId: version.id });
    const builtIn = await makeContract(t.db, { orgId: org.id, serviceType: "greening" });
    const ctx = { orgId: org.id, actorUserId: user.id };
    const input = { period: "2026-Q3", opensOn: "2026-09-01", closesOn: "2026-09-30", allowOpenLink: true, inviteCount: 2 };
    const a = await createCampaign(t.db, ctx, { ...input, contractId: own.id });
    const b = await createCampaign(t.db, ctx, { ...input, contractId: builtIn.id });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const ca = await getCampaign(t.db, { orgId: org.id, campaignId: a.campaignId });
    expect(ca).toMatchObject({ rubricId: "test-property", rubricVersion: "2026.7", invitesTotal: 2, respondents: 0 });
    expect(ca?.questionnaire.map((q) => q.id)).toEqual(["overall", "attitude"]);
    const cb = await getCampaign(t.db, { orgId: org.id, campaignId: b.campaignId });
    expect(cb?.rubricId).toBe("greening");
    expect(cb?.questionnaire.length).toBeGreaterThanOrEqual(6);
    // The audit entry never holds the token or the codes.
    const audit = await t.db.all<{ after: string }>(sql`SELECT after FROM audit_log WHERE entity_id = ${a.campaignId}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).not.toContain(a.openToken);
    for (const code of a.inviteCodes) expect(audit[0]!.after).not.toContain(code);
  });

  it("refuses a second campaign, another organisation's contract, a finalised quarter, bad dates", async () => {
    const s = await makeOpenSurvey(t.db);
    const ctx = { orgId: s.orgId, actorUserId: s.supervisorId };
    const input = { contractId: s.contractId, period: "2026-Q3", opensOn: "2026-09-01", closesOn: "2026-09-30", allowOpenLink: true, inviteCount: 0 };
    expect(await createCampaign(t.db, ctx, input)).toEqual({ ok: false, error: "exists" });
    const other = await makeOpenSurvey(t.db);
    expect(await createCampaign(t.db, ctx, { ...input, contractId: other.contractId, period: "2026-Q4" })).toEqual({ ok: false, error: "not_found" });
    await makeContractQuarter(t.db, { orgId: s.orgId, contractId: s.contractId, period: "2026-Q2", status: "finalised", revision: 1 });
    expect(await createCampaign(t.db, ctx, { ...input, period: "2026-Q2" })).toEqual({ ok: false, error: "finalised" });
    expect(await createCampaign(t.db, ctx, { ...input, period: "2026-Q4", closesOn: "2026-08-01" })).toEqual({ ok: false, error: "invalid" });
    expect(await createCampaign(t.db, ctx, { ...input, period: "2030-Q1" })).toEqual({ ok: false, error: "outside_term" });
    expect(await createCampaign(t.db, ctx, { ...input, period: "2026-Q4", inviteCount: -1 })).toEqual({ ok: false, error: "invalid" });
  });

  it("public look-ups say why a campaign does not take answers", async () => {
    const s = await makeOpenSurvey(t.db, { invites: 2, allowOpenLink: false });
    expect(await findCampaignByToken(t.db, s.openToken, NOON)).toMatchObject({ acceptsResponses: false, reason: "no_open_link" });
    const code = s.inviteCodes[0]!;
    const spaced = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    expect(await findCampaignByInviteCode(t.db, spaced, NOON)).toMatchObject({ acceptsResponses: true, reason: null, inviteCode: code, today: "2026-09-10" });
    expect(await submitResponse(t.db, { campaign: { token: s.openToken }, answers: answersFor(s.questionIds), today: s.today })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect((await submitResponse(t.db, { campaign: { inviteCode: spaced }, answers: answersFor(s.questionIds), today: s.today })).ok).toBe(true);
    expect(await findCampaignByInviteCode(t.db, code, NOON)).toMatchObject({ acceptsResponses: false, reason: "invite_used", inviteUsed: true });
    expect(await findCampaignByInviteCode(t.db, code, new Date("2026-10-08T04:00:00Z"))).toMatchObject({ reason: "closed" });
    expect(await findCampaignByInviteCode(t.db, s.inviteCodes[1]!, new Date("2026-08-01T04:00:00Z"))).toMatchObject({ reason: "not_open_yet" });
    expect(await findCampaignByToken(t.db, "x".repeat(32))).toBeNull();
  });

  it("lists comments in an order that follows no submission order", async () => {
    const s = await makeOpenSurvey(t.db, { invites: 12 });
    for (const [i, code] of s.inviteCodes.entries()) {
      await submitResponse(t.db, { campaign: { inviteCode: code }, answers: answersFor(s.questionIds), comment: `comment ${String(i).padStart(2, "0")}`, today: s.today });
    }
    // Twelve respondents: released at 5 and 10, so ten comments are shown; closing releases the last two.
    expect((await listComments(t.db, { orgId: s.orgId, campaignId: s.campaignId, pageSize: 100 })).total).toBe(10);
    await setCampaignStatus(t.db, { orgId: s.orgId, actorUserId: s.supervisorId }, { campaignId: s.campaignId, status: "closed" });
    const page = await listComments(t.db, { orgId: s.orgId, campaignId: s.campaignId, pageSize: 100 });
    expect(page.total).toBe(12);
    expect(Object.keys(page.rows[0]!)).toEqual(["comment"]);
    const sorted = page.rows.map((r) => r.comment);
    // 12! orders: the chance that random ids give back the submission order is 2e-9.
    expect(sorted).not.toEqual([...sorted].sort());
  });
});
