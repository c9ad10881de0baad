/**
 * Inviting a contractor's people (issue 14): the admin invites with the
 * "contractor" role and one active contractor of the organisation; the person
 * joins through the link as that contractor's person and lands on the portal.
 * The role without a contractor, a contractor with another role, another
 * organisation's or an archived contractor are refused on the contractor
 * field, writing nothing; archiving the contractor voids the link.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveContractor } from "../../db/queries/contractors";
import { invitations, memberships, users } from "../../db/schema";
import { changed, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeContractor } from "../helpers/factories";
import { cookieFrom, formPost, get, settle } from "../helpers/requests";
import { requireContractor } from "~/auth/session.server";
import { action as usersAction } from "~/routes/admin.users";
import { action as joinAction, loader as joinLoader } from "~/routes/join.$token";

let app: AdminApp;
const ids = { active: "", archived: "", otherOrg: "", later: "" };

beforeAll(async () => {
  app = await startAdminApp();
  ids.active = (await makeContractor(app.t.db, { orgId: app.admin.orgId, name: "某物业公司" })).id;
  ids.archived = (await makeContractor(app.t.db, { orgId: app.admin.orgId, name: "已归档的公司", archivedAt: "2026-06-01T00:00:00.000Z" })).id;
  ids.later = (await makeContractor(app.t.db, { orgId: app.admin.orgId, name: "随后归档的公司" })).id;
  ids.otherOrg = (await makeContractor(app.t.db, { orgId: app.other.orgId, name: "乙单位的公司" })).id;
});
afterAll(async () => app?.cleanup());

async function invite(fields: Record<string, string>) {
  const response = await post(usersAction, "/admin/users", { intent: "invite", ...fields }, app.admin.cookie);
  return { status: response.status, body: (await response.json()) as { link?: string; fieldErrors: Record<string, string[]> } };
}
const tokenOf = (link: string) => link.split("/join/")[1]!;
const join = (token: string, fields: Record<string, string>) =>
  settle(() => joinAction({ request: formPost(`/join/${token}`, fields), params: { token }, context: { clientIp: "203.0.113.9" } }));

describe("inviting a contractor's people", () => {
  it("links the invitation to the contractor; the person joins as its person and lands on the portal", async () => {
    const { status, body } = await invite({ email: "site.lead@example.cn", role: "contractor", contractorId: ids.active });
    expect(status).toBe(200);
    expect(await app.t.db.select({ role: invitations.role, contractorId: invitations.contractorId }).from(invitations).where(eq(invitations.email, "site.lead@example.cn"))).toEqual([
      { role: "contractor", contractorId: ids.active },
    ]);
    const token = tokenOf(body.link!);
    const page = await settle(() => joinLoader({ request: get(`/join/${token}`), params: { token }, context: {} }));
    expect(JSON.stringify(await page.json())).toContain("某物业公司");
    const joined = await join(token, { intent: "create", name: "王现场", password: "a-long-new-password" });
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe("/contractor");
    const viewer = await requireContractor(get("/contractor", cookieFrom(joined)));
    expect(viewer.membership).toMatchObject({ role: "contractor", contractorId: ids.active });
  });

  // Messages travel as keys (msg()) the page localises; each is in both locales (i18n key parity tests).
  it.each([
    ["the role without a contractor", "contractor", "none", "admin.errors.chooseContractorOfPerson"],
    ["a contractor with another role", "supervisor", "active", "admin.errors.contractorOnlyForRole"],
    ["another organisation's contractor", "contractor", "otherOrg", "admin.errors.contractorOfPersonNotFound"],
    ["an archived contractor", "contractor", "archived", "admin.errors.contractorOfPersonArchived"],
  ] as const)("refuses %s on the contractor field, writing nothing", async (_label, role, which, key) => {
    const contractorId = which === "none" ? "" : ids[which];
    const before = await rowCounts(app.t.db);
    const { status, body } = await invite({ email: "refused@example.cn", role, contractorId });
    expect(status).toBe(400);
    expect(body.fieldErrors.contractorId).toEqual([key]);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("voids a pending invitation when its contractor is archived: the link is a 404 and nobody joins", async () => {
    const { body } = await invite({ email: "too.late@example.cn", role: "contractor", contractorId: ids.later });
    const token = tokenOf(body.link!);
    expect((await settle(() => joinLoader({ request: get(`/join/${token}`), params: { token }, context: {} }))).status).toBe(200);
    expect(await archiveContractor(app.t.db, { orgId: app.admin.orgId, actorUserId: app.admin.userId }, { id: ids.later })).toMatchObject({ ok: true });
    expect((await settle(() => joinLoader({ request: get(`/join/${token}`), params: { token }, context: {} }))).status).toBe(404);
    expect((await join(token, { intent: "create", name: "晚来的人", password: "a-long-new-password" })).status).toBe(404);
    expect(await app.t.db.select().from(users).where(eq(users.email, "too.late@example.cn"))).toEqual([]);
    expect(await app.t.db.select().from(memberships).where(eq(memberships.contractorId, ids.later))).toEqual([]);
  });
});
