/**
 * The one input builder (issue 11): for a seeded quarter, `buildQuarterInput`
 * gives exactly the QuarterInput written out by hand below — the released
 * survey tally (never responses since the last release), the findings found
 * by asOf with the fixes verified by asOf and the repeat links that count,
 * the counted bonuses and the confirmed vetoes that happened by asOf.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { clearRepeatMark, withdrawFinding } from "../../db/queries/inspections/lifecycle";
import { confirmVeto, recordBonus, recordVeto, withdrawBonus, withdrawVeto } from "../../db/queries/inspections/events";
import { buildQuarterInput } from "../../db/queries/scores/input";
import { createCampaign, submitResponse } from "../../db/queries/surveys";
import type { QuarterInput } from "../../scoring/types";
import { createTestDb, type TestDb } from "../helpers/db";
import { addFinding, fixFinding, ITEM, makeScoresWorld, type ScoresWorld } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const TODAY = "2026-09-29";
const AS_OF = "2026-09-20";

async function event(kind: "bonus" | "veto", w: ScoresWorld, occurredOn: string, note: string): Promise<string> {
  const input = { contractId: w.contractId, itemId: kind === "bonus" ? ITEM.bonus : ITEM.veto, note, occurredOn, photos: [], today: TODAY };
  const r = kind === "bonus" ? await recordBonus(t.db, w.ctx, input) : await recordVeto(t.db, w.ctx, input);
  if (!r.ok) throw new Error(`${kind} refused: ${r.error}`);
  return r.id;
}

async function confirm(w: ScoresWorld, vetoId: string) {
  expect(await confirmVeto(t.db, w.ctx2, { vetoId, role: "supervisor", today: TODAY })).toEqual({ ok: true, id: vetoId });
}

it("builds the hand-written QuarterInput of a seeded quarter as of a day", async () => {
  const w = await makeScoresWorld(t.db);
  const db = t.db;

  // The survey: 5 respondents make the first release; 2 more after it are not released yet.
  const campaign = await createCampaign(db, w.ctx, {
    contractId: w.contractId,
    period: "2026-Q3",
    opensOn: "2026-09-01",
    closesOn: "2026-09-30",
    allowOpenLink: true,
    inviteCount: 10,
  });
  if (!campaign.ok) throw new Error(campaign.error);
  const answers: [number, number][] = [
    [5, 4],
    [5, 5],
    [4, 3],
    [3, 2],
    [5, 4],
    [1, 1], // after the release
    [1, 2], // after the release
  ];
  for (const [overall, attitude] of answers) {
    expect(await submitResponse(db, { campaign: { token: campaign.openToken }, answers: { overall, attitude }, today: "2026-09-10" })).toEqual({ ok: true });
  }

  // Findings in every state.
  const open = await addFinding(db, w, { foundOn: "2026-09-12", dueOn: "2026-09-30", today: TODAY });
  const awaiting = await addFinding(db, w, { itemId: ITEM.timeliness, foundOn: "2026-08-01", dueOn: "2026-08-05", today: TODAY });
  await fixFinding(db, w, awaiting, "2026-08-04"); // recorded, never verified
  const inTime = await addFinding(db, w, { itemId: ITEM.safety, severity: "minor", foundOn: "2026-07-10", dueOn: "2026-07-15", today: TODAY });
  await fixFinding(db, w, inTime, "2026-07-14", "2026-07-16");
  const late = await addFinding(db, w, { severity: "critical", foundOn: "2026-07-20", dueOn: "2026-07-22", today: TODAY });
  await fixFinding(db, w, late, "2026-07-25", "2026-07-26");
  const verifiedAfter = await addFinding(db, w, { itemId: ITEM.timeliness, foundOn: "2026-09-01", dueOn: "2026-09-05", today: TODAY });
  await fixFinding(db, w, verifiedAfter, "2026-09-04", "2026-09-22"); // fixed before asOf, verified after it
  const withdrawn = await addFinding(db, w, { foundOn: "2026-08-10", dueOn: "2026-08-12", today: TODAY });
  expect((await withdrawFinding(db, w.ctx, { findingId: withdrawn, reason: "误记", today: TODAY })).ok).toBe(true);
  const foundAfter = await addFinding(db, w, { foundOn: "2026-09-25", dueOn: "2026-09-27", today: TODAY });
  expect(foundAfter).toBeTruthy();

  // A repeat of the previous quarter's finding at the same site (counts), and a repeat whose mark was cleared.
  const repeatSite = await w.newSite();
  const earlierQuarter = await addFinding(db, w, { itemId: ITEM.safety, foundOn: "2026-06-20", dueOn: "2026-06-22", siteId: repeatSite, today: TODAY });
  const repeat = await addFinding(db, w, { itemId: ITEM.safety, foundOn: "2026-07-05", dueOn: "2026-07-08", siteId: repeatSite, today: TODAY });
  const clearedSite = await w.newSite();
  const first = await addFinding(db, w, { itemId: ITEM.timeliness, severity: "minor", foundOn: "2026-08-15", dueOn: "2026-08-25", siteId: clearedSite, today: TODAY });
  const cleared = await addFinding(db, w, { itemId: ITEM.timeliness, severity: "minor", foundOn: "2026-08-20", dueOn: "2026-08-25", siteId: clearedSite, today: TODAY });
  expect((await clearRepeatMark(db, w.ctx, { findingId: cleared, reason: "另一处问题", today: TODAY })).ok).toBe(true);

  // Bonuses: one counted, one withdrawn, one after asOf.
  await event("bonus", w, "2026-08-01", "防汛值守");
  const withdrawnBonus = await event("bonus", w, "2026-08-02", "重复登记");
  expect((await withdrawBonus(db, w.ctx, { id: withdrawnBonus, reason: "重复", today: TODAY })).ok).toBe(true);
  await event("bonus", w, "2026-09-24", "国庆保障");

  // Vetoes: pending, confirmed, confirmed then withdrawn, confirmed but after asOf.
  await event("veto", w, "2026-09-02", "待确认事故");
  const confirmed = await event("veto", w, "2026-09-15", "电梯困人");
  await confirm(w, confirmed);
  const withdrawnVeto = await event("veto", w, "2026-09-03", "误报");
  await confirm(w, withdrawnVeto);
  expect((await withdrawVeto(db, w.ctx, { id: withdrawnVeto, reason: "误报", today: TODAY })).ok).toBe(true);
  const vetoAfter = await event("veto", w, "2026-09-26", "食物中毒");
  await confirm(w, vetoAfter);

  const expected: QuarterInput = {
    period: "2026-Q3",
    asOf: AS_OF,
    // Released at 5: overall 5,5,4,3,5 and attitude 4,5,3,2,4 — not the two answers after it.
    survey: { respondents: 5, questions: { attitude: [0, 1, 1, 2, 1], overall: [0, 0, 1, 1, 3] } },
    // By foundOn (all different here); withdrawn and found-after-asOf left out; only fixes verified by asOf count.
    findings: [
      { id: repeat, itemId: ITEM.safety, severity: "major", foundOn: "2026-07-05", dueOn: "2026-07-08", rectifiedOn: null, repeatOf: earlierQuarter },
      { id: inTime, itemId: ITEM.safety, severity: "minor", foundOn: "2026-07-10", dueOn: "2026-07-15", rectifiedOn: "2026-07-14", repeatOf: null },
      { id: late, itemId: ITEM.cleanliness, severity: "critical", foundOn: "2026-07-20", dueOn: "2026-07-22", rectifiedOn: "2026-07-25", repeatOf: null },
      { id: awaiting, itemId: ITEM.timeliness, severity: "major", foundOn: "2026-08-01", dueOn: "2026-08-05", rectifiedOn: null, repeatOf: null },
      { id: first, itemId: ITEM.timeliness, severity: "minor", foundOn: "2026-08-15", dueOn: "2026-08-25", rectifiedOn: null, repeatOf: null },
      { id: cleared, itemId: ITEM.timeliness, severity: "minor", foundOn: "2026-08-20", dueOn: "2026-08-25", rectifiedOn: null, repeatOf: null },
      { id: verifiedAfter, itemId: ITEM.timeliness, severity: "major", foundOn: "2026-09-01", dueOn: "2026-09-05", rectifiedOn: null, repeatOf: null },
      { id: open, itemId: ITEM.cleanliness, severity: "major", foundOn: "2026-09-12", dueOn: "2026-09-30", rectifiedOn: null, repeatOf: null },
    ],
    bonuses: [{ itemId: ITEM.bonus, note: "防汛值守" }],
    vetoes: [{ itemId: ITEM.veto, occurredOn: "2026-09-15", note: "电梯困人" }],
  };

  const built = await buildQuarterInput(db, { orgId: w.orgId, contractId: w.contractId, period: "2026-Q3", asOf: AS_OF });
  expect(built?.input).toEqual(expected);
  expect(built?.rubric).toEqual(w.rubric);
  expect(built?.ref).toEqual({ rubricVersionId: w.rubricVersionId, rubricId: w.rubric.id, rubricVersion: w.rubric.version });
  expect(built?.rubricFixed).toBe(true);
  expect(built?.campaign).toEqual({ id: campaign.campaignId, status: "open", allowOpenLink: true, invitesIssued: 10 });

  // As of the day after the last write, the later fix, finding, bonus and veto count too.
  const later = await buildQuarterInput(db, { orgId: w.orgId, contractId: w.contractId, period: "2026-Q3", asOf: TODAY });
  expect(later?.input.findings.find((f) => f.id === verifiedAfter)?.rectifiedOn).toBe("2026-09-04");
  expect(later?.input.findings.map((f) => f.id)).toContain(foundAfter);
  expect(later?.input.bonuses).toEqual([
    { itemId: ITEM.bonus, note: "防汛值守" },
    { itemId: ITEM.bonus, note: "国庆保障" },
  ]);
  expect(later?.input.vetoes).toEqual([
    { itemId: ITEM.veto, occurredOn: "2026-09-15", note: "电梯困人" },
    { itemId: ITEM.veto, occurredOn: "2026-09-26", note: "食物中毒" },
  ]);
  // Another organisation's contract id: nothing.
  const other = await makeScoresWorld(db);
  expect(await buildQuarterInput(db, { orgId: other.orgId, contractId: w.contractId, period: "2026-Q3", asOf: AS_OF })).toBeNull();
});
