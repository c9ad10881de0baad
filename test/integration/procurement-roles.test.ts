/**
 * Procurement is a read-only role (issue 12). Every route that can change
 * data — every route file exporting an action, from the route manifest, not
 * listed by hand — answers a signed-in procurement user's plausible POST with
 * 403 and writes nothing, except the routes that are public or belong to any
 * signed-in person (listed below, each with its reason). A new action route
 * that is neither role-guarded nor listed fails this test.
 *
 * And procurement's own pages (every route file starting `procurement.`,
 * found in app/routes, so the pages added later are covered as they arrive):
 * staff get 403; with a contract id, another organisation's contract answers
 * 404 while the reader's own contract opens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { periodEnd, periodOfDate, periodStart } from "../../scoring/dates";
import { changed, load, member, rowCounts, signIn, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import {
  makeBonusEvent,
  makeContract,
  makeContractQuarter,
  makeContractSite,
  makeContractor,
  makeFinding,
  makeGridCell,
  makeMembership,
  makeOrg,
  makeQuarterScore,
  makeSite,
  sampleQuarterScore,
  sampleRubric,
} from "../helpers/factories";
import { ORIGIN, settle } from "../helpers/requests";
import { actionRoutes, routeModules, urlFor, type RouteModule } from "../helpers/route-manifest";
import { makeOpenSurvey, type SurveyFixture } from "../helpers/surveys";

/**
 * Action routes open to people who are not (or not yet) a member with a role,
 * or that act only on the signed-in person's own session and account — so a
 * procurement user may use them like anyone else.
 */
const NOT_ROLE_GUARDED: Record<string, string> = {
  login: "signing in: public",
  logout: "signing out: the person's own session",
  locale: "the language of the person's own pages (a cookie)",
  org: "switches the person's own session between their organisations",
  inbox: "the person's own notifications in this organisation (inbox-routes.test.ts: another's is a 404)",
  invitations: "accepts or declines invitations addressed to the person's own e-mail",
  "join.$token": "an invitation link: public, keyed by its secret token",
  "reset.$token": "a password reset link: public, keyed by its secret token",
  "s.$token": "the public survey link: anonymous staff answer it",
  "i.$code": "a survey invite code: anonymous staff answer it",
  invite: "enters a survey invite code: public",
  "staff.surveys.$campaignId": "any signed-in member answers the survey of their organisation (procurement people use the services too)",
  "bench.bare": "the benchmark's baseline, a 404 unless KAOPING_BENCH=1, writes nothing",
};

let t: TestDb;
let survey: SurveyFixture;
let procurement: SignedIn;
let staff: SignedIn;
/** Organisation B's contract: ids of another organisation. */
let foreignContractId: string;
const paramValues: Record<string, string> = {};
/** A finalised quarter of the reader's own contract. */
const FINALISED = "2025-Q2";

beforeAll(async () => {
  t = await installAppDb();
  const today = todayIn("Asia/Shanghai", new Date());
  const current = periodOfDate(today);
  survey = await makeOpenSurvey(t.db, { period: current, opensOn: periodStart(current), closesOn: periodEnd(current), invites: 3, staff: 1 });
  const orgId = survey.orgId;
  procurement = await member(t.db, orgId, "procurement");
  staff = await member(t.db, orgId, "staff");

  // One of everything the routes' params name, in the procurement user's own organisation,
  // so that what answers is the role check and not a 404 for an unknown id.
  const contractor = await makeContractor(t.db, { orgId });
  const site = await makeSite(t.db, { orgId });
  const cell = await makeGridCell(t.db, { orgId, siteId: site.id });
  const contract = await makeContract(t.db, { orgId, contractorId: contractor.id, serviceType: "catering", startOn: "2025-01-01", endOn: "2099-12-31" });
  await makeContractSite(t.db, { orgId, contractId: contract.id, siteId: site.id });
  const finding = await makeFinding(t.db, { orgId, contractId: contract.id, siteId: site.id, itemId: "catering.quality.cleanliness" });
  const bonus = await makeBonusEvent(t.db, { orgId, contractId: contract.id, itemId: "catering.bonus.emergency" });
  await makeContractQuarter(t.db, { orgId, contractId: contract.id, period: FINALISED, status: "finalised", revision: 1 });
  await makeQuarterScore(t.db, { orgId, contractId: contract.id, period: FINALISED, createdBy: survey.supervisorId, rubric: sampleRubric("catering"), output: { ...sampleQuarterScore(FINALISED), rubricId: "test-catering" } });
  Object.assign(paramValues, {
    contractors: contractor.id,
    sites: site.id,
    cells: cell.id,
    contracts: contract.id,
    findings: finding.id,
    events: bonus.id,
    contractId: contract.id,
    campaignId: survey.campaignId,
    token: survey.openToken,
    code: survey.inviteCodes[0]!,
    period: FINALISED,
    serviceType: "catering",
  });

  const other = await makeOrg(t.db);
  await makeMembership(t.db, { orgId: other.id, role: "admin" });
  foreignContractId = (await makeContract(t.db, { orgId: other.id, serviceType: "catering", startOn: "2025-01-01", endOn: "2099-12-31" })).id;
});
afterAll(async () => t?.cleanup());

/** The route's params: `$id` by the segment before it (`/admin/sites/:id` → a site id), the others by name. */
function paramsFor(route: RouteModule, over: Record<string, string> = {}): Record<string, string> {
  const segments = route.pattern.split("/");
  const out: Record<string, string> = {};
  for (const name of route.params) {
    const before = segments[segments.indexOf(`:${name}`) - 1] ?? "";
    out[name] = over[name] ?? paramValues[name === "id" ? before : name] ?? "zzzzzzzzzzzzzzzz";
  }
  return out;
}

/** A form any of our pages could post: the usual field names with values a valid form could have. */
function plausibleBody(): URLSearchParams {
  const body = new URLSearchParams();
  const fields: Record<string, string> = {
    intent: "save",
    name: "越权提交",
    title: "越权提交",
    code: "X-01",
    kind: "building",
    email: "someone@example.cn",
    role: "admin",
    serviceType: "catering",
    contractorId: paramValues.contractors!,
    siteId: paramValues.sites!,
    siteIds: paramValues.sites!,
    contractId: paramValues.contracts!,
    period: FINALISED,
    startOn: "2026-01-01",
    endOn: "2026-12-31",
    annualValue: "1000",
    patrolTarget: "daily",
    provisionalJustification: "理由",
    reason: "理由",
    note: "备注",
  };
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return body;
}

async function postAs(route: RouteModule & { action: NonNullable<RouteModule["action"]> }, cookie: string): Promise<Response> {
  const params = paramsFor(route);
  const request = new Request(ORIGIN + urlFor(route.pattern, params), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: cookie },
    body: plausibleBody(),
  });
  return settle(() => route.action({ request, params, context: { clientIp: "203.0.113.9" } }));
}

describe("procurement changes nothing: every action route answers 403", async () => {
  const routes = await actionRoutes();
  const guarded = routes.filter((r) => !(r.name in NOT_ROLE_GUARDED));

  it("finds the action routes from the manifest, and every exemption names one", () => {
    expect(routes.map((r) => r.name)).toEqual(expect.arrayContaining(["login", "admin.settings", "admin.contracts.$id", "supervisor.scores.$contractId.$period._index"]));
    expect(guarded.length).toBeGreaterThanOrEqual(15);
    const stale = Object.keys(NOT_ROLE_GUARDED).filter((name) => !routes.some((r) => r.name === name));
    expect(stale, "exemptions for routes that no longer have an action").toEqual([]);
  });

  it.each(guarded.map((r) => [r.name, r] as const))("%s: 403 to procurement, nothing written", async (_name, route) => {
    // A fresh session per route (a route may end the one it is sent with), signed in before counting.
    const cookie = await signIn(procurement.userId, procurement.orgId);
    const before = await rowCounts(t.db);
    const res = await postAs(route, cookie);
    expect(res.status, `${route.pattern} answered procurement ${res.status}: role-guard it, or list it in NOT_ROLE_GUARDED with the reason`).toBe(403);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });
});

describe("procurement's pages: staff refused, another organisation's contract not found", async () => {
  const pages = (await routeModules()).filter((r) => r.name.startsWith("procurement.") && r.loader);

  it("finds procurement's pages in app/routes (the home page at least)", () => {
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.map((p) => p.name)).toContain("procurement._index");
  });

  /** The page's URL, with a table for the CSV export. */
  const pathOf = (route: RouteModule, params: Record<string, string>) => `${urlFor(route.pattern, params)}${route.pattern.endsWith(".csv") ? "?table=scores" : ""}`;

  it.each(pages.map((r) => [r.name, r] as const))("%s", async (_name, route) => {
    const loader = route.loader!;
    const own = paramsFor(route);
    // The reader opens it (with their own contract, when it names one).
    const mine = await load(loader as never, pathOf(route, own), procurement.cookie, own);
    expect(mine.status, `${route.pattern} for procurement`).toBeLessThan(400);
    // Staff do not.
    expect((await load(loader as never, pathOf(route, own), staff.cookie, own)).status, `${route.pattern} for staff`).toBe(403);
    if (route.params.includes("contractId")) {
      const foreign = paramsFor(route, { contractId: foreignContractId });
      expect((await load(loader as never, pathOf(route, foreign), procurement.cookie, foreign)).status, `${route.pattern} with another organisation's contract`).toBe(404);
      const unknown = paramsFor(route, { contractId: "no-such-contract" });
      expect((await load(loader as never, pathOf(route, unknown), procurement.cookie, unknown)).status).toBe(404);
    }
  });
});
