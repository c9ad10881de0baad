/**
 * The /rubrics pages (issue 13, "readable by everyone who needs it"), through
 * their loaders on a real libSQL file: the built-in defaults and their annex
 * are public; an organisation's published versions are listed to its members
 * only (never a draft), another organisation's version is a 404 on the page
 * and on its annex; each contract's version in force with the quarter since
 * which it applies (one of them set by a real publish).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishRubricVersion } from "../../db/queries/rubrics";
import { defaultRubric } from "../../scoring/index";
import type { Rubric } from "../../scoring/types";
import * as indexRoute from "../../app/routes/rubrics._index";
import * as typeRoute from "../../app/routes/rubrics.$serviceType._index";
import * as typeAnnexRoute from "../../app/routes/rubrics.$serviceType.annex";
import * as versionRoute from "../../app/routes/rubrics.v.$id._index";
import * as versionAnnexRoute from "../../app/routes/rubrics.v.$id.annex";
import { load, member, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeOrg, makeRubricVersion, sampleRubric } from "../helpers/factories";

type IndexData = Awaited<ReturnType<typeof indexRoute.loader>>;
type TypeData = Awaited<ReturnType<typeof typeRoute.loader>>;
type VersionData = Awaited<ReturnType<typeof versionRoute.loader>>;
type VersionAnnexData = Awaited<ReturnType<typeof versionAnnexRoute.loader>>;
type TypeAnnexData = Awaited<ReturnType<typeof typeAnnexRoute.loader>>;

let t: TestDb;
let orgId = "";
let staff: SignedIn;
let otherMember: SignedIn;
let v1: { id: string; rubric: Rubric };
let v2: { id: string; rubric: Rubric };
let draft: { id: string };
let otherVersion: { id: string };
const ids = { onV1: "", onDefault: "", movedToV2: "", catering: "" };

async function json<T>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  t = await installAppDb();
  const org = await makeOrg(t.db, { name: "甲机关服务中心" });
  orgId = org.id;
  staff = await member(t.db, orgId, "staff");
  const admin = await member(t.db, orgId, "admin");
  const otherOrg = await makeOrg(t.db, { name: "乙机关服务中心" });
  otherMember = await member(t.db, otherOrg.id, "admin");

  const publish = async (o: string, rubric: Rubric, status: "published" | "retired" | "draft", createdBy: string, publishedAt: string | null) => {
    const row = await makeRubricVersion(t.db, { orgId: o, createdBy, rubric, rubricId: rubric.id, version: rubric.version, status, publishedAt, basedOn: "property@2026.2" });
    return { id: row.id, rubric };
  };
  v1 = await publish(orgId, sampleRubric("property", "2026.1"), "retired", admin.userId, "2026-03-01T00:00:00.000Z");
  draft = await publish(orgId, sampleRubric("property", "2027.2-draft"), "draft", admin.userId, null);
  otherVersion = await publish(otherOrg.id, sampleRubric("property", "2026.9"), "published", otherMember.userId, "2026-05-01T00:00:00.000Z");

  const contractor = await makeContractor(t.db, { orgId, name: "安洁物业" });
  const term = { orgId, contractorId: contractor.id, startOn: "2026-01-01", endOn: "2027-12-31" };
  // On v1 since Q3 (Q1–Q2 were scored with the default).
  ids.onV1 = (await makeContract(t.db, { ...term, title: "甲楼物业合同", rubricVersionId: v1.id, rubricFromPeriod: "2026-Q3" })).id;
  // On the default since its start.
  ids.onDefault = (await makeContract(t.db, { ...term, title: "乙楼物业合同", rubricVersionId: null })).id;
  // Published to through the store on 2026-11-18: v2 applies from 2027-Q1.
  ids.movedToV2 = (await makeContract(t.db, { ...term, title: "丙楼物业合同", rubricVersionId: v1.id, rubricFromPeriod: "2026-Q3" })).id;
  const v2Draft = await publish(orgId, sampleRubric("property", "2027.1"), "draft", admin.userId, null);
  const published = await publishRubricVersion(t.db, { orgId, actorUserId: admin.userId }, { id: v2Draft.id, contractIds: [ids.movedToV2], today: "2026-11-18" });
  expect(published).toMatchObject({ ok: true, fromPeriod: "2027-Q1", contracts: 1 });
  v2 = v2Draft;
  // Another type.
  ids.catering = (await makeContract(t.db, { ...term, serviceType: "catering", title: "食堂餐饮合同" })).id;
});
afterAll(async () => t?.cleanup());

describe("the defaults", () => {
  it("are public, on the list, the type's page and its annex, with no organisation data", async () => {
    const list = await json<IndexData>(await load(indexRoute.loader, "/rubrics", ""));
    expect(list.rubrics.map((r) => r.serviceType)).toEqual(["property", "catering", "greening", "meeting"]);
    expect(list.org).toBeNull();
    const page = await json<TypeData>(await load(typeRoute.loader, "/rubrics/catering", "", { serviceType: "catering" }));
    expect(page.rubric).toEqual(defaultRubric("catering"));
    expect(page.versions).toBeNull();
    const annex = await json<TypeAnnexData>(await load(typeAnnexRoute.loader, "/rubrics/catering/annex", "", { serviceType: "catering" }));
    expect(annex.rubric).toEqual(defaultRubric("catering"));
  });

  it("answer 404 for an unknown service type", async () => {
    expect((await load(typeRoute.loader, "/rubrics/laundry", "", { serviceType: "laundry" })).status).toBe(404);
    expect((await load(typeAnnexRoute.loader, "/rubrics/laundry/annex", "", { serviceType: "laundry" })).status).toBe(404);
  });
});

describe("the organisation's versions", () => {
  it("are listed to any member, published and retired, newest first, never a draft", async () => {
    const list = await json<IndexData>(await load(indexRoute.loader, "/rubrics", staff.cookie));
    expect(list.org?.versions.map((v) => [v.id, v.status])).toEqual([
      [v2.id, "published"],
      [v1.id, "retired"],
    ]);
    const page = await json<TypeData>(await load(typeRoute.loader, "/rubrics/property", staff.cookie, { serviceType: "property" }));
    expect(page.versions?.map((v) => v.version)).toEqual(["2027.1", "2026.1"]);
    const catering = await json<TypeData>(await load(typeRoute.loader, "/rubrics/catering", staff.cookie, { serviceType: "catering" }));
    expect(catering.versions).toEqual([]);
  });

  it("are not listed to another organisation's member", async () => {
    const list = await json<IndexData>(await load(indexRoute.loader, "/rubrics", otherMember.cookie));
    expect(list.org?.versions.map((v) => v.id)).toEqual([otherVersion.id]);
    expect(list.org?.contracts).toEqual([]);
  });

  it("open, with the annex, for a member of the organisation", async () => {
    const page = await json<VersionData>(await load(versionRoute.loader, `/rubrics/v/${v2.id}`, staff.cookie, { id: v2.id }));
    expect(page.version).toMatchObject({ id: v2.id, version: "2027.1", status: "published", rubric: v2.rubric });
    expect(page.orgName).toBe("甲机关服务中心");
    const annex = await json<VersionAnnexData>(await load(versionAnnexRoute.loader, `/rubrics/v/${v1.id}/annex`, staff.cookie, { id: v1.id }));
    expect(annex).toEqual({ id: v1.id, rubric: v1.rubric, orgName: "甲机关服务中心" });
  });

  it("answer 404 for another organisation's version, a draft or an unknown id, and send a visitor to sign in", async () => {
    for (const route of [versionRoute, versionAnnexRoute]) {
      expect((await load(route.loader, `/rubrics/v/${otherVersion.id}`, staff.cookie, { id: otherVersion.id })).status).toBe(404);
      expect((await load(route.loader, `/rubrics/v/${v2.id}`, otherMember.cookie, { id: v2.id })).status).toBe(404);
      expect((await load(route.loader, `/rubrics/v/${draft.id}`, staff.cookie, { id: draft.id })).status).toBe(404);
      expect((await load(route.loader, "/rubrics/v/nope", staff.cookie, { id: "nope" })).status).toBe(404);
      const anonymous = await load(route.loader, `/rubrics/v/${v2.id}`, "", { id: v2.id });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
  });
});

describe("the rubric in force per contract", () => {
  it("names each contract's version and the quarter since which it applies", async () => {
    const list = await json<IndexData>(await load(indexRoute.loader, "/rubrics", staff.cookie));
    const byId = new Map(list.org!.contracts.map((c) => [c.contractId, c]));
    const builtIn = defaultRubric("property");
    expect(list.org!.contracts).toHaveLength(4);
    expect(byId.get(ids.onV1)).toMatchObject({ rubricVersionId: v1.id, rubricLabel: "2026.1", fromPeriod: "2026-Q3", contractorName: "安洁物业" });
    expect(byId.get(ids.onDefault)).toMatchObject({ rubricVersionId: null, rubricLabel: `${builtIn.id}@${builtIn.version}`, fromPeriod: null });
    expect(byId.get(ids.movedToV2)).toMatchObject({ rubricVersionId: v2.id, rubricLabel: "2027.1", fromPeriod: "2027-Q1" });
    const catering = defaultRubric("catering");
    expect(byId.get(ids.catering)).toMatchObject({ serviceType: "catering", rubricVersionId: null, rubricLabel: `${catering.id}@${catering.version}`, fromPeriod: null });
  });
});
