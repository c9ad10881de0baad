/**
 * Tenancy, table-driven over every exported data-access function of db/queries.
 * Organisation A (the caller) has nothing but its admin; organisation B owns
 * one of everything. Each function is called with A's id and B's ids: it must
 * return nothing or refuse, and no row anywhere may change (audit trail
 * included). A function without a row in CASES (or in NOT_TENANT_SCOPED, with
 * the reason) fails the test, so new functions cannot slip past it.
 */
import { getTableName, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { TENANCY_CASES } from "./tenancy-cases";

const modules = import.meta.glob<Record<string, unknown>>("../../db/queries/*.ts", { eager: true });

/** Exports that are not tenant data access, and why. */
const NOT_TENANT_SCOPED: Record<string, string> = {
  "auth.findUserByEmail": "sign-in looks a person up across organisations by e-mail",
  "auth.listMembershipsOfUser": "keyed by the signed-in user's own id",
  "auth.createSession": "creates a session for a user and an organisation the caller has already checked",
  "auth.findLiveSession": "keyed by the secret session id",
  "auth.revokeSession": "keyed by the secret session id",
  "auth.revokeUserSessions": "keyed by the user's own id",
  "auth.claimLoginCheck": "rate-limit bookkeeping keyed by e-mail and address",
  "auth.markLoginSucceeded": "rate-limit bookkeeping keyed by the attempt's own id",
  "auth.accountRetryAfter": "pure helper",
  "auth.SESSION_TTL_MS": "a constant",
  "auth.SESSION_IDLE_MS": "a constant",
  "auth.SESSION_TOUCH_MS": "a constant",
  "auth.PASSWORD_RESET_TTL_MS": "a constant",
  "auth.lastSeenOf": "pure helper",
  "auth.touchSession": "keyed by the secret session id",
  "auth.findPasswordReset": "keyed by the reset link's secret token",
  "auth.completePasswordReset": "keyed by the reset link's secret token",
  "invitations.INVITATION_TTL_MS": "a constant",
  "invitations.hashToken": "pure helper",
  "invitations.createInvitation": "creates an invitation in the caller's own organisation and takes no other ids",
  "invitations.findInvitationByToken": "keyed by the invitation link's secret token",
  "invitations.acceptInvitationWithNewAccount": "keyed by the invitation link's secret token",
  "context.pageBounds": "pure helper",
  "context.likePattern": "pure helper",
  "audit.dayStartUtc": "pure helper",
  "surveys.findCampaignByToken": "public survey link: keyed by its secret token",
  "surveys.findCampaignByInviteCode": "public invite: keyed by its secret code",
  "surveys.submitResponse": "public submission: keyed by the campaign's secret token or invite code",
  "surveys.recountTally": "test-only recount",
  "members.createMemberAccount": "creates a new account in the caller's own organisation and takes no other ids",
  "members.newMemberAccountStatements": "the statements of createMemberAccount, in the caller's own organisation",
  "orgs.createOrganisation": "creates a new organisation (the operator's command and the demo seed); no caller organisation",
  "contractors.createContractor": "creates a row in the caller's own organisation and takes no other ids",
  "sites.createSite": "creates a row in the caller's own organisation and takes no other ids",
};

function exportedFunctions(): string[] {
  const names: string[] = [];
  for (const [file, mod] of Object.entries(modules)) {
    if (file.endsWith(".test.ts")) continue;
    const base = file.split("/").pop()!.replace(/\.ts$/, "");
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function" || typeof value === "number") names.push(`${base}.${name}`);
    }
  }
  return names.sort();
}

const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable);

async function snapshot(t: TestDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const name = getTableName(table);
    const rows = await t.db.all(sql.raw(`SELECT * FROM "${name}" ORDER BY 1`));
    out[name] = JSON.stringify(rows);
  }
  return out;
}

/** Nothing, an empty list or page, false, or an explicit refusal. */
function isNothingOrRefusal(result: unknown): boolean {
  if (result === null || result === undefined || result === false) return true;
  if (Array.isArray(result)) return result.length === 0;
  if (typeof result === "object") {
    const r = result as Record<string, unknown>;
    if (r.ok === false) return true;
    if (Array.isArray(r.rows) && r.rows.length === 0) return true;
  }
  return false;
}

let t: TestDb;
let world: World;

beforeAll(async () => {
  t = await createTestDb();
  world = await buildWorld(t.db);
});
afterAll(async () => t?.cleanup());

describe("tenancy", () => {
  it("has a case (or a stated exemption) for every exported data-access function", () => {
    const missing = exportedFunctions().filter((name) => !(name in TENANCY_CASES) && !(name in NOT_TENANT_SCOPED));
    expect(missing, `add these to test/integration/tenancy-cases.ts`).toEqual([]);
  });

  for (const [name, run] of Object.entries(TENANCY_CASES)) {
    it(`${name}: organisation A with B's ids gets nothing and changes nothing`, async () => {
      const before = await snapshot(t);
      let result: unknown;
      try {
        result = await run(t.db, world);
      } catch (error) {
        // Throwing is a refusal too, as long as it is not a crash on bad SQL.
        result = { ok: false, thrown: String(error) };
        expect(String(error)).not.toMatch(/SQLITE_ERROR|no such column|syntax error/);
      }
      expect(isNothingOrRefusal(result), `${name} returned ${JSON.stringify(result)?.slice(0, 300)}`).toBe(true);
      expect(await snapshot(t)).toEqual(before);
    });
  }
});
