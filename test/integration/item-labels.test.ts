/**
 * Items are labelled by the contract's own rubric (the organisation's version
 * over the built-in one) in the dossier's appeals and in the exports' finding
 * and appeal rows: a new item of the organisation's own has its label, an
 * item of the built-in rubric keeps its own, and another organisation's
 * version is never read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemLabeller } from "../../db/queries/item-labels";
import { contractAppeals } from "../../db/queries/procurement/appeals";
import { appealRows, findingRows } from "../../db/queries/procurement/export-rows";
import { defaultRubric } from "../../scoring/rubrics/index";
import { createTestDb, type TestDb } from "../helpers/db";
import * as f from "../helpers/factories";

let t: TestDb;
const OWN_ITEM = "property.own.night-patrol";
const builtIn = defaultRubric("property").dimensions.find((d) => d.items.length > 0)!.items[0]!;
let orgId: string;
let otherOrgId: string;
let contract: { id: string; rubricVersionId: string | null };

beforeAll(async () => {
  t = await createTestDb();
  orgId = (await f.makeOrg(t.db)).id;
  otherOrgId = (await f.makeOrg(t.db)).id;
  const rubric = f.sampleRubric("property", "2026.9");
  rubric.dimensions[0]!.items.push({ id: OWN_ITEM, label: { "zh-CN": "夜间巡逻", en: "Night patrol" }, deduction: { minor: 1, major: 2, critical: 4 } });
  const version = await f.makeRubricVersion(t.db, { orgId, rubric, status: "published" });
  const contractor = await f.makeContractor(t.db, { orgId });
  const made = await f.makeContract(t.db, { orgId, contractorId: contractor.id, rubricVersionId: version.id });
  contract = { id: made.id, rubricVersionId: version.id };
  const person = await f.makeUser(t.db);
  for (const itemId of [OWN_ITEM, builtIn.id]) {
    const finding = await f.makeFinding(t.db, { orgId, contractId: made.id, itemId });
    await f.makeAppeal(t.db, { orgId, contractId: made.id, contractorId: contractor.id, filedBy: person.id, target: "finding", findingId: finding.id, period: finding.period });
  }
});
afterAll(() => t.cleanup());

const labelsIn = (rows: { itemId: string | null; itemLabel: { "zh-CN": string } | null }[]) =>
  Object.fromEntries(rows.map((r) => [r.itemId, r.itemLabel?.["zh-CN"] ?? null]));

describe("item labels by the contract's own rubric", () => {
  it("the dossier's appeals label the organisation's own item and the built-in one", async () => {
    expect(labelsIn(await contractAppeals(t.db, { orgId, contractId: contract.id }))).toEqual({ [OWN_ITEM]: "夜间巡逻", [builtIn.id]: builtIn.label["zh-CN"] });
  });

  it("so do the exports' finding rows and appeal rows", async () => {
    const findings = [];
    for await (const row of findingRows(t.db, { orgId, contractId: contract.id })) findings.push(row);
    const appeals = [];
    for await (const row of appealRows(t.db, { orgId, contractId: contract.id })) appeals.push(row);
    expect(labelsIn(findings)).toEqual({ [OWN_ITEM]: "夜间巡逻", [builtIn.id]: builtIn.label["zh-CN"] });
    expect(labelsIn(appeals)).toEqual({ [OWN_ITEM]: "夜间巡逻", [builtIn.id]: builtIn.label["zh-CN"] });
  });

  it("asked for by another organisation, the version is not read: only the built-in labels", async () => {
    const labelOf = itemLabeller(t.db, otherOrgId);
    expect(await labelOf({ serviceType: "property", rubricVersionId: contract.rubricVersionId }, OWN_ITEM)).toBeNull();
    expect(await labelOf({ serviceType: "property", rubricVersionId: contract.rubricVersionId }, builtIn.id)).toEqual(builtIn.label);
  });
});
