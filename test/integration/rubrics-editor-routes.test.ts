/**
 * The rubric editor's routes, called as Remix calls them: an admin creates a
 * draft from the default, saves a change through the form (posted as a
 * browser without JavaScript posts it) and sees it after a reload; bad input
 * is a 400 with the field's message (zh-CN and en) and nothing written;
 * non-admins get 403, another organisation's id 404; the diff shows the
 * change; the what-if page writes nothing (row counts and audit log unchanged).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../domain/days";
import { finaliseQuarter } from "../../db/queries/scores/finalise";
import { now } from "../../db/time";
import { nextPeriod, periodOfDate, previousPeriod } from "../../scoring/dates";
import { body, changed, keyOf, load, member, post, rowCounts, startAdminApp, type AdminApp, type SignedIn } from "../helpers/admin-request";
import { makeContract } from "../helpers/factories";
import type { RubricFormValues } from "~/rubrics/editor/form-model";
import { formEntries } from "~/rubrics/editor/test-entries";
import { serverT } from "~/i18n/instance";
import { decodeMsg } from "~/utils/messages";
import type * as ListRoute from "~/routes/admin.rubrics._index";
import type * as VersionRoute from "~/routes/admin.rubrics.$id._index";
import type * as DiffRoute from "~/routes/admin.rubrics.$id.diff";
import type * as WhatIfRoute from "~/routes/admin.rubrics.$id.what-if";

let app: AdminApp;
let supervisor: SignedIn;
let list: typeof ListRoute;
let version: typeof VersionRoute;
let diff: typeof DiffRoute;
let whatIf: typeof WhatIfRoute;
let draftId: string;
let contractId: string;
const period = previousPeriod(periodOfDate(todayIn("Asia/Shanghai", now())));

beforeAll(async () => {
  app = await startAdminApp();
  list = await import("~/routes/admin.rubrics._index");
  version = await import("~/routes/admin.rubrics.$id._index");
  diff = await import("~/routes/admin.rubrics.$id.diff");
  whatIf = await import("~/routes/admin.rubrics.$id.what-if");
  supervisor = await member(app.t.db, app.admin.orgId, "supervisor");
  // A catering contract on the default rubric with one finalised quarter, for the what-if page.
  const contract = await makeContract(app.t.db, { orgId: app.admin.orgId, serviceType: "catering", startOn: "2020-01-01", endOn: "2099-12-31" });
  contractId = contract.id;
  const finalised = await finaliseQuarter(app.t.db, { orgId: app.admin.orgId, actorUserId: app.admin.userId }, {
    contractId,
    period,
    today: todayIn("Asia/Shanghai", now()),
    overrideReason: "申诉期内先行定级",
    provisionalJustification: "本季度未开展问卷",
  });
  expect(finalised.ok, JSON.stringify(finalised)).toBe(true);
});
afterAll(async () => app?.cleanup());

const pathOf = (id: string) => `/admin/rubrics/${id}`;
type Loaded = { values: RubricFormValues; version: { status: string; version: string } };

async function loadDraft(id = draftId, who = app.admin): Promise<Loaded> {
  const response = await load(version.loader as never, pathOf(id), who.cookie, { id });
  expect(response.status).toBe(200);
  return (await response.json()) as Loaded;
}

const save = (values: RubricFormValues, id = draftId, who = app.admin) =>
  post(version.action as never, pathOf(id), Object.fromEntries([["intent", "save"], ...formEntries(values)]), who.cookie, { id });

describe("a draft", () => {
  it("is created from the default under the admin's version label", async () => {
    const before = await rowCounts(app.t.db);
    const response = await post(list.action as never, "/admin/rubrics", { intent: "create", serviceType: "catering", from: "default", version: "2027.1" }, app.admin.cookie);
    expect(response.status).toBe(302);
    draftId = /^\/admin\/rubrics\/([^?]+)\?done=created$/.exec(response.headers.get("Location") ?? "")![1]!;
    expect(changed(before, await rowCounts(app.t.db))).toMatchObject({ rubric_versions: 1 });
    const listed = (await (await load(list.loader as never, "/admin/rubrics?type=catering", app.admin.cookie)).json()) as { versions: { id: string; status: string }[] };
    expect(listed.versions.map((v) => [v.id, v.status])).toEqual([[draftId, "draft"]]);
  });

  it("refuses a version label the type already has, at the field", async () => {
    const before = await rowCounts(app.t.db);
    const response = await post(list.action as never, "/admin/rubrics", { intent: "create", serviceType: "catering", from: "default", version: "2027.1" }, app.admin.cookie);
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors.version)).toBe("rubriceditor.errors.versionTaken");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("saves a change made in the form, and shows it after a reload", async () => {
    const { values } = await loadDraft();
    expect(values.dimensions.map((d) => d.max)).toEqual(["45", "35", "10", "10"]);
    values.dimensions[0]!.max = "40";
    values.dimensions[2]!.max = "15";
    values.dimensions[0]!.items[0]!.label.en = "Food samples not kept";
    const response = await save(values);
    expect(response.status, await response.clone().text()).toBe(302);
    expect(response.headers.get("Location")).toBe(`${pathOf(draftId)}?done=saved`);
    const reloaded = await loadDraft();
    expect(reloaded.values.dimensions.map((d) => d.max)).toEqual(["40", "35", "15", "10"]);
    expect(reloaded.values.dimensions[0]!.items[0]!.label.en).toBe("Food samples not kept");
    expect(reloaded.values).toEqual(values);
  });

  const zh = serverT("zh-CN");
  const en = serverT("en");
  it.each([
    ["dimensions summing to 99", (v: RubricFormValues): void => void (v.dimensions[0]!.max = "39"), "dimensions", "rubriceditor.errors.total", "必须等于 100 分", "must add up to 100"],
    ["a negative deduction", (v: RubricFormValues): void => void (v.dimensions[0]!.items[1]!.deduction.minor = "-1"), "dimensions.0.items.1.deduction.minor", "rubriceditor.errors.atLeast", "不能小于 0.1", "at least 0.1"],
    ["grade bands out of order", (v: RubricFormValues): void => void (v.gradeBands[1]!.min = "95"), "gradeBands.1.min", "rubriceditor.errors.bandOrder", "优秀", "Excellent"],
    ["a repeat factor below 1", (v: RubricFormValues): void => void (v.repeatFactor = "0.5"), "repeatFactor", "rubriceditor.errors.atLeast", "不能小于 1", "at least 1"],
    ["an empty label", (v: RubricFormValues): void => void (v.questionnaire[0]!.label["zh-CN"] = ""), "questionnaire.0.label.zh-CN", "form.required", "必填", "required"],
    ["a duplicated item id", (v: RubricFormValues): void => void (v.dimensions[0]!.items[1]!.id = v.dimensions[0]!.items[0]!.id), "dimensions.0.items.1.id", "rubriceditor.errors.duplicateId", "编号重复", "twice"],
  ] as [string, (v: RubricFormValues) => void, string, string, string, string][])("refuses %s with 400 at its field, in zh-CN and en, writing nothing", async (_name, edit, field, key, zhText, enText) => {
    const { values } = await loadDraft();
    edit(values);
    const before = await rowCounts(app.t.db);
    const response = await save(values);
    const answer = await body(response);
    expect(response.status, JSON.stringify(answer)).toBe(400);
    expect(Object.keys(answer.fieldErrors)).toEqual([field]);
    const { key: got, params } = decodeMsg(answer.fieldErrors[field]![0]!);
    expect(got).toBe(key);
    expect(zh(got, params)).toContain(zhText);
    expect(en(got, params)).toContain(enText);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    expect((await loadDraft()).values.dimensions.map((d) => d.max)).toEqual(["40", "35", "15", "10"]);
  });

  it("answers a garbage body with 400, writing nothing", async () => {
    const before = await rowCounts(app.t.db);
    for (const fields of [{ intent: "save", dimensions: "x" }, { intent: "save" }, { intent: "publish", contractIds: [contractId] }, { intent: "bogus" }]) {
      const response = await post(version.action as never, pathOf(draftId), fields, app.admin.cookie, { id: draftId });
      expect(response.status, JSON.stringify(fields)).toBe(400);
    }
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("who may", () => {
  it("refuses non-admins with 403 on every route", async () => {
    const params = { id: draftId };
    for (const loader of [list.loader, version.loader, diff.loader, whatIf.loader]) {
      expect((await load(loader as never, pathOf(draftId), supervisor.cookie, params)).status).toBe(403);
    }
    const before = await rowCounts(app.t.db);
    expect((await post(version.action as never, pathOf(draftId), { intent: "delete" }, supervisor.cookie, params)).status).toBe(403);
    expect((await post(list.action as never, "/admin/rubrics", { intent: "create", serviceType: "catering", from: "default", version: "9" }, supervisor.cookie)).status).toBe(403);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("answers another organisation's id with 404", async () => {
    const params = { id: draftId };
    for (const loader of [version.loader, diff.loader, whatIf.loader]) {
      expect((await load(loader as never, pathOf(draftId), app.other.cookie, params)).status).toBe(404);
    }
    const { values } = await loadDraft();
    const before = await rowCounts(app.t.db);
    expect((await save(values, draftId, app.other)).status).toBe(404);
    expect((await post(version.action as never, pathOf(draftId), { intent: "delete" }, app.other.cookie, params)).status).toBe(404);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("diff and what-if", () => {
  it("shows the changed maxima and the renamed item against the default", async () => {
    const response = await load(diff.loader as never, `${pathOf(draftId)}/diff?against=default`, app.admin.cookie, { id: draftId });
    expect(response.status).toBe(200);
    const { diff: d } = (await response.json()) as { diff: { dimensions: { kind: string; id: string; field?: string; before?: unknown; after?: unknown }[]; items: { kind: string; id: string }[] } };
    expect(d.dimensions.filter((c) => c.kind === "changed").map((c) => [c.id, c.field, c.before, c.after])).toEqual([
      ["quality", "max", 45, 40],
      ["duty", "max", 10, 15],
    ]);
    expect(d.items.filter((c) => c.kind === "renamed").map((c) => c.id)).toEqual(["catering.quality.sample-retention"]);
  });

  it("re-scores the finalised quarter and writes nothing", async () => {
    const before = await rowCounts(app.t.db);
    const response = await load(whatIf.loader as never, `${pathOf(draftId)}/what-if`, app.admin.cookie, { id: draftId });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { rows: { contractId: string; period: string }[]; contracts: { contractId: string }[] };
    expect(page.rows.map((r) => [r.contractId, r.period])).toEqual([[contractId, period]]);
    expect(page.contracts.map((c) => c.contractId)).toEqual([contractId]);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("publishing", () => {
  it("asks for the confirmation at its field, writing nothing", async () => {
    const before = await rowCounts(app.t.db);
    const response = await post(version.action as never, pathOf(draftId), { intent: "publish", contractIds: [contractId] }, app.admin.cookie, { id: draftId });
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors.confirm)).toBe("rubriceditor.publish.confirmRequired");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("offers the contracts of the type and the quarter it applies from, then publishes and locks the version", async () => {
    const page = (await (await load(version.loader as never, pathOf(draftId), app.admin.cookie, { id: draftId })).json()) as { contracts: { id: string }[]; fromPeriod: string };
    const from = nextPeriod(periodOfDate(todayIn("Asia/Shanghai", now())));
    expect(page).toMatchObject({ contracts: [{ id: contractId }], fromPeriod: from });
    const response = await post(version.action as never, pathOf(draftId), { intent: "publish", contractIds: [contractId], confirm: "yes" }, app.admin.cookie, { id: draftId });
    expect(response.status, await response.clone().text()).toBe(302);
    expect(response.headers.get("Location")).toBe(`${pathOf(draftId)}?published=${from}&contracts=1`);
    const published = await loadDraft();
    expect(published.version.status).toBe("published");
    // A published version is never edited.
    const before = await rowCounts(app.t.db);
    expect((await save(published.values)).status).toBe(409);
    expect((await post(version.action as never, pathOf(draftId), { intent: "delete" }, app.admin.cookie, { id: draftId })).status).toBe(409);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});
