/**
 * Display spoofing: every form that names something another person reads (a
 * contractor and its contact, a site, a grid cell, a contract, a member)
 * refuses bidi controls, the BOM and zero-width characters with
 * `form.invisibleChars`, and writes nothing. Through the real actions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, changed, keyOf, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeContract, makeContractor, makeGridCell, makeSite, sampleCreditCode } from "../helpers/factories";
import { MemberAddSchema } from "~/admin/schemas";
import { action as cellAction } from "~/routes/admin.cells.$id";
import { action as contractorAction } from "~/routes/admin.contractors.$id";
import { action as newContractorAction } from "~/routes/admin.contractors.new";
import { action as contractAction } from "~/routes/admin.contracts.$id";
import { action as newContractAction } from "~/routes/admin.contracts.new";
import { action as siteAction } from "~/routes/admin.sites.$id";
import { action as newSiteAction } from "~/routes/admin.sites.new";

let app: AdminApp;
let ids: { contractor: string; site: string; cell: string; contract: string };
beforeAll(async () => {
  app = await startAdminApp();
  const orgId = app.admin.orgId;
  const contractor = await makeContractor(app.t.db, { orgId });
  const site = await makeSite(app.t.db, { orgId });
  const cell = await makeGridCell(app.t.db, { orgId, siteId: site.id });
  const contract = await makeContract(app.t.db, { orgId, contractorId: contractor.id });
  ids = { contractor: contractor.id, site: site.id, cell: cell.id, contract: contract.id };
});
afterAll(async () => app?.cleanup());

/** U+202E turns "公司gpj.exe" around; U+200F, U+2066 and U+061C reorder; U+FEFF and U+200B hide. */
const SPOOFS = ["\u202e", "\u200f", "\u2066", "\u061c", "\ufeff", "\u200b", "\u200d"];

type Fields = Record<string, string | string[]>;
type Form = { what: string; action: typeof newSiteAction; path: string; params?: () => Record<string, string>; fields: () => Fields; names: string[] };

let contractNo = 0;
const contractFields = (): Fields => ({
  intent: "save",
  contractorId: ids.contractor,
  serviceType: "catering",
  title: "东食堂餐饮服务合同",
  code: `HT-${++contractNo}`,
  startOn: "2026-01-01",
  endOn: "2026-12-31",
  annualValue: "1000",
  siteIds: [ids.site],
  paymentKind: "steps",
  "steps.0.minTotal": "0",
  "steps.0.percent": "100",
});

const FORMS: Form[] = [
  {
    what: "new contractor",
    action: newContractorAction,
    path: "/admin/contractors/new",
    fields: () => ({ name: "安居物业", creditCode: sampleCreditCode(), contactName: "李经理" }),
    names: ["name", "contactName"],
  },
  {
    what: "contractor page",
    action: contractorAction,
    path: "/admin/contractors/x",
    params: () => ({ id: ids.contractor }),
    fields: () => ({ intent: "save", name: "安居物业", creditCode: sampleCreditCode(), contactName: "李经理" }),
    names: ["name", "contactName"],
  },
  { what: "new site", action: newSiteAction, path: "/admin/sites/new", fields: () => ({ name: "东食堂", kind: "canteen" }), names: ["name"] },
  {
    what: "site page",
    action: siteAction,
    path: "/admin/sites/x",
    params: () => ({ id: ids.site }),
    fields: () => ({ intent: "save", name: "东食堂", kind: "canteen" }),
    names: ["name"],
  },
  {
    what: "new grid cell",
    action: siteAction,
    path: "/admin/sites/x",
    params: () => ({ id: ids.site }),
    fields: () => ({ intent: "addCell", siteId: ids.site, code: "A1", name: "一层" }),
    names: ["code", "name"],
  },
  {
    what: "grid cell page",
    action: cellAction,
    path: "/admin/cells/x",
    params: () => ({ id: ids.cell }),
    fields: () => ({ intent: "save", siteId: ids.site, code: "A2", name: "二层" }),
    names: ["code", "name"],
  },
  { what: "new contract", action: newContractAction, path: "/admin/contracts/new", fields: contractFields, names: ["title", "code"] },
  { what: "contract page", action: contractAction, path: "/admin/contracts/x", params: () => ({ id: ids.contract }), fields: contractFields, names: ["title", "code"] },
];

describe.each(FORMS)("$what", (form) => {
  it.each(form.names.flatMap((name) => SPOOFS.map((ch) => [name, ch] as const)))("refuses %s with U+%s… and writes nothing", async (name, ch) => {
    const fields = form.fields();
    fields[name] = `${String(fields[name]).slice(0, 1)}${ch}${String(fields[name]).slice(1)}`;
    const before = await rowCounts(app.t.db);
    const response = await post(form.action, form.path, fields, app.admin.cookie, form.params?.());
    const answer = await body(response);
    expect(response.status, JSON.stringify(answer)).toBe(400);
    expect(keyOf(answer.fieldErrors[name])).toBe("form.invisibleChars");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("accepts the same form without them", async () => {
    const response = await post(form.action, form.path, form.fields(), app.admin.cookie, form.params?.());
    expect(response.status, await response.clone().text()).toBe(302);
  });
});

describe("a member's name", () => {
  it.each(SPOOFS)("refuses U+%s…", (ch) => {
    const parsed = MemberAddSchema.safeParse({ email: "a@b.cn", name: `张${ch}三`, role: "staff" });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(["form.invisibleChars"]);
  });
});
