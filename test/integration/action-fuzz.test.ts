/**
 * Every action of the app, found the way Remix finds them (the flat-route
 * files of app/routes that export `action`), gets malformed bodies: JSON,
 * empty, the wrong content type, repeated fields, `.0` / `.__proto__` / very
 * deep dotted names, huge values, control characters, broken percent-encoding,
 * multipart garbage, and random names and values. Each is sent anonymously and
 * as a signed-in user of every role (a contractor person of the contract's
 * contractor among them), in the organisation that owns the
 * records the route's params name. No answer may be a 5xx, and no row may be
 * written outside the audit log and the sign-in attempts (row counts of every
 * table before and after each route). A new route with an action is picked up
 * without touching this file; its params get real ids where the name says
 * which (`$id` under contractors/sites/cells/contracts, `$campaignId`,
 * `$token`, `$code`) and an unknown id otherwise.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { periodEnd, periodOfDate as periodOf, periodStart } from "../../scoring/dates";
import { changed, rowCounts, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeFinding, makeGridCell, makeMembership, makeSite, makeUser, makeVetoEvent } from "../helpers/factories";
import { ORIGIN, settle } from "../helpers/requests";
import { actionRoutes, urlFor } from "../helpers/route-manifest";
import { makeOpenSurvey, type SurveyFixture } from "../helpers/surveys";

type ActionRoute = Awaited<ReturnType<typeof actionRoutes>>[number];

// ---------------------------------------------------------------- bodies

type Body = { label: string; contentType?: string; body?: string };

/** Field names our forms use (so a malformation reaches past "unknown field"), plus the intents they post. */
const NAMES = ["intent", "name", "code", "title", "email", "password", "role", "userId", "creditCode", "kind", "address", "siteId", "siteIds", "contractorId", "serviceType", "startOn", "endOn", "annualValue", "paymentKind", "steps.0.minTotal", "steps.0.percent", "vetoPercent", "threshold", "base", "contractId", "period", "opensOn", "closesOn", "inviteCount", "count", "locale", "orgId", "redirectTo", "answers.q1", "comment"];
const INTENTS = ["save", "archive", "restore", "delete", "addCell", "add", "role", "remove", "addInvites", "close", "reopen"];

function encode(fields: [string, string][]): string {
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

/** A plausible form: every known field with a value a valid form could have. */
function plausible(intent: string): [string, string][] {
  return NAMES.map((n) => [n, n === "intent" ? intent : n.endsWith("On") ? "2026-09-10" : n === "annualValue" ? "1000" : "1"]);
}

const FORM = "application/x-www-form-urlencoded";

function catalogue(): Body[] {
  const bodies: Body[] = [];
  for (const intent of INTENTS) {
    const fields = plausible(intent);
    bodies.push(
      { label: `json:${intent}`, contentType: "application/json", body: JSON.stringify(Object.fromEntries(fields)) },
      { label: `repeated:${intent}`, contentType: FORM, body: encode(fields.flatMap((f) => [f, f])) },
      // `intent.0` too: with the intent intact, "delete" plus junk fields would be a valid delete.
      { label: `dot0:${intent}`, contentType: FORM, body: encode(fields.map(([k, v]) => [`${k}.0`, v])) },
      { label: `proto:${intent}`, contentType: FORM, body: encode(fields.flatMap(([k, v]) => [[`${k}.__proto__`, v], [`__proto__.${k}`, v], ["constructor.prototype.x", v]] as [string, string][])) },
      { label: `control:${intent}`, contentType: FORM, body: encode(fields.map(([k, v]) => [k, `\u0000${v}\u0007`])) },
    );
  }
  const deep = Array.from({ length: 5000 }, () => "a").join(".");
  bodies.push(
    { label: "empty-form", contentType: FORM, body: "" },
    { label: "no-body" },
    { label: "text", contentType: "text/plain", body: "intent=save&name=x" },
    { label: "json-array", contentType: "application/json", body: "[1,2,3]" },
    { label: "deep-name", contentType: FORM, body: encode([["intent", "save"], [deep, "1"], [`name.${deep}`, "x"], [`steps.${deep}`, "1"]]) },
    { label: "long-name", contentType: FORM, body: encode([["intent", "save"], ["n".repeat(100_000), "1"]]) },
    { label: "huge-values", contentType: FORM, body: encode(plausible("save").map(([k]) => [k, "界".repeat(2_000)])) },
    { label: "over-limit", contentType: FORM, body: `intent=save&name=${"x".repeat(300 * 1024)}` },
    { label: "broken-percent", contentType: FORM, body: "intent=%E4%zz&name=%&code=%%%&email=a%40%G0b.cn&%=%" },
    { label: "multipart-garbage", contentType: "multipart/form-data; boundary=XYZ", body: "--XYZ\r\nContent-Disposition: form-data\r\n\r\n\u0000\u0000--" },
    { label: "multipart-no-boundary", contentType: "multipart/form-data", body: "intent=save" },
    {
      label: "multipart-file",
      contentType: "multipart/form-data; boundary=XYZ",
      body: '--XYZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--XYZ\r\nContent-Disposition: form-data; name="name"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XYZ--\r\n',
    },
  );
  // Random names and values, fixed seed so a failure can be replayed.
  const randomFields = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 30 })), fc.string({ maxLength: 40 })), { maxLength: 12 });
  for (const [i, fields] of fc.sample(randomFields, { numRuns: 12, seed: 9 }).entries()) {
    // Repeated so no random draw can be a valid form by chance.
    bodies.push({ label: `random-${i}`, contentType: FORM, body: encode([...fields, ...fields, ["intent", "save"], ["intent", "save"]]) });
  }
  return bodies;
}

// ---------------------------------------------------------------- the world

let t: TestDb;
let survey: SurveyFixture;
const paramValues: Record<string, string> = {};
const ROLES = ["admin", "supervisor", "procurement", "staff", "contractor"] as const;
const roleUsers: Record<(typeof ROLES)[number], string> = { admin: "", supervisor: "", procurement: "", staff: "", contractor: "" };

beforeAll(async () => {
  t = await installAppDb();
  const today = todayIn("Asia/Shanghai", new Date());
  const [startOn, endOn] = [periodStart(periodOf(today)), periodEnd(periodOf(today))];
  survey = await makeOpenSurvey(t.db, { period: periodOf(today), opensOn: startOn, closesOn: endOn, invites: 3, staff: 1 });
  const orgId = survey.orgId;
  for (const role of ROLES) {
    const user = role === "supervisor" ? { id: survey.supervisorId } : role === "staff" ? { id: survey.staffIds[0]! } : await makeUser(t.db);
    if (role === "admin" || role === "procurement") await makeMembership(t.db, { orgId, userId: user.id, role });
    roleUsers[role] = user.id;
  }
  const contractor = await makeContractor(t.db, { orgId });
  const site = await makeSite(t.db, { orgId });
  const cell = await makeGridCell(t.db, { orgId, siteId: site.id });
  const contract = await makeContract(t.db, { orgId, contractorId: contractor.id });
  // The contractor person is of the contract's contractor, so its portal routes reach past the 404 to the body.
  await makeMembership(t.db, { orgId, userId: roleUsers.contractor, role: "contractor", contractorId: contractor.id });
  const finding = await makeFinding(t.db, { orgId, contractId: contract.id, period: periodOf(today), foundOn: today, dueOn: today });
  const veto = await makeVetoEvent(t.db, { orgId, contractId: contract.id, period: periodOf(today), occurredOn: today });
  Object.assign(paramValues, {
    contractors: contractor.id,
    sites: site.id,
    cells: cell.id,
    contracts: contract.id,
    campaignId: survey.campaignId,
    token: survey.openToken,
    code: survey.inviteCodes[0]!,
    findings: finding.id,
    vetoes: veto.id,
  });
});
afterAll(async () => t?.cleanup());

function paramsFor(route: ActionRoute): Record<string, string> {
  const segments = route.pattern.split("/");
  const out: Record<string, string> = {};
  for (const name of route.params) {
    const before = segments[segments.indexOf(`:${name}`) - 1] ?? "";
    out[name] = paramValues[name === "id" ? before : name] ?? "zzzzzzzzzzzzzzzz";
  }
  return out;
}


let address = 0;
async function send(route: ActionRoute, params: Record<string, string>, body: Body, cookie: string | null): Promise<Response> {
  const headers: Record<string, string> = { Origin: ORIGIN };
  if (body.contentType) headers["Content-Type"] = body.contentType;
  if (cookie) headers.Cookie = cookie;
  const request = new Request(ORIGIN + urlFor(route.pattern, params), { method: "POST", headers, body: body.body });
  // Each request from its own address, so a rate limit is not what answers.
  return settle(() => route.action({ request, params, context: { clientIp: `198.51.100.${address++ % 250}` } }));
}

/** Written by design on any request: the audit trail and the sign-in attempts. */
const MAY_CHANGE = new Set(["audit_log", "login_attempts"]);

describe("every action answers malformed bodies without a 5xx and writes nothing", async () => {
  const routes = await actionRoutes();
  const bodies = catalogue();
  const counts: Record<string, { sent: number; statuses: Record<number, number> }> = {};

  it("finds the actions through the route files", () => {
    const patterns = routes.map((r) => r.pattern);
    expect(patterns).toEqual(expect.arrayContaining(["/login", "/admin/contracts/new", "/admin/contracts/:id", "/supervisor/surveys/new", "/s/:token"]));
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it.each(routes.map((r) => [r.pattern, r] as const))("%s", async (_pattern, route) => {
    const params = paramsFor(route);
    // Fresh sessions for this route (sign-out revokes the one it is sent with).
    const identities: [string, string | null][] = [["anonymous", null]];
    for (const role of ROLES) identities.push([role, await signIn(roleUsers[role], survey.orgId)]);
    const before = await rowCounts(t.db);
    const failures: string[] = [];
    const tally: { sent: number; statuses: Record<number, number> } = (counts[route.pattern] = { sent: 0, statuses: {} });
    for (const [who, cookie] of identities) {
      for (const body of bodies) {
        const response = await send(route, params, body, cookie);
        tally.sent++;
        tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
        if (response.status >= 500) failures.push(`${who} ${body.label}: ${response.status} ${(await response.text()).slice(0, 200)}`);
      }
    }
    const after = await rowCounts(t.db);
    const written = Object.fromEntries(Object.entries(changed(before, after)).filter(([table]) => !MAY_CHANGE.has(table)));
    expect(failures).toEqual([]);
    expect(written).toEqual({});
  });

  afterAll(() => {
    // The counts per action, for the closing note.
    const lines = Object.entries(counts).map(([p, c]) => `${p}: ${c.sent} sent, ${Object.entries(c.statuses).map(([s, n]) => `${s}×${n}`).join(" ")}`);
    console.log(`action fuzz (${bodies.length} bodies × ${ROLES.length + 1} identities):\n${lines.join("\n")}`);
  });
});
