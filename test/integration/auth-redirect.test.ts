/**
 * Open redirects at the request level (issue 9.1): the sign-in action's
 * `redirectTo`, the language switch's `redirectTo` and the redirect to
 * sign-in that remembers where the visitor was going all stay on the site.
 */
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { formPost, get, ORIGIN, settle } from "../helpers/requests";
import { requireUser } from "~/auth/session.server";
import { action as localeAction } from "~/routes/locale";
import { action as loginAction } from "~/routes/login";

process.env.SESSION_SECRET ??= "redirect-tests-secret-redirect-tests-secret";

const PASSWORD = "correct horse battery";
const ATTACKS = [
  "/.//evil.test",
  "/..//evil.test",
  "/a/../..//evil.test",
  "/%2e%2e//evil.test",
  "/.%2e/%2fevil.test",
  "/%252f%252fevil.test",
  "/%5c%5cevil.test",
  "/\t/evil.test",
  "/\n/evil.test",
  "https://evil.test",
  "//evil.test",
  "/\\evil.test",
];

function expectOnSite(location: string | null) {
  expect(location).not.toBeNull();
  expect(location!.startsWith("/")).toBe(true);
  expect(location!.startsWith("//")).toBe(false);
  expect(new URL(location!, ORIGIN).origin).toBe(ORIGIN);
}

let t: TestDb;
beforeAll(async () => {
  t = await installAppDb();
  const org = await makeOrg(t.db);
  const user = await makeUser(t.db, { email: "admin@redirect.test", passwordHash: await hash(PASSWORD) });
  await makeMembership(t.db, { orgId: org.id, userId: user.id, role: "admin" });
});
afterAll(async () => t?.cleanup());

describe("redirects stay on the site", () => {
  it.each(ATTACKS)("after sign-in with redirectTo=%j", async (redirectTo) => {
    const request = formPost("/login", { email: "admin@redirect.test", password: PASSWORD, redirectTo });
    const response = await settle(() => loginAction({ request, params: {}, context: { clientIp: "10.9.0.1" } }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin");
  });

  it.each(ATTACKS)("after switching language with redirectTo=%j", async (redirectTo) => {
    const response = await settle(() => localeAction({ request: formPost("/locale", { lng: "en", redirectTo }), params: {}, context: {} }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
  });

  it.each(["/.//evil.test", "/..//evil.test", "/a/../..//evil.test", "//evil.test/x"])(
    "in the sign-in redirect remembered for %s",
    async (path) => {
      const response = await settle(() => requireUser(new Request(`${ORIGIN}${path}`)));
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("Location")!, ORIGIN);
      expect(location.pathname).toBe("/login");
      expectOnSite(location.searchParams.get("redirectTo"));
    },
  );

  it("still follows on-site paths", async () => {
    const response = await settle(() => localeAction({ request: formPost("/locale", { lng: "en", redirectTo: "/a/./b/../admin?x=1" }), params: {}, context: {} }));
    expect(response.headers.get("Location")).toBe("/a/admin?x=1");
    const back = await settle(() => requireUser(get("/admin/users?page=2")));
    expect(new URL(back.headers.get("Location")!, ORIGIN).searchParams.get("redirectTo")).toBe("/admin/users?page=2");
  });
});
