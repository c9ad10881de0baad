/**
 * Recording findings (db/queries/inspections/record.ts): every refusal writes
 * nothing, repeats are linked by the window and place rules, a retried
 * clientKey returns the first finding, and a locked quarter writes only the
 * refusal's audit row.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { WriteContext } from "../../db/queries/context";
import {
  addFindingPhotos,
  findOpenRepeat,
  recordFinding,
  recordPatrol,
  recordingOptions,
  type RecordFindingInput,
} from "../../db/queries/inspections";
import type { StoredPhotoMeta } from "../../db/queries/inspections";
import * as s from "../../db/schema";
import { addDays } from "../../scoring/dates";
import { createTestDb, type TestDb } from "../helpers/db";
import {
  makeContract,
  makeContractQuarter,
  makeContractSite,
  makeContractor,
  makeFinding,
  makeGridCell,
  makeMembership,
  makeOrg,
  makeRubricVersion,
  makeSite,
  makeUser,
  sampleRubric,
} from "../helpers/factories";

let t: TestDb;
let db: Db;

const TODAY = "2026-07-20";
const ITEM = "property.quality.cleaning-common-areas";
const OTHER_ITEM = "property.quality.waste-sorting";

async function makeScene() {
  const org = await makeOrg(db);
  const orgId = org.id;
  const leader = await makeUser(db);
  const other = await makeUser(db);
  const staff = await makeUser(db);
  await makeMembership(db, { orgId, userId: leader.id, role: "supervisor" });
  await makeMembership(db, { orgId, userId: other.id, role: "supervisor" });
  await makeMembership(db, { orgId, userId: staff.id, role: "staff" });
  const site = await makeSite(db, { orgId });
  const uncovered = await makeSite(db, { orgId });
  const cell = await makeGridCell(db, { orgId, siteId: site.id, patrolLeaderUserId: leader.id });
  const cell2 = await makeGridCell(db, { orgId, siteId: site.id, patrolLeaderUserId: other.id });
  const openCell = await makeGridCell(db, { orgId, siteId: site.id });
  const contractor = await makeContractor(db, { orgId });
  const contract = await makeContract(db, { orgId, contractorId: contractor.id, serviceType: "property", startOn: "2026-01-01", endOn: "2027-12-31" });
  await makeContractSite(db, { orgId, contractId: contract.id, siteId: site.id });
  const greening = await makeContract(db, { orgId, contractorId: contractor.id, serviceType: "greening", startOn: "2026-01-01", endOn: "2027-12-31" });
  await makeContractSite(db, { orgId, contractId: greening.id, siteId: site.id });
  const ctx: WriteContext = { orgId, actorUserId: leader.id };
  const base: RecordFindingInput = {
    kind: "patrol",
    gridCellId: cell.id,
    contractId: contract.id,
    itemId: ITEM,
    severity: "minor",
    note: "楼道有垃圾",
    foundOn: "2026-07-15",
    dueOn: "2026-07-22",
    photos: [],
    today: TODAY,
  };
  return { org, orgId, leader, other, staff, site, uncovered, cell, cell2, openCell, contract, greening, ctx, base };
}
type Scene = Awaited<ReturnType<typeof makeScene>>;

let n = 0;
function photo(): StoredPhotoMeta {
  n++;
  return { storageKey: `k/${n}.jpg`, thumbKey: `k/${n}.thumb.jpg`, mimeType: "image/jpeg", bytes: 1000, width: 1600, height: 1200, sha256: "a".repeat(64) };
}

/** Row counts of every table a recording may write. */
const TABLES = { inspections: s.inspections, findings: s.findings, findingEvents: s.findingEvents, evidence: s.evidenceFiles, audit: s.auditLog };
async function counts(): Promise<Record<keyof typeof TABLES, number>> {
  const out = {} as Record<keyof typeof TABLES, number>;
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name as keyof typeof TABLES] = row!.n;
  }
  return out;
}

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(async () => t?.cleanup());

describe("recordFinding", () => {
  let sc: Scene;
  beforeAll(async () => {
    sc = await makeScene();
  });

  it("records a patrol finding with its inspection, created event, photos and audit rows", async () => {
    const before = await counts();
    const result = await recordFinding(db, sc.ctx, { ...sc.base, photos: [photo(), photo()], clientKey: "key-1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.duplicate).toBe(false);
    expect(result.finding).toMatchObject({ siteId: sc.site.id, gridCellId: sc.cell.id, period: "2026-Q3", status: "open", repeatOfId: null });
    expect(await counts()).toEqual({
      ...before,
      inspections: before.inspections + 1,
      findings: before.findings + 1,
      findingEvents: before.findingEvents + 1,
      evidence: before.evidence + 2,
      audit: before.audit + 2,
    });
    const [inspection] = await db.select().from(s.inspections).where(eq(s.inspections.id, result.inspectionId));
    expect(inspection).toMatchObject({ kind: "patrol", contractId: null, gridCellId: sc.cell.id, inspectorUserId: sc.leader.id, inspectedOn: "2026-07-15" });
    const [event] = await db.select().from(s.findingEvents).where(eq(s.findingEvents.findingId, result.finding.id));
    expect(event).toMatchObject({ kind: "created", onDay: "2026-07-15", byUserId: sc.leader.id });
    const evidence = await db.select().from(s.evidenceFiles).where(eq(s.evidenceFiles.findingId, result.finding.id));
    expect(evidence).toHaveLength(2);
  });

  it("puts a second finding of the same patrol day into the same inspection", async () => {
    const first = await recordFinding(db, sc.ctx, { ...sc.base, itemId: OTHER_ITEM, foundOn: "2026-07-16", dueOn: "2026-07-16" });
    const second = await recordFinding(db, sc.ctx, { ...sc.base, itemId: "property.quality.cleaning-outdoor", foundOn: "2026-07-16", dueOn: "2026-07-16" });
    expect(first.ok && second.ok && first.inspectionId === second.inspectionId).toBe(true);
    const other = await recordFinding(db, sc.ctx, { ...sc.base, itemId: "property.quality.cleaning-outdoor", foundOn: "2026-07-17", dueOn: "2026-07-18" });
    expect(other.ok && first.ok && other.inspectionId !== first.inspectionId).toBe(true);
  });

  it("is idempotent on clientKey: the same key returns the first finding and writes nothing", async () => {
    const first = await recordFinding(db, sc.ctx, { ...sc.base, itemId: OTHER_ITEM, foundOn: "2026-07-18", dueOn: "2026-07-19", clientKey: "retry-me" });
    expect(first.ok).toBe(true);
    const before = await counts();
    const again = await recordFinding(db, sc.ctx, { ...sc.base, itemId: OTHER_ITEM, foundOn: "2026-07-18", dueOn: "2026-07-19", clientKey: "retry-me", photos: [photo()] });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(again.ok && first.ok && again.finding.id === first.finding.id).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("records a spot check of one contract at a site without a cell", async () => {
    const result = await recordFinding(db, { orgId: sc.orgId, actorUserId: sc.other.id }, { ...sc.base, kind: "spot", gridCellId: null, siteId: sc.site.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [inspection] = await db.select().from(s.inspections).where(eq(s.inspections.id, result.inspectionId));
    expect(inspection).toMatchObject({ kind: "spot", contractId: sc.contract.id, gridCellId: null, siteId: sc.site.id });
  });

  it("lets any supervisor patrol a cell without a leader", async () => {
    const result = await recordFinding(db, { orgId: sc.orgId, actorUserId: sc.other.id }, { ...sc.base, gridCellId: sc.openCell.id });
    expect(result.ok).toBe(true);
  });

  describe("refusals write nothing", () => {
    const cases: [string, (sc: Scene) => Promise<unknown>, string][] = [
      ["an unknown contract", (sc) => recordFinding(db, sc.ctx, { ...sc.base, contractId: "no-such-contract" }), "not_found"],
      ["an unknown cell", (sc) => recordFinding(db, sc.ctx, { ...sc.base, gridCellId: "no-such-cell" }), "not_found"],
      ["an unknown site", (sc) => recordFinding(db, sc.ctx, { ...sc.base, kind: "spot", gridCellId: null, siteId: "no-such-site" }), "not_found"],
      ["a patrol without a cell", (sc) => recordFinding(db, sc.ctx, { ...sc.base, gridCellId: null, siteId: sc.site.id }), "invalid"],
      ["a cell another supervisor leads", (sc) => recordFinding(db, sc.ctx, { ...sc.base, gridCellId: sc.cell2.id }), "not_patrol_leader"],
      ["a staff member", (sc) => recordFinding(db, { orgId: sc.orgId, actorUserId: sc.staff.id }, { ...sc.base, gridCellId: sc.openCell.id }), "forbidden"],
      ["a contract not covering the site", (sc) => recordFinding(db, sc.ctx, { ...sc.base, kind: "spot", gridCellId: null, siteId: sc.uncovered.id }), "site_not_covered"],
      ["an item not in the rubric", (sc) => recordFinding(db, sc.ctx, { ...sc.base, itemId: "property.quality.no-such-item" }), "unknown_item"],
      ["an item of another service type", (sc) => recordFinding(db, sc.ctx, { ...sc.base, itemId: "greening.quality.survival-rate" }), "unknown_item"],
      ["a veto item (not a findings item)", (sc) => recordFinding(db, sc.ctx, { ...sc.base, itemId: "property.veto.major-safety-accident" }), "unknown_item"],
      ["a deadline before the finding", (sc) => recordFinding(db, sc.ctx, { ...sc.base, dueOn: "2026-07-14" }), "due_before_found"],
      ["a day after today", (sc) => recordFinding(db, sc.ctx, { ...sc.base, foundOn: "2026-07-21", dueOn: "2026-07-22" }), "found_in_future"],
      ["a day before the contract's term", (sc) => recordFinding(db, sc.ctx, { ...sc.base, foundOn: "2025-12-31", dueOn: "2026-01-02" }), "outside_term"],
      ["eleven photos", (sc) => recordFinding(db, sc.ctx, { ...sc.base, photos: Array.from({ length: 11 }, photo) }), "too_many_photos"],
      ["a date that is no date", (sc) => recordFinding(db, sc.ctx, { ...sc.base, foundOn: "2026-02-30" }), "invalid"],
    ];
    for (const [what, run, error] of cases) {
      it(`refuses ${what} (${error})`, async () => {
        const before = await counts();
        expect(await run(sc)).toEqual({ ok: false, error });
        expect(await counts()).toEqual(before);
      });
    }

    it("refuses another organisation's contract, cell and site as not_found", async () => {
      const other = await makeScene();
      const before = await counts();
      expect(await recordFinding(db, sc.ctx, { ...sc.base, contractId: other.contract.id })).toEqual({ ok: false, error: "not_found" });
      expect(await recordFinding(db, sc.ctx, { ...sc.base, gridCellId: other.cell.id })).toEqual({ ok: false, error: "not_found" });
      expect(await recordFinding(db, sc.ctx, { ...sc.base, kind: "spot", gridCellId: null, siteId: other.site.id })).toEqual({ ok: false, error: "not_found" });
      expect(await counts()).toEqual(before);
    });

    it("refuses a day after the contract's term", async () => {
      const short = await makeContract(db, { orgId: sc.orgId, startOn: "2026-01-01", endOn: "2026-06-30" });
      await makeContractSite(db, { orgId: sc.orgId, contractId: short.id, siteId: sc.site.id });
      const before = await counts();
      expect(await recordFinding(db, sc.ctx, { ...sc.base, contractId: short.id })).toEqual({ ok: false, error: "outside_term" });
      expect(await counts()).toEqual(before);
    });

    it("checks items against the contract's own rubric version", async () => {
      const version = await makeRubricVersion(db, { orgId: sc.orgId, rubric: sampleRubric("property", "2026.9"), status: "published" });
      const own = await makeContract(db, { orgId: sc.orgId, rubricVersionId: version.id, startOn: "2026-01-01", endOn: "2027-12-31" });
      await makeContractSite(db, { orgId: sc.orgId, contractId: own.id, siteId: sc.site.id });
      expect(await recordFinding(db, sc.ctx, { ...sc.base, contractId: own.id })).toEqual({ ok: false, error: "unknown_item" });
      const ok = await recordFinding(db, sc.ctx, { ...sc.base, contractId: own.id, itemId: "property.quality.cleanliness" });
      expect(ok.ok).toBe(true);
    });
  });

  it("refuses a finding in a finalised quarter and writes only the refusal's audit row", async () => {
    const locked = await makeContract(db, { orgId: sc.orgId, startOn: "2026-01-01", endOn: "2027-12-31" });
    await makeContractSite(db, { orgId: sc.orgId, contractId: locked.id, siteId: sc.site.id });
    await makeContractQuarter(db, { orgId: sc.orgId, contractId: locked.id, period: "2026-Q2", status: "finalised", revision: 1 });
    const before = await counts();
    const result = await recordFinding(db, sc.ctx, { ...sc.base, contractId: locked.id, foundOn: "2026-06-30", dueOn: "2026-07-01", photos: [photo()] });
    expect(result).toEqual({ ok: false, error: "quarter_locked" });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    const [audit] = await db.select().from(s.auditLog).where(eq(s.auditLog.action, "finding.create.refused"));
    expect(audit).toMatchObject({ orgId: sc.orgId, actorUserId: sc.leader.id, entityId: locked.id });
    // The next quarter of the same contract is open.
    expect((await recordFinding(db, sc.ctx, { ...sc.base, contractId: locked.id, foundOn: "2026-07-01", dueOn: "2026-07-01" })).ok).toBe(true);
  });
});

describe("repeats", () => {
  let sc: Scene;
  beforeAll(async () => {
    sc = await makeScene();
  });

  /** An earlier finding of `itemId` on `foundOn` at the scene's cell (or given place). */
  const earlier = (foundOn: string, o: { itemId?: string; gridCellId?: string | null; status?: "open" | "withdrawn" | "verified" } = {}) =>
    makeFinding(db, {
      orgId: sc.orgId,
      contractId: sc.contract.id,
      siteId: sc.site.id,
      gridCellId: o.gridCellId === undefined ? sc.cell.id : o.gridCellId,
      itemId: o.itemId ?? "property.quality.parking-order",
      foundOn,
      dueOn: foundOn,
      period: "2026-Q3",
      status: o.status ?? "open",
    });

  const record = (foundOn: string, o: Partial<RecordFindingInput> = {}) =>
    recordFinding(db, sc.ctx, { ...sc.base, itemId: "property.quality.parking-order", foundOn, dueOn: foundOn, today: "2026-09-30", ...o });

  it("marks a finding 30 days after an earlier one a repeat, not one 31 days after", async () => {
    const first = await earlier("2026-07-01", { itemId: "property.quality.fire-patrol" });
    const in30 = await record(addDays("2026-07-01", 30), { itemId: "property.quality.fire-patrol" });
    expect(in30.ok && in30.finding.repeatOfId).toBe(first.id);

    const second = await earlier("2026-07-01", { itemId: "property.quality.security-patrol" });
    const out31 = await record(addDays("2026-07-01", 31), { itemId: "property.quality.security-patrol" });
    expect(out31.ok && out31.finding.repeatOfId).toBeNull();
    expect(second.id).toBeTruthy();
  });

  it("links the latest earlier one and ignores withdrawn ones", async () => {
    const item = "property.quality.visitor-registration";
    await earlier("2026-07-02", { itemId: item });
    const latest = await earlier("2026-07-05", { itemId: item });
    await earlier("2026-07-08", { itemId: item, status: "withdrawn" });
    const result = await record("2026-07-10", { itemId: item });
    expect(result.ok && result.finding.repeatOfId).toBe(latest.id);
  });

  it("is no repeat for another item, or another cell of the same site", async () => {
    await earlier("2026-07-03", { itemId: "property.quality.lift-plant-room", gridCellId: sc.cell2.id });
    const otherCell = await record("2026-07-04", { itemId: "property.quality.lift-plant-room" });
    expect(otherCell.ok && otherCell.finding.repeatOfId).toBeNull();
    await earlier("2026-07-03", { itemId: "property.quality.repair-timeliness" });
    const otherItem = await record("2026-07-04", { itemId: "property.quality.repair-pass-rate" });
    expect(otherItem.ok && otherItem.finding.repeatOfId).toBeNull();
  });

  it("compares by site when either finding has no cell", async () => {
    const item = "property.quality.green-space";
    const siteOnly = await earlier("2026-08-01", { itemId: item, gridCellId: null });
    const inCell = await record("2026-08-05", { itemId: item });
    expect(inCell.ok && inCell.finding.repeatOfId).toBe(siteOnly.id);
    // A later site-level spot check repeats the cell's finding (the newest earlier one).
    const spot = await record("2026-08-06", { itemId: item, kind: "spot", gridCellId: null, siteId: sc.site.id });
    expect(spot.ok && spot.finding.repeatOfId).toBe(inCell.ok ? inCell.finding.id : "none");
  });

  it("findOpenRepeat names the open earlier finding, and nothing when it is closed or outside the window", async () => {
    const item = "property.quality.waste-sorting";
    const open = await earlier("2026-09-01", { itemId: item });
    const q = { orgId: sc.orgId, gridCellId: sc.cell.id, siteId: sc.site.id, itemId: item };
    expect(await findOpenRepeat(db, { ...q, foundOn: "2026-09-20" })).toMatchObject({ id: open.id, photoCount: 0 });
    expect(await findOpenRepeat(db, { ...q, foundOn: "2026-10-02" })).toBeNull();
    expect(await findOpenRepeat(db, { ...q, itemId: "property.quality.cleaning-outdoor", foundOn: "2026-09-20" })).toBeNull();
    await earlier("2026-09-10", { itemId: "property.duty.ledgers", status: "verified" });
    expect(await findOpenRepeat(db, { ...q, itemId: "property.duty.ledgers", foundOn: "2026-09-20" })).toBeNull();
  });
});

describe("addFindingPhotos", () => {
  let sc: Scene;
  beforeAll(async () => {
    sc = await makeScene();
  });

  it("adds photos with a photo_added event and an audit row, up to ten in all", async () => {
    const made = await recordFinding(db, sc.ctx, { ...sc.base, photos: [photo(), photo(), photo()] });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const before = await counts();
    expect(await addFindingPhotos(db, sc.ctx, { findingId: made.finding.id, photos: [photo(), photo()], today: TODAY })).toMatchObject({ ok: true, added: 2 });
    expect(await counts()).toEqual({ ...before, findingEvents: before.findingEvents + 1, evidence: before.evidence + 2, audit: before.audit + 1 });
    const events = await db.select().from(s.findingEvents).where(eq(s.findingEvents.findingId, made.finding.id));
    expect(events.map((e) => e.kind).sort()).toEqual(["created", "photo_added"]);

    const full = await counts();
    expect(await addFindingPhotos(db, sc.ctx, { findingId: made.finding.id, photos: Array.from({ length: 6 }, photo), today: TODAY })).toEqual({ ok: false, error: "too_many_photos" });
    expect(await counts()).toEqual(full);
    expect((await addFindingPhotos(db, sc.ctx, { findingId: made.finding.id, photos: Array.from({ length: 5 }, photo), today: TODAY })).ok).toBe(true);
  });

  it("refuses another organisation's finding, a closed one, and a locked quarter (audit only)", async () => {
    const other = await makeScene();
    const theirs = await recordFinding(db, other.ctx, other.base);
    expect(theirs.ok).toBe(true);
    if (!theirs.ok) return;
    let before = await counts();
    expect(await addFindingPhotos(db, sc.ctx, { findingId: theirs.finding.id, photos: [photo()], today: TODAY })).toEqual({ ok: false, error: "not_found" });
    const verified = await makeFinding(db, { orgId: sc.orgId, contractId: sc.contract.id, siteId: sc.site.id, status: "verified" });
    expect(await addFindingPhotos(db, sc.ctx, { findingId: verified.id, photos: [photo()], today: TODAY })).toEqual({ ok: false, error: "not_open" });
    expect(await counts()).toEqual({ ...before, inspections: before.inspections + 1, findings: before.findings + 1 });

    const locked = await makeContract(db, { orgId: sc.orgId });
    const inLocked = await makeFinding(db, { orgId: sc.orgId, contractId: locked.id, siteId: sc.site.id, foundOn: "2026-07-15", period: "2026-Q3" });
    await makeContractQuarter(db, { orgId: sc.orgId, contractId: locked.id, period: "2026-Q3", status: "finalised", revision: 1 });
    before = await counts();
    expect(await addFindingPhotos(db, sc.ctx, { findingId: inLocked.id, photos: [photo()], today: TODAY })).toEqual({ ok: false, error: "quarter_locked" });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });
});

describe("recordPatrol", () => {
  let sc: Scene;
  beforeAll(async () => {
    sc = await makeScene();
  });

  it("records a patrol with nothing found once per leader, cell and day", async () => {
    const before = await counts();
    const first = await recordPatrol(db, sc.ctx, { gridCellId: sc.cell.id, inspectedOn: TODAY, today: TODAY, note: "一切正常" });
    expect(first).toMatchObject({ ok: true, created: true });
    expect(await counts()).toEqual({ ...before, inspections: before.inspections + 1, audit: before.audit + 1 });
    const again = await recordPatrol(db, sc.ctx, { gridCellId: sc.cell.id, inspectedOn: TODAY, today: TODAY });
    expect(again.ok && first.ok && again.inspectionId === first.inspectionId && !again.created).toBe(true);
    // A finding the same day joins that patrol.
    const finding = await recordFinding(db, sc.ctx, { ...sc.base, foundOn: TODAY, dueOn: TODAY });
    expect(finding.ok && first.ok && finding.inspectionId).toBe(first.ok && first.inspectionId);
  });

  it("refuses another leader's cell, another organisation's cell and a future day", async () => {
    const other = await makeScene();
    const before = await counts();
    expect(await recordPatrol(db, sc.ctx, { gridCellId: sc.cell2.id, inspectedOn: TODAY, today: TODAY })).toEqual({ ok: false, error: "not_patrol_leader" });
    expect(await recordPatrol(db, sc.ctx, { gridCellId: other.cell.id, inspectedOn: TODAY, today: TODAY })).toEqual({ ok: false, error: "not_found" });
    expect(await recordPatrol(db, sc.ctx, { gridCellId: sc.cell.id, inspectedOn: addDays(TODAY, 1), today: TODAY })).toEqual({ ok: false, error: "found_in_future" });
    expect(await counts()).toEqual(before);
  });
});

describe("recordingOptions", () => {
  it("lists the leader's cells first, contracts covering today with their sites and findings items, recent items first", async () => {
    const sc = await makeScene();
    const ended = await makeContract(db, { orgId: sc.orgId, startOn: "2025-01-01", endOn: "2025-12-31" });
    await makeContractSite(db, { orgId: sc.orgId, contractId: ended.id, siteId: sc.site.id });
    await makeFinding(db, { orgId: sc.orgId, contractId: sc.contract.id, siteId: sc.site.id, gridCellId: sc.cell.id, itemId: OTHER_ITEM, foundOn: "2026-07-01" });
    await makeFinding(db, { orgId: sc.orgId, contractId: sc.contract.id, siteId: sc.site.id, gridCellId: sc.cell.id, itemId: ITEM, foundOn: "2026-07-10" });
    await makeFinding(db, { orgId: sc.orgId, contractId: sc.contract.id, siteId: sc.site.id, gridCellId: sc.cell.id, itemId: "property.duty.ledgers", foundOn: "2026-01-10", period: "2026-Q1" });

    const options = await recordingOptions(db, { orgId: sc.orgId, userId: sc.leader.id, today: TODAY });
    expect(options.cells[0]).toMatchObject({ id: sc.cell.id, mine: true });
    expect(options.cells.filter((c) => c.mine)).toHaveLength(1);
    expect(options.cells.find((c) => c.id === sc.cell.id)!.recentItemIds).toEqual([ITEM, OTHER_ITEM]);
    expect(options.contracts.map((c) => c.id).sort()).toEqual([sc.contract.id, sc.greening.id].sort());
    const property = options.contracts.find((c) => c.id === sc.contract.id)!;
    expect(property.siteIds).toEqual([sc.site.id]);
    expect(property.dimensions.map((d) => d.id)).not.toContain("satisfaction");
    const item = property.dimensions.flatMap((d) => d.items).find((i) => i.id === ITEM)!;
    expect(item.deduction).toEqual({ minor: expect.any(Number), major: expect.any(Number), critical: expect.any(Number) });
    const greening = options.contracts.find((c) => c.id === sc.greening.id)!;
    expect(greening.dimensions.flatMap((d) => d.items).every((i) => i.id.startsWith("greening."))).toBe(true);
  });
});

describe("the open-repeat warning on saving", () => {
  it("refuses with the open earlier finding until the form says it was seen", async () => {
    const sc = await makeScene();
    const first = await recordFinding(db, sc.ctx, sc.base);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const before = await counts();
    const warned = await recordFinding(db, sc.ctx, { ...sc.base, foundOn: "2026-07-16", warnOpenRepeat: true });
    expect(warned).toMatchObject({ ok: false, error: "open_repeat", openRepeat: { id: first.finding.id } });
    expect(await counts()).toEqual(before);
    const saved = await recordFinding(db, sc.ctx, { ...sc.base, foundOn: "2026-07-16", warnOpenRepeat: true, repeatSeen: first.finding.id });
    expect(saved.ok && saved.finding.repeatOfId).toBe(first.finding.id);
  });
});
