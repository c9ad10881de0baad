/**
 * The dashboard pages through their loaders: roles, the organisation, the
 * filters, and a malformed or unknown quarter answered 400/404 with its
 * problem (never 500). The days are counted from the process's clock, so the
 * contracts' terms are set around today's quarter.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { now } from "../../db/time";
import { periodEnd, periodOfDate, periodStart, previousPeriod } from "../../scoring/dates";
import { load, member, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeContract, makeContractor } from "../helpers/factories";

let app: AdminApp;
beforeEach(async () => {
  app = await startAdminApp();
});
afterEach(async () => app.cleanup());

interface Page {
  problem: string | null;
  period: string | null;
  periods: string[];
  rows: { contractId: string; serviceType: string; state: string }[];
}

async function seed() {
  const current = periodOfDate(todayIn("Asia/Shanghai", now()));
  const previous = previousPeriod(current);
  const term = { startOn: periodStart(previous), endOn: periodEnd(current) };
  const orgId = app.admin.orgId;
  const property = await makeContract(app.t.db, { orgId, contractorId: (await makeContractor(app.t.db, { orgId })).id, serviceType: "property", ...term });
  const catering = await makeContract(app.t.db, { orgId, contractorId: (await makeContractor(app.t.db, { orgId })).id, serviceType: "catering", ...term });
  const foreign = await makeContract(app.t.db, { orgId: app.other.orgId, contractorId: (await makeContractor(app.t.db, { orgId: app.other.orgId })).id, serviceType: "property", ...term });
  return { current, previous, property, catering, foreign };
}

describe("/supervisor/scores", () => {
  it("lists the organisation's contracts of today's quarter for supervisors and admins only", async () => {
    const { loader } = await import("~/routes/supervisor.scores._index");
    const s = await seed();
    const supervisor = await member(app.t.db, app.admin.orgId, "supervisor");
    for (const cookie of [supervisor.cookie, app.admin.cookie]) {
      const res = await load(loader, "/supervisor/scores", cookie);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.period).toBe(s.current);
      expect(page.periods).toEqual([s.current, s.previous]);
      expect(page.rows.map((r) => r.contractId).sort()).toEqual([s.property.id, s.catering.id].sort());
    }
    for (const role of ["staff", "procurement"] as const) {
      const other = await member(app.t.db, app.admin.orgId, role);
      expect((await load(loader, "/supervisor/scores", other.cookie)).status).toBe(403);
    }
    // The other organisation sees its own contract only.
    const theirs = (await (await load(loader, "/supervisor/scores", app.other.cookie)).json()) as Page;
    expect(theirs.rows.map((r) => r.contractId)).toEqual([s.foreign.id]);
  });

  it("filters by service type and state from the query string, ignoring unknown values", async () => {
    const { loader } = await import("~/routes/supervisor.scores._index");
    const s = await seed();
    const page = async (q: string) => (await (await load(loader, `/supervisor/scores?${q}`, app.admin.cookie)).json()) as Page;
    expect((await page(`period=${s.previous}&type=catering`)).rows.map((r) => r.contractId)).toEqual([s.catering.id]);
    expect((await page(`period=${s.previous}&state=draft`)).rows).toHaveLength(2);
    expect((await page(`period=${s.previous}&state=open`)).rows).toHaveLength(0);
    expect((await page(`period=${s.current}&state=open`)).rows).toHaveLength(2);
    expect((await page(`period=${s.current}&type=nonsense&state=`)).rows).toHaveLength(2);
  });

  it("answers a malformed quarter 400 and an unknown one 404, with the picker's quarters", async () => {
    const { loader } = await import("~/routes/supervisor.scores._index");
    const s = await seed();
    for (const bad of ["2026-Q5", "garbage", "2026Q3", "'; drop table contracts;--"]) {
      const res = await load(loader, `/supervisor/scores?period=${encodeURIComponent(bad)}`, app.admin.cookie);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as Page)).toMatchObject({ problem: "malformed", periods: [s.current, s.previous], rows: [] });
    }
    for (const unknown of ["1999-Q1", "2999-Q4"]) {
      const res = await load(loader, `/supervisor/scores?period=${unknown}`, app.admin.cookie);
      expect(res.status, unknown).toBe(404);
      expect(((await res.json()) as Page)).toMatchObject({ problem: "unknown", rows: [] });
    }
  });
});

describe("/supervisor/scores/:contractId", () => {
  it("shows the organisation's contract and 404s another organisation's or an unknown one", async () => {
    const { loader } = await import("~/routes/supervisor.scores.$contractId._index");
    const s = await seed();
    const res = await load(loader, `/supervisor/scores/${s.property.id}`, app.admin.cookie, { contractId: s.property.id });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { points: { period: string }[]; peers: { contractId: string }[]; gradeBands: unknown[] };
    expect(page.points.map((p) => p.period)).toEqual([s.previous, s.current]);
    expect(page.peers.map((p) => p.contractId)).toEqual([s.property.id]);
    expect(page.gradeBands.length).toBeGreaterThan(0);
    expect((await load(loader, `/supervisor/scores/${s.foreign.id}`, app.admin.cookie, { contractId: s.foreign.id })).status).toBe(404);
    expect((await load(loader, "/supervisor/scores/nope", app.admin.cookie, { contractId: "nope" })).status).toBe(404);
    const staff = await member(app.t.db, app.admin.orgId, "staff");
    expect((await load(loader, `/supervisor/scores/${s.property.id}`, staff.cookie, { contractId: s.property.id })).status).toBe(403);
  });
});
