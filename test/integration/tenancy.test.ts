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

// Every module under db/queries, sub-folders included (db/queries/surveys/submission/…).
const modules = import.meta.glob<Record<string, unknown>>("../../db/queries/**/*.ts", { eager: true });

/** Exports that are not tenant data access, and why. */
const NOT_TENANT_SCOPED: Record<string, string> = {
  "calendar.ts#appealWindowOf": "reads the caller's own organisation's setting and calendar and takes no other ids (the window's days are not tenant rows)",
  "calendar.ts#setCalendarDay": "writes only the caller's own organisation's entry (ctx.orgId) and takes no other ids; calendar.test.ts shows another organisation's entry of the same day untouched",
  "calendar.ts#calendarYear": "reads the official schedule (not tenant rows) and the caller's own organisation's entries, and takes no other ids; calendar.test.ts shows another organisation's entry is not listed",
  "calendar.ts#workingCalendarOf": "reads the caller's own organisation's calendar and takes no other ids",
  "settings.ts#setAppealWindowDays": "writes only the caller's own organisation's row (ctx.orgId) and takes no other ids; settings-appeal-window.test.ts shows another organisation's window untouched",
  "settings.ts#setOrgSettings": "writes only the caller's own organisation's row (ctx.orgId) and takes no other ids; procurement-settings.test.ts shows another organisation's settings untouched",
  "procurement/term.ts#termPeriods": "pure: the quarters of a term",
  "procurement/term.ts#findingMeasureColumns": "builds SQL columns; every query using it filters by org",
  "procurement/term.ts#termFindingsOf": "pure: a rate from counts",
  "procurement/appeals.ts#appealCountsOf": "pure: counts of a list of appeals",
  "item-labels.ts#rubricItemLabels": "pure: a rubric's labels",
  "item-labels.ts#itemLabeller": "internal: loads rubric versions through rubricsOf, filtered by orgId (B's version reads as the built-in rubric)",
  "auth.ts#findUserByEmail": "sign-in looks a person up across organisations by e-mail",
  "auth.ts#listMembershipsOfUser": "keyed by the signed-in user's own id",
  "auth.ts#createSession": "creates a session for a user and an organisation the caller has already checked",
  "auth.ts#findLiveSession": "keyed by the secret session id",
  "auth.ts#revokeSession": "keyed by the secret session id",
  "auth.ts#revokeUserSessions": "keyed by the user's own id",
  "auth.ts#claimLoginCheck": "rate-limit bookkeeping keyed by e-mail and address",
  "auth.ts#markLoginSucceeded": "rate-limit bookkeeping keyed by the attempt's own id",
  "auth.ts#accountRetryAfter": "pure helper",
  "auth.ts#SESSION_TTL_MS": "a constant",
  "auth.ts#SESSION_IDLE_MS": "a constant",
  "auth.ts#SESSION_TOUCH_MS": "a constant",
  "auth.ts#PASSWORD_RESET_TTL_MS": "a constant",
  "auth.ts#lastSeenOf": "pure helper",
  "auth.ts#touchSession": "keyed by the secret session id",
  "auth.ts#findPasswordReset": "keyed by the reset link's secret token",
  "auth.ts#completePasswordReset": "keyed by the reset link's secret token",
  "invitations.ts#INVITATION_TTL_MS": "a constant",
  "invitations.ts#hashToken": "pure helper",
  "invitations.ts#findInvitationByToken": "keyed by the invitation link's secret token",
  "invitations.ts#acceptInvitationWithNewAccount": "keyed by the invitation link's secret token",
  "context.ts#pageBounds": "pure helper",
  "portal/findings.ts#PORTAL_FINDINGS_LIMIT": "a constant",
  "context.ts#likePattern": "pure helper",
  "audit.ts#dayStartUtc": "pure helper",
  "members.ts#newMemberAccountStatements": "the statements of createMemberAccount and acceptInvitationWithNewAccount, in the caller's own organisation; the contractor link comes checked (contractorLinkFor, or a checked invitation's)",
  "orgs.ts#createOrganisation": "creates a new organisation (the operator's command and the demo seed); no caller organisation",
  "reminders/run.ts#organisationsToRemind": "the scheduler's list of every organisation (id and zone); no caller organisation",
  "reminders/settings.ts#setReminderRule": "writes the caller's own organisation's rule setting and takes no other ids",
  "contractors.ts#createContractor": "creates a row in the caller's own organisation and takes no other ids",
  "sites.ts#createSite": "creates a row in the caller's own organisation and takes no other ids",
  "surveys/public.ts#findCampaignByToken": "public survey link: keyed by its secret token",
  "surveys/public.ts#findCampaignByInviteCode": "public invite: keyed by its secret code",
  "surveys/submission/writer.ts#submitResponse": "public submission: keyed by the campaign's secret token or invite code",
  "surveys/submission/writer.ts#truncateSurveyWal": "a WAL checkpoint of the whole file: no tenant data",
  "surveys/submission/writer.ts#CHECKPOINT_DELAY_MS": "a constant",
  "surveys/submission/sql.ts#RELEASE_EVERY": "a constant",
  "surveys/submission/sql.ts#names": "pure helper: a table's SQL names",
  "surveys/submission/sql.ts#quarterWritableSql": "builds SQL text",
  "surveys/submission/sql.ts#acceptsResponsesSql": "builds SQL text",
  "surveys/submission/sql.ts#participationSql": "builds SQL text",
  "surveys/submission/sql.ts#responseAfterParticipationSql": "builds SQL text",
  "surveys/submission/sql.ts#releaseSql": "builds SQL text",
  "surveys/submission/sql.ts#stmt": "pure helper",
  "surveys/submission/sql.ts#namedSql": "pure helper",
  "surveys/submission/diagnose.ts#diagnose": "internal to submitResponse, after its refused write",
  "inspections/patrols.ts#getPatrolTarget": "reads the caller's own organisation's setting and takes no other ids",
  "orgs.ts#setPatrolTarget": "writes the caller's own organisation's setting and takes no other ids",
  "quarter-state.ts#contractQuarterState": "internal: filters by orgId; callers pass a contract they checked",
  "quarter-state.ts#quarterStillWritable": "builds a WHERE condition (filters by orgId) for a contract the caller checked",
  "inspections/shared.ts#quarterWritableOn": "internal: filters by orgId; callers pass a contract they checked",
  "inspections/shared.ts#auditRefusal": "writes one audit row in the caller's own organisation",
  "inspections/shared.ts#contractForWrite": "internal: filters by orgId (B's contract reads as null)",
  "inspections/shared.ts#evidenceInserts": "builds inserts in the caller's own organisation",
  "inspections/shared.ts#rubricsOf": "internal: filters the rubric versions by orgId (B's version reads as null)",
  "inspections/shared.ts#rubricOf": "internal: filters the rubric version by orgId (B's version reads as null)",
  "surveys/shared.ts#closedReason": "pure helper (the quarter-lock predicate on a campaign row)",
  "surveys/shared.ts#clientOf": "internal helper",
  "surveys/shared.ts#queryOne": "internal helper",
  "surveys/shared.ts#chunk": "pure helper",
  "surveys/shared.ts#uniqueCodes": "pure helper",
  "surveys/shared.ts#isUniqueViolation": "pure helper",
  "quarter-rubric.ts#fixRubricSet": "builds SQL (the SET of an upsert)",
  "quarter-rubric.ts#openQuarterStatement": "builds an upsert in the caller's own organisation for a contract the caller checked",
  "quarter-rubric.ts#whenQuarterWritable": "builds SQL text",
  "quarter-rubric.ts#isQuarterGuardFailure": "pure helper",
  "scores/fee.ts#feeOf": "pure helper (scoring's quarterFee and quarterPayment)",
  "scores/finalise.ts#listedColumns": "pure helper (copies a snapshot's figures into columns)",
  "scores/revisions.ts#revisionChanges": "pure helper (compares two stored outputs)",
};

/**
 * Every exported function (and number) of db/queries, named by path:
 * "contracts.ts#getContract", "surveys/submission/writer.ts#submitResponse".
 * An index.ts that re-exports is not listed for what it re-exports (the same
 * value is listed under the module that defines it); anything it defines itself is.
 */
function exportedFunctions(): string[] {
  const defined = new Map<unknown, string>();
  const names: string[] = [];
  const entries = Object.entries(modules)
    .filter(([file]) => !file.endsWith(".test.ts"))
    .map(([file, mod]) => [file.replace(/^.*\/db\/queries\//, ""), mod] as const)
    .sort(([a], [b]) => Number(a.endsWith("index.ts")) - Number(b.endsWith("index.ts")) || a.localeCompare(b));
  for (const [file, mod] of entries) {
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function" && typeof value !== "number") continue;
      // Functions are the same object when re-exported; constants are compared by name and value.
      const identity = typeof value === "function" ? value : `${name}=${value}`;
      if (file.endsWith("index.ts") && defined.has(identity)) continue;
      defined.set(identity, file);
      names.push(`${file}#${name}`);
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
  it("finds the modules in sub-folders: every survey function is listed, by path", () => {
    const surveys = exportedFunctions().filter((name) => name.startsWith("surveys/"));
    for (const name of ["surveys/campaigns.ts#createCampaign", "surveys/submission/writer.ts#submitResponse", "surveys/results.ts#getTally"]) {
      expect(surveys).toContain(name);
    }
    // Each survey data-access function has a case or an exemption, under its own module's path.
    const cases = Object.keys(TENANCY_CASES).filter((name) => name.startsWith("surveys/"));
    expect(cases.every((name) => surveys.includes(name)), "a survey case names a function that no longer exists").toBe(true);
  });

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
