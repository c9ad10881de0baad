import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, sessions } from "../../db/schema";
import { loginAttempts } from "../../db/schema";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { cookieFrom, formPost, get, settle } from "../helpers/requests";
import { requireRole, requireUser } from "~/auth/session.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as orgAction } from "~/routes/org";
import { loader as adminAuditLoader } from "~/routes/admin.audit";

let t: TestDb;
const PASSWORD = "correct horse battery";
let orgA: { id: string };
let orgB: { id: string };

beforeAll(async () => {
  t = await installAppDb();
  orgA = await makeOrg(t.db, { name: "甲中心", slug: "a" });
  orgB = await makeOrg(t.db, { name: "乙中心", slug: "b" });
  const passwordHash = await hash(PASSWORD);
  for (const [email, role, org] of [
    ["admin@a.test", "admin", orgA],
    ["staff@a.test", "staff", orgA],
    ["admin@b.test", "admin", orgB],
  ] as const) {
    const user = await makeUser(t.db, { email, name: email, passwordHash });
    await makeMembership(t.db, { orgId: org.id, userId: user.id, role });
  }
});
afterAll(async () => t?.cleanup());
beforeEach(async () => {
  await t.db.delete(loginAttempts);
});

async function signIn(email: string, password = PASSWORD, options: { cookie?: string; ip?: string; redirectTo?: string } = {}) {
  const request = formPost("/login", { email, password, ...(options.redirectTo ? { redirectTo: options.redirectTo } : {}) }, options.cookie);
  return settle(() => loginAction({ request, params: {}, context: { clientIp: options.ip ?? "10.0.0.1" } }));
}

describe("sign-in", () => {
  it("lands each role on its own home page with an HttpOnly, SameSite=Lax cookie", async () => {
    const admin = await signIn("admin@a.test");
    expect(admin.status).toBe(302);
    expect(admin.headers.get("Location")).toBe("/admin");
    const setCookie = admin.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const staff = await signIn("STAFF@a.test");
    expect(staff.headers.get("Location")).toBe("/staff");
  });

  it("refuses a wrong password with the localised message key and no session", async () => {
    const before = (await t.db.select().from(sessions)).length;
    const response = await signIn("admin@a.test", "wrong");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ formError: "login.invalid" });
    expect((await t.db.select().from(sessions)).length).toBe(before);
  });

  it("issues a new session id at sign-in and revokes the one the browser had (no fixation)", async () => {
    const first = cookieFrom(await signIn("admin@a.test"));
    const second = cookieFrom(await signIn("admin@a.test", PASSWORD, { cookie: first }));
    expect(second).not.toBe(first);
    await expect(settle(() => requireUser(get("/admin", first)))).resolves.toMatchObject({ status: 302 });
    await expect(requireUser(get("/admin", second))).resolves.toMatchObject({ user: { email: "admin@a.test" } });
  });

  it("revokes the session on the server at sign-out: the old cookie no longer works", async () => {
    const cookie = cookieFrom(await signIn("admin@a.test"));
    const viewer = await requireUser(get("/admin", cookie));
    const out = await settle(() => logoutAction({ request: formPost("/logout", {}, cookie), params: {}, context: {} }));
    expect(out.status).toBe(302);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, viewer.sessionId));
    expect(row?.revokedAt).not.toBeNull();
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.actorUserId, viewer.user.id));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["user.sign_in", "user.sign_out"]));
    // The trail never holds the bearer session id.
    expect(JSON.stringify(trail)).not.toContain(viewer.sessionId);
    const again = await settle(() => requireUser(get("/admin/audit", cookie)));
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Faudit");
  });

  it("stops checking one address's guesses at an account after 5 failures, with Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn("admin@a.test", `wrong-${i}`, { ip: "10.1.0.1" })).status).toBe(400);
    const locked = await signIn("admin@a.test", PASSWORD, { ip: "10.1.0.1" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ formError: expect.stringMatching(/^auth\.login\.locked\|/) });
    // The owner, from another address, is not locked out.
    expect((await signIn("admin@a.test", PASSWORD, { ip: "10.1.0.99" })).status).toBe(302);
  });

  it("limits failures per address across accounts", async () => {
    for (let i = 0; i < 20; i++) await signIn(`nobody${i}@a.test`, "x", { ip: "10.2.0.1" });
    expect((await signIn("staff@a.test", PASSWORD, { ip: "10.2.0.1" })).status).toBe(429);
    expect((await signIn("staff@a.test", PASSWORD, { ip: "10.2.0.2" })).status).toBe(302);
  });

  it.each(["//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "https://evil.example"])(
    "ignores the off-site redirectTo %s",
    async (redirectTo) => {
      const response = await signIn("admin@a.test", PASSWORD, { redirectTo });
      expect(response.headers.get("Location")).toBe("/admin");
    },
  );

  it("follows an on-site redirectTo", async () => {
    const response = await signIn("admin@a.test", PASSWORD, { redirectTo: "/admin/audit?page=2" });
    expect(response.headers.get("Location")).toBe("/admin/audit?page=2");
  });
});

describe("roles and organisations", () => {
  it("answers 403 when the role does not fit", async () => {
    const cookie = cookieFrom(await signIn("staff@a.test"));
    const response = await settle(() => requireRole(get("/admin", cookie), "admin"));
    expect(response.status).toBe(403);
    const page = await settle(() => adminAuditLoader({ request: get("/admin/audit", cookie), params: {}, context: {} }));
    expect(page.status).toBe(403);
  });

  it("refuses to switch into an organisation the user is not a member of, and changes nothing", async () => {
    const cookie = cookieFrom(await signIn("admin@a.test"));
    const viewer = await requireUser(get("/", cookie));
    const response = await settle(() =>
      orgAction({ request: formPost("/org", { orgId: orgB.id }, cookie), params: {}, context: {} }),
    );
    expect(response.status).toBe(404);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, viewer.sessionId));
    expect(row?.orgId).toBe(orgA.id);
  });

  it("switches between organisations the user belongs to", async () => {
    const multi = await makeUser(t.db, { email: "both@a.test", name: "两地", passwordHash: await hash(PASSWORD) });
    await makeMembership(t.db, { orgId: orgA.id, userId: multi.id, role: "staff" });
    await makeMembership(t.db, { orgId: orgB.id, userId: multi.id, role: "admin" });
    const cookie = cookieFrom(await signIn("both@a.test"));
    const before = await requireUser(get("/", cookie));
    const target = before.org.id === orgA.id ? orgB : orgA;
    const response = await settle(() => orgAction({ request: formPost("/org", { orgId: target.id }, cookie), params: {}, context: {} }));
    expect(response.status).toBe(302);
    const after = await requireUser(get("/", cookie));
    expect(after.org.id).toBe(target.id);
    expect(after.orgCount).toBe(2);
  });
});
