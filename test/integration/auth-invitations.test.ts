/**
 * Invitations instead of pulling accounts in (issue 9.2): the admin's answer
 * is the same whether or not the e-mail has an account; the person accepts
 * themselves (signed in, or with a new account through the link); all of it
 * is audited in the inviting organisation and nowhere else.
 */
import { hash } from "@node-rs/argon2";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invitations, memberships, users } from "../../db/schema";
import { changed, load, member, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeMembership, makeUser } from "../helpers/factories";
import { cookieFrom, formPost, get, settle } from "../helpers/requests";
import { requireUser } from "~/auth/session.server";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users";
import { loader as invitationsLoader, action as invitationsAction } from "~/routes/invitations";
import { action as joinAction, loader as joinLoader } from "~/routes/join.$token";
import { action as loginAction } from "~/routes/login";

const PASSWORD = "correct horse battery";
let app: AdminApp;
let existing: { id: string; email: string; name: string };

beforeAll(async () => {
  app = await startAdminApp();
  // Someone with an account in organisation B only.
  const user = await makeUser(app.t.db, { email: "li.na@b.example.cn", name: "李娜（乙单位）", passwordHash: await hash(PASSWORD) });
  await makeMembership(app.t.db, { orgId: app.other.orgId, userId: user.id, role: "staff" });
  existing = { id: user.id, email: "li.na@b.example.cn", name: "李娜（乙单位）" };
});
afterAll(async () => app?.cleanup());

async function invite(email: string, role = "supervisor") {
  const response = await post(usersAction, "/admin/users", { intent: "invite", email, role }, app.admin.cookie);
  const text = await response.text();
  return { status: response.status, text, link: (JSON.parse(text) as { link: string }).link };
}
const tokenOf = (link: string) => link.split("/join/")[1]!;
const orgAudit = (orgId: string) => app.t.db.select().from(auditLog).where(eq(auditLog.orgId, orgId));

function join(token: string, fields: Record<string, string>, cookie?: string) {
  return settle(() => joinAction({ request: formPost(`/join/${token}`, fields, cookie), params: { token }, context: { clientIp: "203.0.113.9" } }));
}
function openLink(token: string, cookie?: string) {
  return settle(() => joinLoader({ request: get(`/join/${token}`, cookie), params: { token }, context: {} }));
}

describe("inviting", () => {
  it("answers byte for byte the same (apart from the e-mail and token) whether or not the e-mail has an account", async () => {
    const bAuditBefore = (await orgAudit(app.other.orgId)).length;
    const before = await rowCounts(app.t.db);
    const known = await invite(existing.email);
    const unknown = await invite("nobody.yet@example.cn");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const visible = (r: { text: string; link: string }, email: string) => r.text.replace(tokenOf(r.link), "TOKEN").replace(email, "EMAIL");
    expect(visible(known, existing.email)).toBe(visible(unknown, "nobody.yet@example.cn"));
    // Nobody was added: two invitations and their audit entries, nothing else.
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ invitations: 2, audit_log: 2 });
    expect(known.text).not.toContain(existing.name);
    // The audit entries do not say whether an account exists, and live in A only.
    const entries = (await orgAudit(app.admin.orgId)).filter((e) => e.action === "invitation.create");
    expect(entries.map((e) => Object.keys(e.after as object).sort())).toEqual([
      ["email", "expiresAt", "role"],
      ["email", "expiresAt", "role"],
    ]);
    expect(JSON.stringify(entries)).not.toContain(existing.id);
    expect((await orgAudit(app.other.orgId)).length).toBe(bAuditBefore);
  });

  it("shows the link page the same way whether or not the e-mail has an account", async () => {
    const a = await invite("page.known@example.cn");
    const b = await invite(existing.email);
    const bodyOf = async (link: string) => {
      const page = (await (await openLink(tokenOf(link))).json()) as { invitation: Record<string, unknown>; signedIn: unknown };
      return Object.keys(page.invitation).sort().join(",") + JSON.stringify(page.signedIn);
    };
    expect(await bodyOf(a.link)).toBe(await bodyOf(b.link));
  });
});

describe("accepting", () => {
  it("an existing account sees the invitation after signing in and accepts it; audited in the inviting organisation only", async () => {
    const { link } = await invite(existing.email, "procurement");
    const bAuditBefore = (await orgAudit(app.other.orgId)).length;
    const signIn = await settle(() =>
      loginAction({ request: formPost("/login", { email: existing.email, password: PASSWORD }), params: {}, context: { clientIp: "198.51.100.20" } }),
    );
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("Location")).toBe("/invitations");
    const cookie = cookieFrom(signIn);
    const listed = (await (await settle(() => invitationsLoader({ request: get("/invitations", cookie), params: {}, context: {} }))).json()) as {
      invitations: { id: string; orgName: string }[];
    };
    const mine = listed.invitations.find((i) => i.orgName === "甲机关服务中心");
    expect(mine).toBeDefined();
    // Not yet a member: nothing happens without consent.
    const notYet = await app.t.db.select().from(memberships).where(and(eq(memberships.orgId, app.admin.orgId), eq(memberships.userId, existing.id)));
    expect(notYet).toEqual([]);
    const accepted = await settle(() =>
      invitationsAction({ request: formPost("/invitations", { intent: "accept", invitationId: mine!.id }, cookie), params: {}, context: {} }),
    );
    expect(accepted.status).toBe(302);
    const [row] = await app.t.db.select().from(memberships).where(and(eq(memberships.orgId, app.admin.orgId), eq(memberships.userId, existing.id)));
    expect(row?.role).toBe("procurement");
    const entry = (await orgAudit(app.admin.orgId)).find((e) => e.action === "membership.create" && e.entityId === row!.id);
    expect(entry).toBeDefined();
    // Nothing of it in organisation B's log (signing in there is B's own event).
    const bNew = (await orgAudit(app.other.orgId)).slice(bAuditBefore);
    expect(bNew.map((e) => e.action)).toEqual(["user.sign_in"]);
    expect(JSON.stringify(bNew)).not.toContain(app.admin.orgId);
    // The link is used up.
    expect((await openLink(tokenOf(link))).status).toBe(404);
  });

  it("refuses to accept another person's invitation", async () => {
    const { link } = await invite("someone.else@example.cn");
    const [inv] = await app.t.db.select().from(invitations).where(eq(invitations.email, "someone.else@example.cn"));
    const stranger = await member(app.t.db, app.other.orgId, "staff");
    const viaList = await settle(() =>
      invitationsAction({ request: formPost("/invitations", { intent: "accept", invitationId: inv!.id }, stranger.cookie), params: {}, context: {} }),
    );
    expect(viaList.status).toBe(404);
    const viaLink = await join(tokenOf(link), { intent: "accept", invitationId: inv!.id }, stranger.cookie);
    expect(viaLink.status).toBe(403);
    expect(await app.t.db.select().from(memberships).where(and(eq(memberships.orgId, app.admin.orgId), eq(memberships.userId, stranger.userId)))).toEqual([]);
  });

  it("a new person sets a name and password through the link and joins, once", async () => {
    const { link } = await invite("new.person@example.cn", "staff");
    const token = tokenOf(link);
    expect((await openLink(token)).status).toBe(200);
    const bad = await join(token, { intent: "create", name: "", password: "short" });
    expect(bad.status).toBe(400);
    const joined = await join(token, { intent: "create", name: "新同事", password: "a-long-new-password" });
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe("/staff");
    const viewer = await requireUser(get("/staff", cookieFrom(joined)));
    expect(viewer).toMatchObject({ user: { email: "new.person@example.cn", name: "新同事" }, org: { id: app.admin.orgId } });
    expect((await join(token, { intent: "create", name: "再来", password: "another-long-password" })).status).toBe(404);
  });

  it("never sets a password on an existing account through a link", async () => {
    const other = await makeUser(app.t.db, { email: "zhao.lei@b.example.cn" });
    await makeMembership(app.t.db, { orgId: app.other.orgId, userId: other.id, role: "staff" });
    const { link } = await invite("zhao.lei@b.example.cn", "staff");
    const [before] = await app.t.db.select().from(users).where(eq(users.id, other.id));
    const response = await join(tokenOf(link), { intent: "create", name: "冒名", password: "an-attacker-password" });
    expect(response.status).toBe(409);
    const [after] = await app.t.db.select().from(users).where(eq(users.id, other.id));
    expect(after).toEqual(before);
  });

  it("refuses malformed bodies with 400", async () => {
    const { link } = await invite("malformed@example.cn");
    const token = tokenOf(link);
    const json = new Request(`http://localhost:3000/join/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{\"intent\":\"create\"}" });
    expect((await settle(() => joinAction({ request: json, params: { token }, context: {} }))).status).toBe(400);
    expect((await join(token, { intent: "what" })).status).toBe(400);
    const emptyInvite = new Request("http://localhost:3000/admin/users", {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: app.admin.cookie, Origin: "http://localhost:3000" },
      body: "[]",
    });
    expect((await settle(() => usersAction({ request: emptyInvite, params: {}, context: {} }))).status).toBe(400);
  });
});

describe("revoking and expiry", () => {
  it("revokes a pending invitation: its link stops working; another organisation's invitation is 404", async () => {
    const { link } = await invite("to.revoke@example.cn");
    const page = (await (await load(usersLoader, "/admin/users", app.admin.cookie)).json()) as { invitations: { id: string; email: string }[] };
    const pending = page.invitations.find((i) => i.email === "to.revoke@example.cn")!;
    const foreign = await post(usersAction, "/admin/users", { intent: "revokeInvite", invitationId: pending.id }, app.other.cookie);
    expect(foreign.status).toBe(404);
    const revoked = await post(usersAction, "/admin/users", { intent: "revokeInvite", invitationId: pending.id }, app.admin.cookie);
    expect(revoked.status).toBe(302);
    expect((await openLink(tokenOf(link))).status).toBe(404);
    expect((await orgAudit(app.admin.orgId)).some((e) => e.action === "invitation.revoke" && e.entityId === pending.id)).toBe(true);
  });

  it("refuses an expired link", async () => {
    const { link } = await invite("expired@example.cn");
    await app.t.db.update(invitations).set({ expiresAt: "2000-01-01T00:00:00.000Z" }).where(and(eq(invitations.email, "expired@example.cn"), isNull(invitations.revokedAt)));
    expect((await openLink(tokenOf(link))).status).toBe(404);
    expect((await join(tokenOf(link), { intent: "create", name: "过期", password: "a-long-new-password" })).status).toBe(404);
  });

  it("is for admins only", async () => {
    const staff = await member(app.t.db, app.admin.orgId, "staff");
    expect((await post(usersAction, "/admin/users", { intent: "invite", email: "x@example.cn", role: "admin" }, staff.cookie)).status).toBe(403);
  });
});
