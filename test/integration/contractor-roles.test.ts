/**
 * The contractor boundary over every route (issue 14): a contractor person,
 * signed in, opens every page and posts to every action found in app/routes
 * (the manifest, not a list kept by hand). Each answers 403 or 404 and writes
 * nothing, except the short list below — each with the reason a contractor
 * person may use it. A new route is decided here too, or this test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changed, rowCounts, signIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContractor, makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { ORIGIN, get, settle } from "../helpers/requests";
import { routeModules, urlFor, type RouteModule } from "../helpers/route-manifest";

/** Routes a contractor person may open or post to, and why. */
const OPEN_TO_CONTRACTORS: Record<string, string> = {
  "contractor._index": "the contractor's own home",
  home: "sends each person to their role's home (the contractor's: /contractor)",
  "files.$id": "photos: only their own contractor's (contractor-photos.test.ts); an unknown id is 404",
  "files.$id.thumb": "the same, as thumbnails",
  login: "signing in: public",
  logout: "signing out: the person's own session",
  locale: "the language of the person's own pages (a cookie)",
  org: "switches the person's own session between their organisations",
  inbox: "the person's own notifications in this organisation (inbox-routes.test.ts: another's is a 404)",
  invitations: "invitations addressed to the person's own e-mail",
  "join.$token": "an invitation link: public, keyed by its secret token",
  "reset.$token": "a password reset link: public, keyed by its secret token",
  "s.$token": "the public survey link: the page opens, a contractor person's answer is refused (portal-role's survey refusal)",
  "i.$code": "a survey invite code: public; a contractor person's answer is refused the same way",
  invite: "enters a survey invite code: public",
  "rubrics._index": "the published default rubrics are public reading",
  "rubrics.$serviceType._index": "a default rubric: public reading",
  "rubrics.$serviceType.annex": "a default rubric's printable annex: public reading",
  "bench.bare": "the benchmark's baseline, a 404 unless KAOPING_BENCH=1",
  _index: "the landing page",
};

let t: TestDb;
let cookie: string;
let person: { userId: string; orgId: string };
beforeAll(async () => {
  t = await installAppDb();
  const org = await makeOrg(t.db, { name: "甲机关服务中心" });
  const contractor = await makeContractor(t.db, { orgId: org.id });
  const user = await makeUser(t.db, { name: "现场负责人" });
  await makeMembership(t.db, { orgId: org.id, userId: user.id, role: "contractor", contractorId: contractor.id });
  person = { userId: user.id, orgId: org.id };
  cookie = await signIn(user.id, org.id);
});
afterAll(async () => t?.cleanup());

const paramsOf = (route: RouteModule) => Object.fromEntries(route.params.map((p) => [p, p === "period" ? "2026-Q3" : p === "serviceType" ? "property" : "x"]));

describe("a contractor person on every route", async () => {
  const routes = await routeModules();
  const guarded = routes.filter((r) => !(r.name in OPEN_TO_CONTRACTORS));

  it("finds the routes, and every exemption names one that exists", () => {
    expect(guarded.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(OPEN_TO_CONTRACTORS).filter((name) => !routes.some((r) => r.name === name))).toEqual([]);
  });

  it("sends the contractor person home to /contractor, which opens", async () => {
    const home = routes.find((r) => r.name === "home")!;
    const res = await settle(() => home.loader!({ request: get("/home", cookie), params: {}, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/contractor");
    const portal = routes.find((r) => r.name === "contractor._index")!;
    expect((await settle(() => portal.loader!({ request: get("/contractor", cookie), params: {}, context: {} }))).status).toBe(200);
  });

  it.each(guarded.filter((r) => r.loader).map((r) => [r.name, r] as const))("%s: its page answers 403 or 404", async (_name, route) => {
    const params = paramsOf(route);
    const res = await settle(() => route.loader!({ request: get(urlFor(route.pattern, params), cookie), params, context: {} }));
    expect([403, 404], `${route.pattern} answered a contractor person ${res.status}`).toContain(res.status);
  });

  it.each(guarded.filter((r) => r.action).map((r) => [r.name, r] as const))("%s: its action answers 403 or 404 and writes nothing", async (_name, route) => {
    const params = paramsOf(route);
    // A fresh session per route (a route may end the one it is sent with), signed in before counting.
    const fresh = await signIn(person.userId, person.orgId);
    const before = await rowCounts(t.db);
    const request = new Request(`${ORIGIN}${urlFor(route.pattern, params)}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: fresh },
      body: new URLSearchParams({ intent: "x", note: "越权", reason: "越权" }),
    });
    const res = await settle(() => route.action!({ request, params, context: { clientIp: "203.0.113.9" } }));
    expect([403, 404], `${route.pattern} answered a contractor person's POST ${res.status}`).toContain(res.status);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
  });
});
