/**
 * The demo's inspection history (seed/demo-inspections*.ts, issue 10 "Demo
 * history") on the seeded database: the stories hold, every row obeys the
 * app's rules (items of the contract's rubric, days inside the term and the
 * quarter, repeats by the app's rule, a history event for every step, an
 * audit entry for every write), the photos are on disk with their sha256, and
 * `db:seed -- --reset` empties the uploads folder (refusing odd folders).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import * as s from "../../db/schema";
import { findingListStatus, REPEAT_WINDOW_DAYS } from "../../domain/findings";
import { dayNumber, periodOfDate, periodStart } from "../../scoring/dates";
import { defaultRubric } from "../../scoring/index";
import { hashPassword } from "../../server/password";
import { uploadPath } from "../../server/uploads";
import { main as seedCli } from "../../seed/cli";
import { DemoResetRefused, seedDemo, type SeedDemoResult } from "../../seed/demo";
import { DEMO_PASSWORD, demoGridCells, demoQuarters, type DemoContractKey } from "../../seed/demo-data";
import { planDemoInspections } from "../../seed/demo-inspections-plan";
import { planUploadsReset } from "../../seed/uploads-reset";
import { createTestDb, type TestDb } from "../helpers/db";

const TODAY = "2026-11-18";
const SEED_TIMEOUT_MS = 120_000;
const quarters = demoQuarters(TODAY);
/** The seven quarters before the current one (the current one is only partly over). */
const FULL = quarters.slice(0, -1);

type FindingRow = typeof s.findings.$inferSelect;

describe("the demo's inspection history", { timeout: SEED_TIMEOUT_MS }, () => {
  let t: TestDb;
  let uploads: string;
  let result: SeedDemoResult;
  let rows: FindingRow[];
  let contractKeyOf: Map<string, DemoContractKey>;
  let contracts: (typeof s.contracts.$inferSelect)[];

  beforeAll(async () => {
    t = await createTestDb();
    uploads = mkdtempSync(path.join(tmpdir(), "kaoping-seed-uploads-"));
    result = await seedDemo(t.db, { today: TODAY, passwordHash: await hashPassword(DEMO_PASSWORD), uploadsDir: uploads });
    if (!result.created) throw new Error("demo not created");
    rows = await t.db.select().from(s.findings);
    contracts = await t.db.select().from(s.contracts);
    contractKeyOf = new Map(Object.entries(result.ids.contracts).map(([key, id]) => [id, key as DemoContractKey]));
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(uploads, { recursive: true, force: true });
  });

  const of = (key: DemoContractKey) => rows.filter((f) => contractKeyOf.get(f.contractId) === key);
  const perQuarter = (list: FindingRow[], test: (f: FindingRow) => boolean) => FULL.map((q) => list.filter((f) => f.period === q && test(f)).length);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it("has about 800 findings a year across the 49 cells", () => {
    const days = dayNumber(TODAY) - dayNumber(periodStart(quarters[0]!)) + 1;
    const perYear = (rows.length / days) * 365;
    expect(perYear).toBeGreaterThan(680);
    expect(perYear).toBeLessThan(920);
    const cells = new Set(rows.map((f) => f.gridCellId).filter((c) => c !== null));
    expect(cells.size).toBe(49);
  });

  it("records every finding under an item of its contract's rubric, inside the term, the quarter and before today", () => {
    const byId = new Map(contracts.map((c) => [c.id, c]));
    for (const f of rows) {
      const c = byId.get(f.contractId)!;
      const items = new Set(defaultRubric(c.serviceType).dimensions.flatMap((d) => d.items.map((i) => i.id)));
      expect(items.has(f.itemId), `${f.itemId} on a ${c.serviceType} contract`).toBe(true);
      expect(f.foundOn >= c.startOn && f.foundOn <= c.endOn && f.foundOn <= TODAY).toBe(true);
      expect(f.period).toBe(periodOfDate(f.foundOn));
      expect(f.dueOn >= f.foundOn).toBe(true);
      if (f.rectifiedOn !== null) expect(f.rectifiedOn <= TODAY).toBe(true);
    }
  });

  it("the property contractor's late rectifications fade out", () => {
    const late = perQuarter(of("property"), (f) => f.rectifiedOn !== null && f.rectifiedOn > f.dueOn);
    expect(sum(late.slice(0, 3))).toBeGreaterThan(3 * sum(late.slice(-3)));
    expect(late[0]).toBeGreaterThan(late.at(-1)!);
    const repairs = perQuarter(of("property"), (f) => f.itemId === "property.quality.repair-timeliness");
    expect(repairs[0]).toBeGreaterThan(repairs.at(-1)!);
  });

  it("the greening contractor's late rectifications and repeat dead-plant findings grow", () => {
    const greening = of("greening");
    const late = perQuarter(greening, (f) => f.rectifiedOn !== null && f.rectifiedOn > f.dueOn);
    const repeats = perQuarter(greening, (f) => f.repeatOfId !== null && f.itemId === "greening.quality.dead-plants-not-replaced");
    expect(sum(late.slice(-3))).toBeGreaterThan(2 * sum(late.slice(0, 3)));
    expect(sum(repeats.slice(-3))).toBeGreaterThan(2 * sum(repeats.slice(0, 3)));
    expect(late.at(-1)).toBeGreaterThan(late[0]!);
    expect(repeats.at(-1)).toBeGreaterThan(repeats[0]!);
  });

  it("marks repeats by the app's rule: same item, same cell or site, within 30 days after a finding not withdrawn", () => {
    const sorted = [...rows].sort((a, b) => (a.foundOn < b.foundOn ? -1 : a.foundOn > b.foundOn ? 1 : 0));
    const byId = new Map(rows.map((f) => [f.id, f]));
    const samePlace = (a: FindingRow, b: FindingRow) =>
      a.itemId === b.itemId && a.siteId === b.siteId && (a.gridCellId === null || b.gridCellId === null || a.gridCellId === b.gridCellId);
    let marked = 0;
    for (const [i, f] of sorted.entries()) {
      const window = sorted
        .slice(0, i)
        .filter((g) => g.status !== "withdrawn" && samePlace(f, g) && dayNumber(f.foundOn) - dayNumber(g.foundOn) <= REPEAT_WINDOW_DAYS);
      if (f.repeatOfId === null) {
        expect(window.filter((g) => g.foundOn < f.foundOn), `finding ${f.id} should be a repeat`).toEqual([]);
        continue;
      }
      marked++;
      const earlier = byId.get(f.repeatOfId)!;
      expect(samePlace(f, earlier)).toBe(true);
      expect(earlier.foundOn <= f.foundOn && dayNumber(f.foundOn) - dayNumber(earlier.foundOn) <= REPEAT_WINDOW_DAYS).toBe(true);
    }
    expect(marked).toBeGreaterThan(50);
  });

  it("leaves a few findings open and overdue, and some awaiting verification, on the seed day", () => {
    const overdue = rows.filter((f) => findingListStatus(f, TODAY) === "overdue");
    expect(overdue.length).toBeGreaterThanOrEqual(5);
    expect(overdue.length).toBeLessThan(30);
    expect(new Set(overdue.map((f) => contractKeyOf.get(f.contractId))).has("greening")).toBe(true);
    expect(rows.filter((f) => findingListStatus(f, TODAY) === "awaiting_verification").length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((f) => f.status === "verified").length).toBeGreaterThan(rows.length * 0.9);
  });

  it("the main canteen has exactly one veto, food poisoning two quarters ago, recorded by one supervisor and confirmed by another", async () => {
    const vetoes = await t.db.select().from(s.vetoEvents);
    expect(vetoes).toHaveLength(1);
    const [veto] = vetoes;
    expect(contractKeyOf.get(veto!.contractId)).toBe("main-canteen");
    expect(veto).toMatchObject({ status: "confirmed", itemId: "catering.veto.food-poisoning", period: quarters[quarters.length - 3] });
    expect(periodOfDate(veto!.occurredOn)).toBe(veto!.period);
    expect(veto!.confirmedBy).not.toBeNull();
    expect(veto!.confirmedBy).not.toBe(veto!.recordedBy);
    const roles = await t.db.select({ userId: s.memberships.userId, role: s.memberships.role }).from(s.memberships);
    const roleOf = new Map(roles.map((r) => [r.userId, r.role]));
    expect(roleOf.get(veto!.recordedBy)).toBe("supervisor");
    expect(roleOf.get(veto!.confirmedBy!)).toBe("supervisor");
  });

  it("has a flood-duty bonus for the property contractor", async () => {
    const bonuses = await t.db.select().from(s.bonusEvents);
    const flood = bonuses.filter((b) => b.itemId === "property.bonus.emergency-support");
    expect(flood).toHaveLength(1);
    expect(flood[0]!.note).toContain("防汛");
    expect(contractKeyOf.get(flood[0]!.contractId)).toBe("property");
    expect(flood[0]!.occurredOn <= TODAY).toBe(true);
  });

  it("patrols each cell by its leader roughly weekly, with gaps, and leaves some cells unpatrolled this month", async () => {
    const patrols = await t.db.select().from(s.inspections).where(eq(s.inspections.kind, "patrol"));
    const cells = await t.db.select().from(s.gridCells);
    const leader = new Map(cells.map((c) => [c.id, c.patrolLeaderUserId]));
    expect(patrols.every((p) => p.inspectedOn <= TODAY && leader.get(p.gridCellId!) === p.inspectorUserId)).toBe(true);
    const weeks = (dayNumber(TODAY) - dayNumber("2025-01-01")) / 7;
    for (const cell of cells) {
      const n = patrols.filter((p) => p.gridCellId === cell.id).length;
      expect(n).toBeGreaterThan(weeks * 0.7);
      expect(n).toBeLessThan(weeks);
    }
    const thisMonth = new Set(patrols.filter((p) => p.inspectedOn.startsWith(TODAY.slice(0, 7))).map((p) => p.gridCellId));
    expect(cells.length - thisMonth.size).toBeGreaterThanOrEqual(3);
    // Each finding of a patrol concerns the contract of its cell's site, with the patrol's day.
    const byId = new Map(patrols.map((p) => [p.id, p]));
    for (const f of rows) {
      const p = byId.get(f.inspectionId);
      if (p) expect(p.gridCellId === f.gridCellId && p.inspectedOn === f.foundOn && p.siteId === f.siteId).toBe(true);
    }
  });

  it("keeps each finding's history as events that match its stored state", async () => {
    const events = await t.db.select().from(s.findingEvents);
    const byFinding = new Map<string, (typeof events)[number][]>();
    for (const e of events) byFinding.set(e.findingId, [...(byFinding.get(e.findingId) ?? []), e]);
    for (const f of rows) {
      const history = (byFinding.get(f.id) ?? []).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      expect(history[0]!.kind).toBe("created");
      expect(history[0]!.onDay).toBe(f.foundOn);
      // An appeal's events (seed/demo-appeals.ts: filed, lowered, upheld, dismissed) leave the status as it was.
      const APPEAL_KINDS = new Set(["appeal_filed", "appeal_upheld", "appeal_dismissed", "severity_lowered"]);
      const last = history.filter((e) => !APPEAL_KINDS.has(e.kind)).at(-1)!.kind;
      const expected = { created: "open", rectified: "rectified", verified: "verified", verification_failed: "open", withdrawn: "withdrawn" } as const;
      expect(f.status).toBe(expected[last as keyof typeof expected]);
      if (f.status === "verified") {
        const fix = history.filter((e) => e.kind === "rectified").at(-1)!;
        expect(f.rectifiedOn).toBe(fix.onDay);
        expect(f.verifiedOn).toBe(history.filter((e) => !APPEAL_KINDS.has(e.kind)).at(-1)!.onDay);
      }
      expect(history.every((e) => e.onDay <= TODAY)).toBe(true);
    }
  });

  it("writes an audit entry for every inspection, finding and step, by the person who did it", async () => {
    const audit = await t.db.select({ action: s.auditLog.action, entityId: s.auditLog.entityId, actor: s.auditLog.actorUserId }).from(s.auditLog);
    const n = (action: string) => audit.filter((a) => a.action === action).length;
    const [inspections] = await t.db.select({ n: count() }).from(s.inspections);
    expect(n("inspection.create")).toBe(inspections!.n);
    expect(n("finding.create")).toBe(rows.length);
    const events = await t.db.select().from(s.findingEvents);
    expect(n("finding.rectify")).toBe(events.filter((e) => e.kind === "rectified").length);
    expect(n("finding.verify")).toBe(events.filter((e) => e.kind === "verified").length);
    expect(n("veto.create") + n("veto.confirm")).toBe(2);
    const creators = new Map(rows.map((f) => [f.id, f.createdBy]));
    expect(audit.filter((a) => a.action === "finding.create").every((a) => a.actor === creators.get(a.entityId))).toBe(true);
  });

  it("stores the photos on disk with their sha256 and thumbnails, one per recent or open finding", async () => {
    const files = await t.db.select().from(s.evidenceFiles);
    expect(files.length).toBeGreaterThan(300);
    const distinct = new Set(files.map((f) => f.sha256));
    expect(distinct.size).toBeGreaterThanOrEqual(10);
    expect(distinct.size).toBeLessThanOrEqual(20);
    for (const f of files) {
      const bytes = readFileSync(uploadPath(f.storageKey, uploads));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
      expect(existsSync(uploadPath(f.thumbKey, uploads))).toBe(true);
      expect(f.storageKey.startsWith(`${result.created ? result.orgId : ""}/`)).toBe(true);
    }
    const withPhoto = new Set(files.map((f) => f.findingId));
    const recent = new Set(quarters.slice(-2));
    for (const f of rows) if (f.status === "open" || recent.has(f.period)) expect(withPhoto.has(f.id)).toBe(true);
    expect(files.some((f) => f.findingEventId !== null)).toBe(true);
    expect(files.filter((f) => f.vetoEventId !== null)).toHaveLength(1);
    // Every file in the folder belongs to a row: nothing stray.
    const onDisk = readdirSync(path.join(uploads, result.created ? result.orgId : "")).length;
    expect(onDisk).toBe(files.length * 2);
  });

  it("is the same plan on the same day, and patrols every cell of the demo", () => {
    const a = planDemoInspections(TODAY);
    const b = planDemoInspections(TODAY);
    expect(b).toEqual(a);
    // …and one more in the database: the duplicate the scores part records and withdraws (seed/demo-scores.ts).
    expect(a.findings).toHaveLength(rows.length - 1);
    expect(new Set(a.inspections.map((i) => i.cellCode).filter(Boolean)).size).toBe(demoGridCells().length);
  });
});

describe("db:seed -- --reset and the uploads folder", { timeout: SEED_TIMEOUT_MS }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "kaoping-seed-reset-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("empties the uploads folder, then seeds a fresh demo whose photos are the only files in it", async () => {
    const uploads = path.join(dir, "uploads");
    const dbFile = path.join(dir, "demo.db");
    mkdirSync(path.join(uploads, "oldorg"), { recursive: true });
    writeFileSync(path.join(uploads, "oldorg", "abc.jpg"), "old photo");
    writeFileSync(path.join(uploads, "oldorg", "abc.thumb.jpg"), "old thumb");
    mkdirSync(path.join(uploads, ".staging"));
    writeFileSync(path.join(uploads, ".staging", "upload-1"), "half an upload");
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: `file:${dbFile}`, KAOPING_UPLOADS: uploads, KAOPING_CLOCK: "" });
    try {
      expect(await seedCli(["--reset"])).toBe(0);
    } finally {
      process.env = saved;
    }
    expect(existsSync(path.join(uploads, "oldorg"))).toBe(false);
    expect(existsSync(path.join(uploads, ".staging"))).toBe(false);
    const { db, client } = createDb({ url: `file:${dbFile}` });
    try {
      const files = await db.select({ key: s.evidenceFiles.storageKey }).from(s.evidenceFiles);
      const [org] = await db.select({ id: s.organisations.id }).from(s.organisations);
      expect(readdirSync(uploads)).toEqual([org!.id]);
      expect(readdirSync(path.join(uploads, org!.id))).toHaveLength(files.length * 2);
    } finally {
      client.close();
    }
  });

  it("refuses odd folders and deletes nothing", () => {
    const db = path.join(dir, "x.db");
    const refused = (folder: string, opts: { cwd?: string; home?: string } = {}) => {
      expect(() => planUploadsReset(folder, { databaseFile: db, cwd: path.join(dir, "work"), home: path.join(dir, "home"), ...opts })).toThrow(
        DemoResetRefused,
      );
    };
    refused("/");
    refused(dir); // holds the database file
    refused(path.join(dir, "work")); // the working directory
    refused(path.join(dir, "home")); // the home directory
    refused(path.join(dir, "work", ".."), { home: "/nonexistent-home" });

    const odd = path.join(dir, "odd");
    mkdirSync(path.join(odd, "org1"), { recursive: true });
    writeFileSync(path.join(odd, "org1", "notes.txt"), "keep me");
    refused(odd);
    expect(readFileSync(path.join(odd, "org1", "notes.txt"), "utf8")).toBe("keep me");

    const loose = path.join(dir, "loose");
    mkdirSync(loose);
    writeFileSync(path.join(loose, "kaoping.db"), "");
    refused(loose);

    const link = path.join(dir, "link");
    symlinkSync(odd, link);
    refused(link);

    expect(planUploadsReset(path.join(dir, "not-there-yet"), { databaseFile: db, cwd: "/nonexistent", home: "/nonexistent" })).toEqual([]);
  });
});
