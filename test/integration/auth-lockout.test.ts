/**
 * Sign-in limits (issue 9.5) on a real libSQL file: the attempt is recorded
 * and the limits checked in one statement, so concurrent guesses cannot
 * outrun the count; the limit is strict per (account, address) and loose per
 * account, and nobody can lock the owner out from elsewhere.
 */
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accountRetryAfter, claimLoginCheck, LOGIN_LIMITS } from "../../db/queries/auth";
import { loginAttempts } from "../../db/schema";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { formPost, settle } from "../helpers/requests";
import { action as loginAction } from "~/routes/login";

process.env.SESSION_SECRET ??= "lockout-tests-secret-lockout-tests-secret";

const PASSWORD = "correct horse battery";
const EMAIL = "owner@lockout.test";
let t: TestDb;

beforeAll(async () => {
  t = await installAppDb();
  const org = await makeOrg(t.db);
  const user = await makeUser(t.db, { email: EMAIL, passwordHash: await hash(PASSWORD) });
  await makeMembership(t.db, { orgId: org.id, userId: user.id, role: "staff" });
});
afterAll(async () => t?.cleanup());
beforeEach(async () => {
  await t.db.delete(loginAttempts);
});

function signIn(password: string, ip: string) {
  const request = formPost("/login", { email: EMAIL, password });
  return settle(() => loginAction({ request, params: {}, context: { clientIp: ip } }));
}

/** Password checks made: each one is a row claimed before the check. */
async function checksFrom(ip: string) {
  return (await t.db.select().from(loginAttempts).where(eq(loginAttempts.address, ip))).length;
}

describe("sign-in limits", () => {
  it("checks at most 5 of 30 concurrent wrong guesses from one address; the rest get 429 with Retry-After", async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(`guess-${i}`, "198.51.100.1")));
    expect(await checksFrom("198.51.100.1")).toBe(LOGIN_LIMITS.perPair);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(LOGIN_LIMITS.perPair);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(30 - LOGIN_LIMITS.perPair);
    for (const r of refused) {
      const wait = Number(r.headers.get("Retry-After"));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
    }
  });

  it("signs the owner in from a fresh address while the account is hammered from many others", async () => {
    const attackers = Array.from({ length: 12 }, (_, i) => `203.0.113.${i + 1}`);
    const attack = attackers.flatMap((ip) => Array.from({ length: 6 }, (_, n) => signIn(`guess-${n}`, ip)));
    const owner = signIn(PASSWORD, "192.0.2.50");
    const [ownerResponse, ...attackResponses] = await Promise.all([owner, ...attack]);
    expect(ownerResponse!.status).toBe(302);
    expect(attackResponses.some((r) => r.status === 429)).toBe(true);
    // No attacking address got more than 5 checks.
    for (const ip of attackers) expect(await checksFrom(ip)).toBeLessThanOrEqual(LOGIN_LIMITS.perPair);
    // And signing in again right after still works.
    expect((await signIn(PASSWORD, "192.0.2.50")).status).toBe(302);
  });

  it("under attack, an address that has failed once must wait, longer as failures pile up", async () => {
    // 25 addresses fail once each: the account has more than 20 recent failures.
    for (let i = 0; i < 25; i++) expect((await signIn("guess", `203.0.113.${100 + i}`)).status).toBe(400);
    const again = await signIn(PASSWORD, "203.0.113.100");
    expect(again.status).toBe(429);
    const firstWait = Number(again.headers.get("Retry-After"));
    expect(firstWait).toBe(accountRetryAfter(25));
    // A fresh address still gets its check.
    expect((await signIn("guess", "203.0.113.200")).status).toBe(400);
    for (let i = 0; i < 40; i++) await signIn("guess", `198.18.0.${i}`);
    const later = await signIn("guess", "203.0.113.100");
    expect(later.status).toBe(429);
    expect(Number(later.headers.get("Retry-After"))).toBeGreaterThan(firstWait);
  });

  it("refuses the right password from an address that used up its checks, and resets after a success", async () => {
    for (let i = 0; i < 4; i++) await signIn("guess", "198.51.100.7");
    expect((await signIn(PASSWORD, "198.51.100.7")).status).toBe(302);
    // The success cleared this address's count: four more wrong tries are checked.
    for (let i = 0; i < 4; i++) expect((await signIn("guess", "198.51.100.7")).status).toBe(400);
    expect((await signIn("guess", "198.51.100.7")).status).toBe(400);
    expect((await signIn(PASSWORD, "198.51.100.7")).status).toBe(429);
  });

  it("claims in one statement: concurrent claims never exceed the limit", async () => {
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 50 }, () => claimLoginCheck(t.db, { account: "x@lockout.test", address: "10.0.0.9", now })),
    );
    expect(claims.filter((c) => c.ok)).toHaveLength(LOGIN_LIMITS.perPair);
  });

  it("grows the account-wide wait and caps it at the window", () => {
    expect(accountRetryAfter(20)).toBe(60);
    expect(accountRetryAfter(40)).toBe(120);
    expect(accountRetryAfter(60)).toBe(240);
    expect(accountRetryAfter(100_000)).toBe(LOGIN_LIMITS.windowMs / 1000);
  });
});
