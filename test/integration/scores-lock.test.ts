/**
 * Finalisation locks the quarter (docs/product.md §5, issue 11): every write
 * that would change what the quarter scored is refused with `quarter_locked`
 * and a `*.refused` audit entry, and writes nothing else; recording and
 * verifying a fix still record and leave the snapshot alone. Reopening lets
 * those writes through again — except survey responses, whose campaign
 * finalisation closed and which stays closed.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { confirmVeto, recordBonus, recordVeto, withdrawBonus, withdrawVeto } from "../../db/queries/inspections/events";
import { clearRepeatMark, rectifyFinding, verifyFinding, withdrawFinding } from "../../db/queries/inspections/lifecycle";
import { addFindingPhotos, recordFinding } from "../../db/queries/inspections/record";
import { finaliseQuarter, reopenQuarter } from "../../db/queries/scores/finalise";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { createCampaign, submitResponse } from "../../db/queries/surveys";
import type { Db } from "../../db/client";
import { createTestDb, type TestDb } from "../helpers/db";
import { addFinding, auditEntries, fixFinding, ITEM, makeScoresWorld, storedPhoto, type ScoresWorld } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** Every table a quarter's data lives in (not the audit log). */
const DATA_TABLES = [
  "findings",
  "finding_events",
  "evidence_files",
  "inspections",
  "bonus_events",
  "veto_events",
  "contract_quarters",
  "quarter_scores",
  "survey_campaigns",
  "survey_invites",
  "survey_responses",
  "survey_answers",
  "survey_tallies",
  "survey_campaign_counts",
  "survey_participations",
  "survey_campaign_day_counts",
  "survey_tally_releases",
] as const;

/** The whole content of the data tables, to prove a refused write changed nothing. */
async function dump(db: Db, tables: readonly string[] = DATA_TABLES): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  // Some tables are WITHOUT ROWID: rows are put in a stable order here instead.
  for (const table of tables) out[table] = (await db.all(sql.raw(`SELECT * FROM ${table}`))).map((r) => JSON.stringify(r)).sort();
  return out;
}

const TODAY = "2026-10-06";

interface Seeded {
  w: ScoresWorld;
  open: string;
  repeat: string;
  awaiting: string;
  toRectify: string;
  bonus: string;
  vetoToConfirm: string;
  vetoToWithdraw: string;
  siteId: string;
  inviteCodes: string[];
}

async function seed(): Promise<Seeded> {
  const db = t.db;
  const w = await makeScoresWorld(db);
  const campaign = await createCampaign(db, w.ctx, {
    contractId: w.contractId,
    period: "2026-Q3",
    opensOn: "2026-09-01",
    closesOn: "2026-09-30",
    allowOpenLink: false,
    inviteCount: 5,
  });
  if (!campaign.ok) throw new Error(campaign.error);
  const siteId = await w.newSite();
  const open = await addFinding(db, w, { foundOn: "2026-09-10", dueOn: "2026-09-20", siteId });
  const repeatSite = await w.newSite();
  await addFinding(db, w, { itemId: ITEM.safety, foundOn: "2026-08-01", dueOn: "2026-08-03", siteId: repeatSite });
  const repeat = await addFinding(db, w, { itemId: ITEM.safety, foundOn: "2026-08-10", dueOn: "2026-08-12", siteId: repeatSite });
  const awaiting = await addFinding(db, w, { itemId: ITEM.timeliness, foundOn: "2026-09-01", dueOn: "2026-09-03" });
  await fixFinding(db, w, awaiting, "2026-09-02");
  const toRectify = await addFinding(db, w, { itemId: ITEM.timeliness, foundOn: "2026-09-15", dueOn: "2026-09-18" });
  const ev = { contractId: w.contractId, note: "事件", occurredOn: "2026-09-05", photos: [], today: "2026-09-29" };
  const bonus = await recordBonus(db, w.ctx, { ...ev, itemId: ITEM.bonus });
  const v1 = await recordVeto(db, w.ctx, { ...ev, itemId: ITEM.veto });
  const v2 = await recordVeto(db, w.ctx, { ...ev, itemId: ITEM.veto });
  if (!bonus.ok || !v1.ok || !v2.ok) throw new Error("seed events refused");
  return { w, open, repeat, awaiting, toRectify, bonus: bonus.id, vetoToConfirm: v1.id, vetoToWithdraw: v2.id, siteId, inviteCodes: campaign.inviteCodes };
}

/** The writes the lock governs, each with the audit action of its refusal. */
function lockedWrites(s: Seeded) {
  const db = t.db;
  const { w } = s;
  return [
    {
      action: "finding.create",
      run: () =>
        recordFinding(db, w.ctx, {
          kind: "spot",
          contractId: w.contractId,
          siteId: s.siteId,
          itemId: ITEM.safety,
          severity: "minor",
          note: "新问题",
          foundOn: "2026-09-25",
          dueOn: "2026-09-28",
          today: TODAY,
          photos: [storedPhoto()],
        }),
    },
    { action: "finding.add_photo", run: () => addFindingPhotos(db, w.ctx, { findingId: s.open, photos: [storedPhoto()], today: TODAY }) },
    { action: "finding.clear_repeat", run: () => clearRepeatMark(db, w.ctx, { findingId: s.repeat, reason: "非同一问题", today: TODAY }) },
    { action: "finding.withdraw", run: () => withdrawFinding(db, w.ctx, { findingId: s.open, reason: "误记", today: TODAY }) },
    { action: "bonus.create", run: () => recordBonus(db, w.ctx, { contractId: w.contractId, itemId: ITEM.bonus, note: "补记", occurredOn: "2026-09-20", photos: [], today: TODAY }) },
    { action: "veto.create", run: () => recordVeto(db, w.ctx, { contractId: w.contractId, itemId: ITEM.veto, note: "补记", occurredOn: "2026-09-20", photos: [], today: TODAY }) },
    { action: "veto.confirm", run: () => confirmVeto(db, w.ctx2, { vetoId: s.vetoToConfirm, role: "supervisor", today: TODAY }) },
    { action: "bonus.withdraw", run: () => withdrawBonus(db, w.ctx, { id: s.bonus, reason: "撤销", today: TODAY }) },
    { action: "veto.withdraw", run: () => withdrawVeto(db, w.ctx, { id: s.vetoToWithdraw, reason: "撤销", today: TODAY }) },
  ] as const;
}

const survey = (code: string) => submitResponse(t.db, { campaign: { inviteCode: code }, answers: { overall: 5, attitude: 4 }, today: "2026-09-20" });

it("a finalised quarter refuses every score-changing write with an audit entry and nothing else; fixes still record; reopening lets them through but the survey stays closed", async () => {
  const db = t.db;
  const s = await seed();
  const { w } = s;
  const fin = await finaliseQuarter(db, w.ctx, { contractId: w.contractId, period: "2026-Q3", today: "2026-10-05", overrideReason: "已电话核实", provisionalJustification: "问卷未发放" });
  expect(fin).toMatchObject({ ok: true, revision: 1 });
  const campaignStatus = async () => (await db.all<{ status: string }>(sql`SELECT status FROM survey_campaigns`))[0]!.status;
  expect(await campaignStatus()).toBe("closed");

  // The survey: refused as finalised (the quarter comes before the campaign), nothing written — not even an
  // audit row, as every survey response path is anonymous (docs/decisions/004).
  let before = await dump(db, [...DATA_TABLES, "audit_log"]);
  expect(await survey(s.inviteCodes[0]!)).toEqual({ ok: false, error: "finalised" });
  expect(await dump(db, [...DATA_TABLES, "audit_log"])).toEqual(before);

  for (const write of lockedWrites(s)) {
    before = await dump(db);
    const audits = (await auditEntries(db, w.orgId)).length;
    const r = await write.run();
    expect(r, write.action).toEqual({ ok: false, error: "quarter_locked" });
    expect(await dump(db), write.action).toEqual(before);
    const added = (await auditEntries(db, w.orgId)).slice(audits);
    expect(added, write.action).toHaveLength(1);
    expect(added[0], write.action).toMatchObject({ action: `${write.action}.refused`, actorUserId: expect.any(String), after: { reason: "quarter_locked" } });
  }

  // Rectification still records in the finalised quarter and leaves the snapshot alone.
  const snapshot = await dump(db, ["quarter_scores", "contract_quarters"]);
  const viewBefore = await getQuarterScore(db, { orgId: w.orgId, contractId: w.contractId, period: "2026-Q3", today: TODAY });
  expect(await rectifyFinding(db, w.ctx, { findingId: s.toRectify, fixedOn: "2026-09-17", note: "已整改", photos: [storedPhoto()], today: TODAY })).toMatchObject({ ok: true, status: "rectified" });
  expect(await verifyFinding(db, w.ctx2, { findingId: s.awaiting, today: TODAY })).toMatchObject({ ok: true, status: "verified" });
  expect(await verifyFinding(db, w.ctx2, { findingId: s.toRectify, today: TODAY })).toMatchObject({ ok: true, status: "verified" });
  expect(await dump(db, ["quarter_scores", "contract_quarters"])).toEqual(snapshot);
  const viewAfter = await getQuarterScore(db, { orgId: w.orgId, contractId: w.contractId, period: "2026-Q3", today: TODAY });
  expect(viewAfter).toMatchObject({ state: "finalised", source: "snapshot" });
  expect(viewAfter?.score).toEqual(viewBefore?.score);
  expect(viewAfter?.input).toEqual(viewBefore?.input);

  // Reopened: every write is accepted again; the survey's campaign stays closed.
  expect(await reopenQuarter(db, w.ctx, { contractId: w.contractId, period: "2026-Q3", reason: "补录" })).toEqual({ ok: true });
  for (const write of lockedWrites(s)) expect((await write.run()).ok, write.action).toBe(true);
  before = await dump(db, [...DATA_TABLES, "audit_log"]);
  expect(await survey(s.inviteCodes[1]!)).toEqual({ ok: false, error: "closed" });
  expect(await dump(db, [...DATA_TABLES, "audit_log"])).toEqual(before);
  expect(await campaignStatus()).toBe("closed");
});
