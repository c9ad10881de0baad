/** recordAudit goes into the same batch as the change it records; listAudit reads one organisation's trail. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit, recordAudit } from "../../db/audit";
import { auditLog, contractors } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildContractor, makeOrg, makeUser } from "../helpers/factories";

describe("audit", () => {
  let t: TestDb;
  let orgId: string;
  let otherOrgId: string;
  let actorUserId: string;
  beforeAll(async () => {
    t = await createTestDb();
    orgId = (await makeOrg(t.db)).id;
    otherOrgId = (await makeOrg(t.db)).id;
    actorUserId = (await makeUser(t.db)).id;
  });
  afterAll(() => t.cleanup());

  const entry = (o: Partial<Parameters<typeof recordAudit>[1]> = {}) => ({
    orgId,
    actorUserId,
    action: "contractor.create",
    entity: "contractor",
    entityId: "x",
    before: null,
    after: null,
    ...o,
  });

  it("is written together with the change in one batch", async () => {
    const row = buildContractor({ orgId });
    await t.db.batch([
      t.db.insert(contractors).values(row),
      recordAudit(t.db, entry({ entityId: row.id!, after: row, ip: "10.0.0.1" })),
    ]);
    const [stored] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, row.id!));
    expect(stored).toMatchObject({ orgId, actorUserId, action: "contractor.create", ip: "10.0.0.1", before: null });
    expect(stored!.after).toEqual(row); // JSON round trip
    expect(stored!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("is not written when the change fails", async () => {
    const row = buildContractor({ orgId, creditCode: "too-short" }); // violates the length CHECK
    await expect(
      t.db.batch([t.db.insert(contractors).values(row), recordAudit(t.db, entry({ entityId: row.id!, after: row }))]),
    ).rejects.toThrow();
    expect(await t.db.select().from(auditLog).where(eq(auditLog.entityId, row.id!))).toEqual([]);
  });

  it("can be awaited alone or used inside a transaction", async () => {
    await recordAudit(t.db, entry({ entityId: "alone" }));
    await t.db.transaction(async (tx) => {
      await recordAudit(tx, entry({ entityId: "in-tx" }));
    });
    const ids = (await listAudit(t.db, { orgId, limit: 500 })).map((e) => e.entityId);
    expect(ids).toEqual(expect.arrayContaining(["alone", "in-tx"]));
  });

  it("lists one organisation's entries, newest first, filtered and paged", async () => {
    const at = (m: number) => new Date(Date.UTC(2026, 6, 1, 0, m)).toISOString();
    await t.db.batch([
      recordAudit(t.db, entry({ action: "site.create", entity: "site", entityId: "s1", at: at(1) })),
      recordAudit(t.db, entry({ action: "site.update", entity: "site", entityId: "s1", before: { n: 1 }, after: { n: 2 }, at: at(2) })),
      recordAudit(t.db, entry({ action: "site.update", entity: "site", entityId: "s2", actorUserId: null, at: at(3) })),
      recordAudit(t.db, entry({ orgId: otherOrgId, action: "site.update", entity: "site", entityId: "s9", at: at(4) })),
    ]);

    const sites = await listAudit(t.db, { orgId, entity: "site", limit: 10 });
    expect(sites.map((e) => [e.action, e.entityId])).toEqual([
      ["site.update", "s2"],
      ["site.update", "s1"],
      ["site.create", "s1"],
    ]);
    expect(sites.every((e) => e.orgId === orgId)).toBe(true);

    expect((await listAudit(t.db, { orgId, entity: "site", entityId: "s1", limit: 10 })).map((e) => e.action)).toEqual([
      "site.update",
      "site.create",
    ]);
    expect((await listAudit(t.db, { orgId, action: "site.create", limit: 10 })).map((e) => e.entityId)).toEqual(["s1"]);
    expect((await listAudit(t.db, { orgId, entity: "site", actorUserId, limit: 10 })).map((e) => e.entityId)).toEqual(["s1", "s1"]);
    expect((await listAudit(t.db, { orgId, entity: "site", from: at(2), to: at(3), limit: 10 })).map((e) => e.action)).toEqual([
      "site.update",
    ]);
    expect((await listAudit(t.db, { orgId, entity: "site", limit: 1, offset: 1 })).map((e) => e.at)).toEqual([at(2)]);
    expect((await listAudit(t.db, { orgId: otherOrgId, limit: 10 })).map((e) => e.entityId)).toEqual(["s9"]);
  });
});
