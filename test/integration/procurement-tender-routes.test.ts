/**
 * The tender view and the service-type comparison through their loaders, on
 * the demo seeded for the browser tests' day with the app's clock fixed to
 * it: who may read them, the horizon (a value that is not 3/6/12 reads as the
 * organisation's default, never 500), the demo's contracts in the window and
 * their recommendations, another organisation's contracts never appearing,
 * and an unknown service type answered 404.
 */
process.env.KAOPING_CLOCK = "2026-11-18T10:00:00+08:00";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setOrgSettings } from "../../db/queries/settings";
import { DEFAULT_RENEWAL_POLICY } from "../../scoring/renewal";
import { hashPassword } from "../../server/password";
import { seedDemo, type SeedDemoResult } from "../../seed/demo";
import { DEMO_PASSWORD } from "../../seed/demo-data";
import { load, member, signIn, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeOrg } from "../helpers/factories";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const TODAY = "2026-11-18";
const SEED_TIMEOUT_MS = 120_000;

interface Row {
  contract: { id: string; title: string; orgId?: string; serviceType: string; contractorName: string; creditCode: string };
  ended: boolean;
  daysLeft: number;
  recommendation: { decision: string; reasons: { rule: string; periods: string[] }[] };
  quarters: { period: string; state: string; counted: boolean; total: number | null }[];
}
interface Tender {
  today: string;
  horizonMonths: number;
  defaultHorizon: number;
  policy: Record<string, number>;
  rows: Row[];
}
interface Compare {
  serviceType: string;
  periods: string[];
  rows: Row[];
}

describe("procurement's tender view and comparison", { timeout: SEED_TIMEOUT_MS }, () => {
  let t: TestDb;
  let uploads: string;
  let demo: Extract<SeedDemoResult, { created: true }>;
  let cookies: Record<"procurement" | "supervisor" | "admin" | "staff", string>;
  let foreign: { contractId: string; endedId: string; reader: SignedIn };

  beforeAll(async () => {
    t = await installAppDb();
    uploads = mkdtempSync(path.join(tmpdir(), "kaoping-tender-"));
    const result = await seedDemo(t.db, { today: TODAY, passwordHash: await hashPassword(DEMO_PASSWORD), uploadsDir: uploads });
    if (!result.created) throw new Error("demo not created");
    demo = result;
    const u = demo.ids.users;
    cookies = {
      procurement: await signIn(u.procurement, demo.orgId),
      supervisor: await signIn(u.supervisor, demo.orgId),
      admin: await signIn(u.admin, demo.orgId),
      staff: await signIn(u.staff, demo.orgId),
    };
    // Another organisation with a catering contract ending inside every horizon.
    const other = await makeOrg(t.db, { name: "乙机关服务中心", timeZone: "Asia/Shanghai" });
    const contractor = await makeContractor(t.db, { orgId: other.id });
    const contract = await makeContract(t.db, { orgId: other.id, contractorId: contractor.id, serviceType: "catering", title: "乙中心食堂合同", startOn: "2025-01-01", endOn: "2026-12-31" });
    // And a greening contract that ended 18 days ago with nothing replacing it.
    const ended = await makeContract(t.db, { orgId: other.id, contractorId: contractor.id, serviceType: "greening", title: "乙中心绿化合同", startOn: "2025-01-01", endOn: "2026-10-31" });
    foreign = { contractId: contract.id, endedId: ended.id, reader: await member(t.db, other.id, "procurement") };
  });
  afterAll(async () => {
    await t?.cleanup();
    if (uploads) rmSync(uploads, { recursive: true, force: true });
  });

  const tender = async (query: string, cookie = cookies.procurement) => {
    const { loader } = await import("~/routes/procurement._index");
    const res = await load(loader, `/procurement${query}`, cookie);
    return { status: res.status, page: res.status === 200 ? ((await res.json()) as Tender) : null };
  };
  const compare = async (serviceType: string, cookie = cookies.procurement) => {
    const { loader } = await import("~/routes/procurement.compare.$serviceType");
    const res = await load(loader, `/procurement/compare/${encodeURIComponent(serviceType)}`, cookie, { serviceType });
    return { status: res.status, page: res.status === 200 ? ((await res.json()) as Compare) : null };
  };
  const titles = (rows: Row[]) => rows.map((r) => r.contract.title);

  it("shows procurement, supervisors and admins the contracts ending soonest first; staff get 403", async () => {
    for (const role of ["procurement", "supervisor", "admin"] as const) {
      const { status, page } = await tender("", cookies[role]);
      expect(status, role).toBe(200);
      expect(page!.today).toBe(TODAY);
      // The default horizon (6 months, no settings saved): the east canteen only, ending 2027-01-31.
      expect(page!.horizonMonths, role).toBe(6);
      expect(titles(page!.rows), role).toEqual(["东区食堂团膳服务合同"]);
    }
    expect((await tender("", cookies.staff)).status).toBe(403);
    expect((await compare("catering", cookies.staff)).status).toBe(403);
  });

  it("takes 3, 6 and 12 months and reads anything else as the default, never 500", async () => {
    expect(titles((await tender("?months=3")).page!.rows)).toEqual(["东区食堂团膳服务合同"]);
    // 12 months reach the main canteen (ends 2027-06-30), after the east canteen.
    const twelve = (await tender("?months=12")).page!;
    expect(twelve.horizonMonths).toBe(12);
    expect(titles(twelve.rows)).toEqual(["东区食堂团膳服务合同", "主食堂餐饮服务合同"]);
    for (const garbage of ["garbage", "7", "-3", "", "12abc", "1e1", "%00", "99999999999999999999"]) {
      const { status, page } = await tender(`?months=${encodeURIComponent(garbage)}`);
      expect(status, garbage).toBe(200);
      expect(page!.horizonMonths, garbage).toBe(6);
      expect(titles(page!.rows), garbage).toEqual(["东区食堂团膳服务合同"]);
    }
    const repeated = await tender("?months=12&months=3");
    expect(repeated.status).toBe(200);
  });

  it("gives each contract its recommendation over finalised quarters only, the draft shown but not counted", async () => {
    const rows = (await tender("?months=12")).page!.rows;
    const east = rows.find((r) => r.contract.title === "东区食堂团膳服务合同")!;
    expect(east.daysLeft).toBe(74);
    expect(east.ended).toBe(false);
    expect(east.contract.serviceType).toBe("catering");
    expect(east.contract.creditCode).toMatch(/^[0-9A-Z]{18}$/);
    expect(east.recommendation.decision).toBe("retender");
    expect(east.recommendation.reasons.length).toBeGreaterThan(0);
    const byPeriod = new Map(east.quarters.map((q) => [q.period, q]));
    expect(byPeriod.get("2026-Q3")).toMatchObject({ state: "draft", counted: false, total: null });
    expect(byPeriod.get("2026-Q4")).toMatchObject({ state: "open", counted: false, total: null });
    expect(byPeriod.get("2026-Q2")).toMatchObject({ state: "finalised", counted: true });
    // No reason cites a quarter that is not counted.
    for (const reason of east.recommendation.reasons) for (const p of reason.periods) expect(byPeriod.get(p)?.counted, p).toBe(true);

    const main = rows.find((r) => r.contract.title === "主食堂餐饮服务合同")!;
    expect(main.recommendation.decision).toBe("do_not_renew");
    const veto = main.recommendation.reasons.find((r) => r.rule === "veto");
    expect(veto?.periods.length).toBe(1);
  });

  it("never shows another organisation's contracts, and shows that organisation only its own", async () => {
    for (const months of ["3", "6", "12"]) {
      const ids = (await tender(`?months=${months}`)).page!.rows.map((r) => r.contract.id);
      expect(ids).not.toContain(foreign.contractId);
      expect(ids).not.toContain(foreign.endedId);
    }
    const theirs = (await tender("?months=3", foreign.reader.cookie)).page!;
    // The ended one first (sooner), marked as ended.
    expect(theirs.rows.map((r) => [r.contract.id, r.ended, r.daysLeft])).toEqual([
      [foreign.endedId, true, -18],
      [foreign.contractId, false, 43],
    ]);
    expect(theirs.rows[0]!.recommendation.decision).toBe("insufficient_data");
    expect((await compare("catering")).page!.rows.map((r) => r.contract.id)).not.toContain(foreign.contractId);
    expect((await compare("catering", foreign.reader.cookie)).page!.rows.map((r) => r.contract.id)).toEqual([foreign.contractId]);
  });

  it("compares every contract of one service type, best average first", async () => {
    const { status, page } = await compare("catering");
    expect(status).toBe(200);
    expect(page!.serviceType).toBe("catering");
    expect(titles(page!.rows).sort()).toEqual(["东区食堂团膳服务合同", "主食堂餐饮服务合同"].sort());
    expect(page!.periods[0]).toBe("2025-Q1");
    expect(page!.periods.at(-1)).toBe("2026-Q4");
    const meeting = (await compare("meeting")).page!;
    expect(meeting.rows.map((r) => [r.contract.title, r.recommendation.decision])).toEqual([["会议中心会务保障服务合同", "renew"]]);
  });

  it("answers an unknown service type 404", async () => {
    for (const bad of ["unknown", "CATERING", "catering ", "__proto__", "../admin"]) expect((await compare(bad)).status, bad).toBe(404);
  });

  // Last: it changes the demo organisation's settings.
  it("takes its default horizon and the policy it shows from the organisation's settings", async () => {
    const policy = { ...DEFAULT_RENEWAL_POLICY, minQuarters: 4, renewMinAverage: 85 };
    await setOrgSettings(t.db, { orgId: demo.orgId, actorUserId: demo.ids.users.admin }, { renewalPolicy: policy, tenderHorizonMonths: 12 });
    for (const query of ["", "?months=garbage"]) {
      const page = (await tender(query)).page!;
      expect(page.horizonMonths, query).toBe(12);
      expect(page.defaultHorizon).toBe(12);
      expect(page.policy).toEqual(policy);
      expect(titles(page.rows), query).toEqual(["东区食堂团膳服务合同", "主食堂餐饮服务合同"]);
    }
    expect((await tender("?months=3")).page!.horizonMonths).toBe(3);
    expect((await compare("meeting")).page!.rows[0]!.recommendation.decision).toBe("renew");
  });
});
