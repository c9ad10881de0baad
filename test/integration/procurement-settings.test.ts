/**
 * Organisation settings (issue 12): the renewal policy and the tender horizon.
 * The data layer (defaults until saved; a save writes the row and one audit
 * entry with before/after; the same save again writes nothing; another
 * organisation's settings untouched), the admin page's action (valid values
 * saved and reloaded, invalid ones a 400 with the field's message in Chinese
 * and English and nothing written, garbage a 400, other roles 403, the patrol
 * target's form still working) and what procurement reads from them (the
 * tender view's horizon, a recommendation moved by a stricter policy).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ORG_SETTINGS, getOrgSettings, setOrgSettings } from "../../db/queries/settings";
import { tenderView } from "../../db/queries/procurement/tender";
import { auditLog, orgSettings } from "../../db/schema";
import { DEFAULT_RENEWAL_POLICY } from "../../scoring/renewal";
import type { RenewalPolicy } from "../../scoring/types";
import { addMonths } from "../../domain/procurement";
import { body, changed, keyOf, load, member, post, rowCounts, startAdminApp, type AdminApp, type SignedIn } from "../helpers/admin-request";
import { makeContract, makeContractQuarter, makeOrg, makeQuarterScore, makeUser, sampleQuarterScore } from "../helpers/factories";
import { serverT } from "~/i18n/instance";
import { decodeMsg } from "~/utils/forms";
import type * as SettingsRoute from "~/routes/admin.settings";
import type * as AuditRoute from "~/routes/admin.audit";

let app: AdminApp;
let route: typeof SettingsRoute;
let audit: typeof AuditRoute;
const PATH = "/admin/settings";

beforeAll(async () => {
  app = await startAdminApp();
  route = await import("~/routes/admin.settings");
  audit = await import("~/routes/admin.audit");
});
afterAll(async () => app?.cleanup());

const ctxOf = (who: SignedIn) => ({ orgId: who.orgId, actorUserId: who.userId });
const settingsAudits = (orgId: string) =>
  app.t.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, "organisation.settings"))).orderBy(auditLog.id);

/** The policy form's fields, every one valid, with `over` replacing some. */
function policyForm(over: Record<string, string> = {}): Record<string, string> {
  return { intent: "policy", minQuarters: "3", renewMinAverage: "88.5", renewMinQuarter: "75", conditionalMinAverage: "78", failStreakToReject: "2", tenderHorizonMonths: "12", ...over };
}

/** An admin of a new organisation of their own. */
async function freshOrgAdmin(): Promise<SignedIn> {
  return member(app.t.db, (await makeOrg(app.t.db)).id, "admin");
}

/** A message made by `msg()` in one language. */
function text(message: string | undefined, locale: "zh-CN" | "en"): string {
  const { key, params } = decodeMsg(message ?? "");
  return serverT(locale)(key, params);
}

describe("getOrgSettings / setOrgSettings", () => {
  it("reads the module's defaults before any save: the scoring policy and six months, not saved", async () => {
    const admin = await freshOrgAdmin();
    const settings = await getOrgSettings(app.t.db, { orgId: admin.orgId });
    expect(settings).toEqual({ renewalPolicy: { ...DEFAULT_RENEWAL_POLICY }, tenderHorizonMonths: 6, appealWindowDays: 5, quietHours: { from: "21:00", to: "08:00" }, saved: false, updatedAt: null });
    expect(DEFAULT_ORG_SETTINGS.renewalPolicy).toEqual(DEFAULT_RENEWAL_POLICY);
  });

  it("writes the row and one audit entry (before null, then before → after); the same values again write nothing", async () => {
    const admin = await freshOrgAdmin();
    const first: RenewalPolicy = { minQuarters: 3, renewMinAverage: 92, renewMinQuarter: 82, conditionalMinAverage: 81.5, failStreakToReject: 3 };
    const before = await rowCounts(app.t.db);
    expect(await setOrgSettings(app.t.db, ctxOf(admin), { renewalPolicy: first, tenderHorizonMonths: 3 })).toEqual({ ok: true, changed: true });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ org_settings: 1, audit_log: 1 });
    const saved = await getOrgSettings(app.t.db, { orgId: admin.orgId });
    expect(saved).toMatchObject({ renewalPolicy: first, tenderHorizonMonths: 3, saved: true });
    expect(saved.updatedAt).not.toBeNull();
    const [row] = await app.t.db.select().from(orgSettings).where(eq(orgSettings.orgId, admin.orgId));
    expect(row).toMatchObject({ updatedBy: admin.userId, renewMinAverage: 92, conditionalMinAverage: 81.5, tenderHorizonMonths: 3 });

    const [entry] = await settingsAudits(admin.orgId);
    expect(entry).toMatchObject({ actorUserId: admin.userId, entity: "organisation", entityId: admin.orgId, before: null, after: { renewalPolicy: first, tenderHorizonMonths: 3 } });

    // The same again: nothing.
    const unchanged = await rowCounts(app.t.db);
    expect(await setOrgSettings(app.t.db, ctxOf(admin), { renewalPolicy: { ...first }, tenderHorizonMonths: 3 })).toEqual({ ok: true, changed: false });
    expect(changed(unchanged, await rowCounts(app.t.db))).toEqual({});

    // A change: the row updated in place, the audit entry says before → after.
    const second = { ...first, renewMinAverage: 95 };
    await setOrgSettings(app.t.db, ctxOf(admin), { renewalPolicy: second, tenderHorizonMonths: 12 });
    const entries = await settingsAudits(admin.orgId);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ before: { renewalPolicy: first, tenderHorizonMonths: 3 }, after: { renewalPolicy: second, tenderHorizonMonths: 12 } });
    expect(await app.t.db.select().from(orgSettings).where(eq(orgSettings.orgId, admin.orgId))).toHaveLength(1);
  });

  it("keeps each organisation's own: B saving leaves A on the defaults, A saving leaves B's as B saved them", async () => {
    const a = await freshOrgAdmin();
    const b = await freshOrgAdmin();
    const bPolicy = { ...DEFAULT_RENEWAL_POLICY, renewMinAverage: 70, conditionalMinAverage: 60 };
    await setOrgSettings(app.t.db, ctxOf(b), { renewalPolicy: bPolicy, tenderHorizonMonths: 12 });
    expect(await getOrgSettings(app.t.db, { orgId: a.orgId })).toMatchObject({ saved: false, renewalPolicy: DEFAULT_RENEWAL_POLICY, tenderHorizonMonths: 6 });
    await setOrgSettings(app.t.db, ctxOf(a), { renewalPolicy: { ...DEFAULT_RENEWAL_POLICY, minQuarters: 5 }, tenderHorizonMonths: 3 });
    expect(await getOrgSettings(app.t.db, { orgId: b.orgId })).toMatchObject({ saved: true, renewalPolicy: bPolicy, tenderHorizonMonths: 12 });
    expect(await settingsAudits(b.orgId)).toHaveLength(1);
  });
});


describe("the settings page's action", () => {
  type Loaded = { target: string; settings: { renewalPolicy: RenewalPolicy; tenderHorizonMonths: number; saved: boolean } };
  const loaded = async (who: SignedIn): Promise<Loaded> => {
    const res = await load(route.loader as never, PATH, who.cookie);
    expect(res.status).toBe(200);
    return (await res.json()) as Loaded;
  };

  it("saves valid values: 303 back to the page with `done=saved`, the loader then shows them; one audit entry", async () => {
    const admin = await freshOrgAdmin();
    expect((await loaded(admin)).settings).toMatchObject({ saved: false, renewalPolicy: DEFAULT_RENEWAL_POLICY, tenderHorizonMonths: 6 });
    const res = await post(route.action as never, PATH, policyForm(), admin.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${PATH}?done=saved`);
    expect((await loaded(admin)).settings).toEqual(
      expect.objectContaining({
        saved: true,
        renewalPolicy: { minQuarters: 3, renewMinAverage: 88.5, renewMinQuarter: 75, conditionalMinAverage: 78, failStreakToReject: 2 },
        tenderHorizonMonths: 12,
      }),
    );
    expect(await settingsAudits(admin.orgId)).toHaveLength(1);

    // The same form again: `done=unchanged`, nothing written.
    const before = await rowCounts(app.t.db);
    const again = await post(route.action as never, PATH, policyForm(), admin.cookie);
    expect([again.status, again.headers.get("Location")]).toEqual([303, `${PATH}?done=unchanged`]);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("restores the defaults with the `defaults` form (audited), the patrol target untouched", async () => {
    const admin = await freshOrgAdmin();
    await post(route.action as never, PATH, policyForm(), admin.cookie);
    await post(route.action as never, PATH, { intent: "patrol", patrolTarget: "daily" }, admin.cookie);
    const res = await post(route.action as never, PATH, { intent: "defaults" }, admin.cookie);
    expect([res.status, res.headers.get("Location")]).toEqual([303, `${PATH}?done=restored`]);
    const after = await loaded(admin);
    expect(after.settings).toMatchObject({ saved: true, renewalPolicy: DEFAULT_RENEWAL_POLICY, tenderHorizonMonths: 6 });
    expect(after.target).toBe("daily");
    const entries = await settingsAudits(admin.orgId);
    expect(entries).toHaveLength(2);
    expect(entries[1]!.after).toEqual({ renewalPolicy: DEFAULT_RENEWAL_POLICY, tenderHorizonMonths: 6 });
  });

  const INVALID: [string, Record<string, string>, string, string, string][] = [
    // [what, fields, field, zh-CN message, en message]
    ["a count of 0", { minQuarters: "0" }, "minQuarters", "请输入 1 到 12 之间的整数。", "Enter a whole number from 1 to 12."],
    ["a count above its maximum", { failStreakToReject: "9" }, "failStreakToReject", "请输入 1 到 8 之间的整数。", "Enter a whole number from 1 to 8."],
    ["a fractional count", { minQuarters: "2.5" }, "minQuarters", "请输入 1 到 12 之间的整数。", "Enter a whole number from 1 to 12."],
    ["a score above 100", { renewMinAverage: "100.5" }, "renewMinAverage", "请输入 0 到 100 之间的分数。", "Enter a score from 0 to 100."],
    ["a negative score", { renewMinQuarter: "-1" }, "renewMinQuarter", "请输入 0 到 100 之间的分数。", "Enter a score from 0 to 100."],
    ["a score with two decimals", { renewMinQuarter: "80.25" }, "renewMinQuarter", "分数最多保留一位小数。", "A score has at most one decimal."],
    ["a score that is not a number", { renewMinAverage: "九十" }, "renewMinAverage", "请输入 0 到 100 之间的分数。", "Enter a score from 0 to 100."],
    ["an empty score", { conditionalMinAverage: "" }, "conditionalMinAverage", "此项为必填项。", "This field is required."],
    [
      "conditional above renew",
      { renewMinAverage: "85", conditionalMinAverage: "86" },
      "conditionalMinAverage",
      "附条件续约的最低平均分不能高于建议续约的最低平均分（85）。",
      "The average to renew with conditions cannot be above the average to renew (85).",
    ],
    ["a horizon that is not 3, 6 or 12", { tenderHorizonMonths: "9" }, "tenderHorizonMonths", "请选择 3、6 或 12 个月。", "Choose 3, 6 or 12 months."],
  ];

  it.each(INVALID)("refuses %s: 400 with the field's message (zh-CN and en), nothing written", async (_what, over, field, zh, en) => {
    const admin = await freshOrgAdmin();
    const before = await rowCounts(app.t.db);
    const res = await post(route.action as never, PATH, policyForm(over), admin.cookie);
    expect(res.status).toBe(400);
    const answer = await body(res);
    expect(answer.intent).toBe("policy");
    expect(Object.keys(answer.fieldErrors)).toEqual([field]);
    expect(text(answer.fieldErrors[field]![0], "zh-CN")).toBe(zh);
    expect(text(answer.fieldErrors[field]![0], "en")).toBe(en);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    expect((await getOrgSettings(app.t.db, { orgId: admin.orgId })).saved).toBe(false);
  });

  it("accepts what is allowed at the edges: renewMinQuarter above renewMinAverage, 0 and 100, conditional equal to renew", async () => {
    const admin = await freshOrgAdmin();
    const res = await post(route.action as never, PATH, policyForm({ renewMinAverage: "100", renewMinQuarter: "100", conditionalMinAverage: "100", minQuarters: "12", failStreakToReject: "8" }), admin.cookie);
    expect(res.status).toBe(303);
    const low = await post(route.action as never, PATH, policyForm({ renewMinAverage: "0", renewMinQuarter: "95.5", conditionalMinAverage: "0", minQuarters: "1", failStreakToReject: "1", tenderHorizonMonths: "3" }), admin.cookie);
    expect(low.status).toBe(303);
    expect((await getOrgSettings(app.t.db, { orgId: admin.orgId })).renewalPolicy).toEqual({ minQuarters: 1, renewMinAverage: 0, renewMinQuarter: 95.5, conditionalMinAverage: 0, failStreakToReject: 1 });
  });

  it("answers a garbage body with 400 and writes nothing", async () => {
    const admin = await freshOrgAdmin();
    const before = await rowCounts(app.t.db);
    const garbage: Record<string, string | string[]>[] = [
      {},
      { intent: "nonsense" },
      { intent: "policy" },
      { ...policyForm(), minQuarters: ["2", "3"] },
      { ...policyForm(), "renewMinAverage.__proto__": "1" },
      { intent: ["policy", "defaults"] },
    ];
    for (const fields of garbage) expect((await post(route.action as never, PATH, fields, admin.cookie)).status, JSON.stringify(fields)).toBe(400);
    // Not a form at all.
    const { settle, ORIGIN } = await import("../helpers/requests");
    const json = await settle(() =>
      route.action({
        request: new Request(`${ORIGIN}${PATH}`, { method: "POST", headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: admin.cookie }, body: JSON.stringify(policyForm()) }),
        params: {},
        context: {},
      } as never),
    );
    expect(json.status).toBe(400);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("refuses supervisor, procurement and staff with 403 on the page and the action, writing nothing", async () => {
    for (const role of ["supervisor", "procurement", "staff"] as const) {
      const who = await member(app.t.db, app.admin.orgId, role);
      const counted = await rowCounts(app.t.db);
      expect((await load(route.loader as never, PATH, who.cookie)).status, role).toBe(403);
      expect((await post(route.action as never, PATH, policyForm(), who.cookie)).status, role).toBe(403);
      expect((await post(route.action as never, PATH, { intent: "defaults" }, who.cookie)).status, role).toBe(403);
      expect(changed(counted, await rowCounts(app.t.db)), role).toEqual({});
    }
    expect((await getOrgSettings(app.t.db, { orgId: app.admin.orgId })).saved).toBe(false);
  });

  it("still saves the patrol target (its own intent, and a post without one), and refuses an unknown target beside its form", async () => {
    const admin = await freshOrgAdmin();
    const ok = await post(route.action as never, PATH, { intent: "patrol", patrolTarget: "fortnightly" }, admin.cookie);
    expect([ok.status, ok.headers.get("Location")]).toEqual([302, `${PATH}?done=patrol`]);
    expect((await loaded(admin)).target).toBe("fortnightly");
    // A page rendered before the forms had intents.
    expect((await post(route.action as never, PATH, { patrolTarget: "daily" }, admin.cookie)).status).toBe(302);
    expect((await loaded(admin)).target).toBe("daily");
    const bad = await post(route.action as never, PATH, { intent: "patrol", patrolTarget: "hourly" }, admin.cookie);
    expect(bad.status).toBe(400);
    const answer = await body(bad);
    expect([answer.intent, keyOf(answer.fieldErrors.patrolTarget)]).toEqual(["patrol", "patrols.setting.invalid"]);
    // The patrol target does not touch the policy.
    expect((await getOrgSettings(app.t.db, { orgId: admin.orgId })).saved).toBe(false);
  });

  it("shows the save in the audit log page with its before and after", async () => {
    const admin = await freshOrgAdmin();
    await post(route.action as never, PATH, policyForm(), admin.cookie);
    await post(route.action as never, PATH, policyForm({ renewMinAverage: "93" }), admin.cookie);
    const res = await load(audit.loader as never, "/admin/audit?action=organisation.settings", admin.cookie);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { rows: { action: string; actorName: string | null; before: unknown; after: unknown }[]; actions: string[] };
    expect(page.actions).toContain("organisation.settings");
    expect(page.rows).toHaveLength(2);
    // Newest first.
    expect(page.rows[0]).toMatchObject({
      action: "organisation.settings",
      before: { renewalPolicy: { renewMinAverage: 88.5 }, tenderHorizonMonths: 12 },
      after: { renewalPolicy: { renewMinAverage: 93 }, tenderHorizonMonths: 12 },
    });
    expect(page.rows[0]!.actorName).not.toBeNull();
    expect(page.rows[1]).toMatchObject({ before: null, after: { renewalPolicy: { renewMinAverage: 88.5 } } });
  });
});

describe("what procurement reads from the settings", () => {
  const TODAY = "2026-11-18";

  /** A contract ending `months` from today, with finalised quarters of these totals (from 2025-Q1 on). */
  async function contractWith(orgId: string, months: number, totals: number[]) {
    const createdBy = (await makeUser(app.t.db)).id;
    const contract = await makeContract(app.t.db, { orgId, startOn: "2025-01-01", endOn: addMonths(TODAY, months) });
    const periods = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"];
    for (const [i, total] of totals.entries()) {
      const period = periods[i]!;
      await makeContractQuarter(app.t.db, { orgId, contractId: contract.id, period, status: "finalised", revision: 1 });
      const output = { ...sampleQuarterScore(period), total, grade: total >= 90 ? ("excellent" as const) : ("good" as const), provisional: false };
      await makeQuarterScore(app.t.db, { orgId, contractId: contract.id, period, createdBy, output });
    }
    return contract;
  }

  it("the tender view's horizon is the saved one: 3 months lists only the contract ending in two, 12 lists all three", async () => {
    const admin = await freshOrgAdmin();
    const soon = await contractWith(admin.orgId, 2, [91, 92]);
    const mid = await contractWith(admin.orgId, 5, [91, 92]);
    const late = await contractWith(admin.orgId, 10, [91, 92]);
    const ids = async () => {
      const { renewalPolicy: policy, tenderHorizonMonths } = await getOrgSettings(app.t.db, { orgId: admin.orgId });
      const view = await tenderView(app.t.db, { orgId: admin.orgId, today: TODAY, horizonMonths: tenderHorizonMonths, policy });
      expect(view.horizonMonths).toBe(tenderHorizonMonths);
      return view.rows.map((r) => r.contract.id);
    };
    // The default: six months.
    expect(await ids()).toEqual([soon.id, mid.id]);
    await post(route.action as never, PATH, policyForm({ tenderHorizonMonths: "3", minQuarters: "2", renewMinAverage: "90", renewMinQuarter: "80", conditionalMinAverage: "80" }), admin.cookie);
    expect(await ids()).toEqual([soon.id]);
    await post(route.action as never, PATH, policyForm({ tenderHorizonMonths: "12", minQuarters: "2", renewMinAverage: "90", renewMinQuarter: "80", conditionalMinAverage: "80" }), admin.cookie);
    expect(await ids()).toEqual([soon.id, mid.id, late.id]);
  });

  it("a stricter saved policy changes the recommendation: an average of 92 renews at 90, not at 95", async () => {
    const admin = await freshOrgAdmin();
    const contract = await contractWith(admin.orgId, 2, [90, 92, 94]);
    const recommendation = async () => {
      const { renewalPolicy: policy, tenderHorizonMonths } = await getOrgSettings(app.t.db, { orgId: admin.orgId });
      const row = (await tenderView(app.t.db, { orgId: admin.orgId, today: TODAY, horizonMonths: tenderHorizonMonths, policy })).rows.find((r) => r.contract.id === contract.id);
      return row!.recommendation;
    };
    expect(await recommendation()).toMatchObject({ decision: "renew", averageTotal: 92 });
    const res = await post(route.action as never, PATH, policyForm({ renewMinAverage: "95", renewMinQuarter: "80", conditionalMinAverage: "80", minQuarters: "2", tenderHorizonMonths: "6" }), admin.cookie);
    expect(res.status).toBe(303);
    const stricter = await recommendation();
    expect(stricter.decision).toBe("renew_with_conditions");
    expect(stricter.reasons.find((r) => r.rule === "average_below")?.detail["zh-CN"]).toContain("95");
    // And more quarters than the term has: insufficient data.
    await post(route.action as never, PATH, policyForm({ minQuarters: "4", renewMinAverage: "90", renewMinQuarter: "80", conditionalMinAverage: "80", tenderHorizonMonths: "6" }), admin.cookie);
    expect((await recommendation()).decision).toBe("insufficient_data");
  });
});
