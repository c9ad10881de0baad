/** The factories insert valid rows and create the parents they are not given (seed/ relies on both). */
import { count, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { isValidUscc } from "../../domain/uscc";
import { createTestDb, type TestDb } from "../helpers/db";
import * as f from "../helpers/factories";

describe("factories", () => {
  let t: TestDb;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDb();
    orgId = (await f.makeOrg(t.db)).id;
  });
  afterAll(() => t.cleanup());

  it("make a contractor with a valid, unique credit code", async () => {
    const a = await f.makeContractor(t.db, { orgId });
    const b = await f.makeContractor(t.db, { orgId });
    expect(isValidUscc(a.creditCode)).toBe(true);
    expect(a.creditCode).not.toBe(b.creditCode);
  });

  it("create missing parents in the same organisation", async () => {
    const finding = await f.makeFinding(t.db, { orgId });
    expect(finding).toMatchObject({ orgId, status: "open", severity: "minor" });
    const campaign = await f.makeSurveyCampaign(t.db, { orgId });
    expect(campaign.questionnaire.length).toBeGreaterThan(0);
    expect(campaign.allowOpenLink).toBe(true);
    const response = await f.makeSurveyResponse(t.db, { orgId, campaignId: campaign.id });
    await f.makeSurveyAnswer(t.db, { orgId, campaignId: campaign.id, responseId: response.id, value: 5 });
    const user = await f.makeUser(t.db);
    await f.makeSurveyParticipation(t.db, { orgId, campaignId: campaign.id, userId: user.id });
    await f.makeSurveyTally(t.db, { orgId, campaignId: campaign.id });
    await f.makeSurveyCampaignCount(t.db, { orgId, campaignId: campaign.id });
    await f.makeSurveyInvite(t.db, { orgId, campaignId: campaign.id });
    const event = await f.makeFindingEvent(t.db, { orgId, findingId: finding.id });
    await f.makeEvidenceFile(t.db, { orgId, findingEventId: event.id });
    await f.makeMembership(t.db, { orgId, role: "supervisor" });
    await f.makeSession(t.db, { orgId });
    await f.makeLoginAttempt(t.db);
    await f.makeGridCell(t.db, { orgId });
    await f.makeContractSite(t.db, { orgId });
    await f.makeContractQuarter(t.db, { orgId });
    const score = await f.makeQuarterScore(t.db, { orgId });
    expect(score.output.total).toBe(score.total);
    const rubric = await f.makeRubricVersion(t.db, { orgId, serviceType: "catering" });
    expect(rubric.rubric.serviceType).toBe("catering");
    await f.makeBonusEvent(t.db, { orgId });
    await f.makeVetoEvent(t.db, { orgId });
    await f.makeAuditEntry(t.db, { orgId });
  });

  it("makeWorld fills every table", async () => {
    const fresh = await createTestDb();
    try {
      await f.makeWorld(fresh.db);
      const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));
      expect(tables).toHaveLength(38);
      for (const table of tables) {
        const [row] = await fresh.db.select({ n: count() }).from(table);
        expect(row!.n, getTableName(table)).toBeGreaterThan(0);
      }
    } finally {
      await fresh.cleanup();
    }
  });
});
