/**
 * The quarter-lock rule exists once (domain/quarter-lock.ts); the submission's
 * SQL gate, which must decide inside the write transaction, is built from it
 * (db/queries/surveys/submission/sql.ts). Here the SQL and the TypeScript
 * predicate are evaluated side by side on every quarter state (and no row),
 * every campaign status and days before, inside and after the window.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignAcceptsResponses, contractQuarterWritable, QUARTER_STATES, type QuarterState } from "../../domain/quarter-lock";
import { acceptsResponsesSql, quarterWritableSql } from "../../db/queries/surveys/submission/sql";
import { contractQuarters, QUARTER_STATUSES, surveyCampaigns } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContractQuarter } from "../helpers/factories";
import { makeOpenSurvey, type SurveyFixture } from "../helpers/surveys";

let t: TestDb;
let s: SurveyFixture;
beforeAll(async () => {
  t = await createTestDb();
  s = await makeOpenSurvey(t.db); // 2026-Q3, window 2026-09-01 … 2026-09-30
});
afterAll(async () => t?.cleanup());

async function setQuarter(state: QuarterState | null) {
  await t.db.delete(contractQuarters).where(eq(contractQuarters.contractId, s.contractId));
  if (state) await makeContractQuarter(t.db, { orgId: s.orgId, contractId: s.contractId, period: "2026-Q3", status: state });
}

async function sqlSays(expression: string, today: string): Promise<boolean> {
  const rs = await t.client.execute({ sql: `SELECT (${expression}) AS ok FROM survey_campaigns c WHERE c.id = :cid`, args: { cid: s.campaignId, today } });
  return Number(rs.rows[0]!.ok) === 1;
}

describe("the SQL gate and the domain predicates agree", () => {
  it("on the list of quarter states (the schema's enum is the domain's)", () => {
    expect([...QUARTER_STATUSES]).toEqual([...QUARTER_STATES]);
  });

  it("on whether the quarter may be written, for every state and for a quarter without a row", async () => {
    for (const state of [null, ...QUARTER_STATES]) {
      await setQuarter(state);
      expect(await sqlSays(quarterWritableSql("c"), "2026-09-10"), String(state)).toBe(contractQuarterWritable(state));
    }
  });

  it("on whether the campaign accepts responses, for every state × status × day", async () => {
    let compared = 0;
    for (const quarterState of [null, ...QUARTER_STATES]) {
      await setQuarter(quarterState);
      for (const campaignStatus of ["draft", "open", "closed"] as const) {
        await t.db.update(surveyCampaigns).set({ status: campaignStatus }).where(eq(surveyCampaigns.id, s.campaignId));
        for (const today of ["2026-08-31", "2026-09-01", "2026-09-15", "2026-09-30", "2026-10-01"]) {
          const expected = campaignAcceptsResponses({ campaignStatus, opensOn: "2026-09-01", closesOn: "2026-09-30", today, quarterState });
          expect(await sqlSays(acceptsResponsesSql("c"), today), `${quarterState} ${campaignStatus} ${today}`).toBe(expected);
          compared++;
        }
      }
    }
    expect(compared).toBe(5 * 3 * 5);
  });
});
