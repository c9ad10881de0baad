/**
 * Fuzzing the public survey action (the open link, `/s/:token`) as a browser
 * or a script would hit it: a valid submission is stored first (so the target
 * is live), then a few hundred malformed ones — missing or out-of-range
 * answers, text and fractions, extra and prototype-polluting fields, huge and
 * control-character comments, repeated fields, wrong encodings, forged tokens.
 * Each must get a clear refusal (4xx, never 5xx) and write nothing.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { periodEnd, periodOfDate as periodOf, periodStart } from "../../scoring/dates";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { ORIGIN, settle } from "../helpers/requests";
import { makeOpenSurvey, surveyTableCounts, type SurveyFixture } from "../helpers/surveys";
import { answerFieldName, COMMENT_FIELD } from "~/surveys/schema";
import { action } from "~/routes/s.$token";

let t: TestDb;
let survey: SurveyFixture;

beforeAll(async () => {
  t = await installAppDb();
  // A campaign open today (the action reads the real clock, in the organisation's zone).
  const today = todayIn("Asia/Shanghai", new Date());
  const period = periodOf(today);
  const [startOn, endOn] = [periodStart(period), periodEnd(period)];
  survey = await makeOpenSurvey(t.db, { period, opensOn: startOn, closesOn: endOn });
});
afterAll(async () => t?.cleanup());

let address = 0;
async function post(body: BodyInit, contentType = "application/x-www-form-urlencoded", token = survey.openToken) {
  const request = new Request(`${ORIGIN}/s/${token}`, {
    method: "POST",
    headers: { "Content-Type": contentType, Origin: ORIGIN },
    body,
  });
  // Each request from its own address, so the per-address rate limit is not what refuses.
  return settle(() => action({ request, params: { token }, context: { clientIp: `198.51.100.${address++ % 250}` } }));
}

function validFields(): [string, string][] {
  return survey.questionIds.map((id) => [answerFieldName(id), "4"]);
}

type Defect =
  | { kind: "drop"; index: number }
  | { kind: "value"; index: number; value: string }
  | { kind: "extra"; name: string; value: string }
  | { kind: "duplicate"; index: number; value: string }
  | { kind: "comment"; value: string };

const badValue = fc.oneof(
  fc.constantFrom("0", "6", "-1", "2.5", "4.0", "1e0", "五", "", " ", "NaN", "Infinity", "0x4", "4 ", "99999999999999999999"),
  fc.string({ maxLength: 12 }).filter((s) => !/^[1-5]$/.test(s)),
);
const defect: fc.Arbitrary<Defect> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), index: fc.nat(7) }),
  fc.record({ kind: fc.constant("value" as const), index: fc.nat(7), value: badValue }),
  fc.record({
    kind: fc.constant("extra" as const),
    name: fc.oneof(fc.constantFrom("__proto__", "constructor", "answers.unknown:q", "answers", "userId", "inviteId", "answers.__proto__"), fc.string({ minLength: 1, maxLength: 20 })),
    value: fc.string({ maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant("duplicate" as const), index: fc.nat(7), value: fc.constantFrom("1", "5", "3") }),
  fc.record({
    kind: fc.constant("comment" as const),
    value: fc.oneof(
      fc.constant("好".repeat(501)),
      fc.constant("x".repeat(1024 * 1024)),
      fc.constantFrom("\u0000", "a\u0007b", "\u001b[31m红", "ok\u007f"),
    ),
  }),
);

function applyDefects(defects: Defect[]): [string, string][] {
  let fields = validFields();
  for (const d of defects) {
    const target = "index" in d ? fields[d.index % Math.max(1, fields.length)] : undefined;
    switch (d.kind) {
      case "drop":
        fields = fields.filter((_, i) => i !== d.index % fields.length);
        break;
      case "value":
        if (target) target[1] = d.value;
        break;
      case "extra":
        // An extra field that happens to be a real answer or the comment is no defect: rename it.
        fields.push([survey.questionIds.some((id) => answerFieldName(id) === d.name) || d.name === COMMENT_FIELD ? `${d.name}_x` : d.name, d.value]);
        break;
      case "duplicate":
        if (target) fields.push([target[0], d.value]);
        break;
      case "comment":
        fields.push([COMMENT_FIELD, d.value]);
        break;
    }
  }
  return fields;
}

it("stores a valid submission, then refuses a few hundred malformed ones with no 5xx and no new rows", async () => {
  const start = await surveyTableCounts(t.db);
  const ok = await post(new URLSearchParams(validFields()));
  expect(ok.status).toBe(302);
  const afterValid = await surveyTableCounts(t.db);
  expect(afterValid["survey_responses"]).toBe(start["survey_responses"] + 1);
  expect(afterValid["survey_campaign_counts.respondents"]).toBe(start["survey_campaign_counts.respondents"] + 1);

  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  await fc.assert(
    fc.asyncProperty(fc.array(defect, { minLength: 1, maxLength: 3 }), async (defects) => {
      const response = await post(new URLSearchParams(applyDefects(defects)));
      count(response.status);
      return response.status >= 400 && response.status < 500;
    }),
    { numRuns: 250, seed: 20261123 },
  );

  // Other shapes of nonsense: wrong encodings, no body, a forged or malformed token.
  const odd: Array<() => Promise<Response>> = [
    () => post(JSON.stringify(Object.fromEntries(validFields())), "application/json"),
    () => post("", "application/x-www-form-urlencoded"),
    () => post("%E0%A4%A", "application/x-www-form-urlencoded"),
    () => post("answers=1&answers=2", "text/plain"),
    () => post(new URLSearchParams(validFields()), "application/x-www-form-urlencoded", "forged-token-forged-token-forged-"),
    () => post(new URLSearchParams(validFields()), "application/x-www-form-urlencoded", "../../etc/passwd"),
    () => post(new URLSearchParams(validFields()), "application/x-www-form-urlencoded", "'; DROP TABLE survey_responses; --"),
  ];
  for (const send of odd) {
    const response = await send();
    count(response.status);
    expect(response.status, `status ${response.status}`).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  }

  expect(await surveyTableCounts(t.db)).toEqual(afterValid);
  expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
});
