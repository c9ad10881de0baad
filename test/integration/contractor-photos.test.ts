/**
 * A contractor person sees only its own contractor's photos (issue 14): the
 * query behind /files/:id for the contractor role. Organisation B of the
 * tenancy world holds a rectification photo and an appeal photo, both of its
 * first contractor; its second contractor's person is the attacker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContractorEvidenceFile } from "../../db/queries/evidence";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.cleanup());

describe("contractor photo access", () => {
  const photos = () => w.bAll["evidence_files"]!.map((p) => String(p["id"]));

  it("gives the own contractor's person every photo of its contracts (a fix's and an appeal's)", async () => {
    const orgId = w.attacker.orgId;
    const own = String(w.b["contractors"]!.id);
    expect(photos().length).toBeGreaterThanOrEqual(2);
    for (const id of photos()) {
      expect(await getContractorEvidenceFile(t.db, { orgId, contractorId: own, id }), id).toMatchObject({ id });
    }
  });

  it("gives another contractor of the same organisation none of them, like an unknown id", async () => {
    for (const id of [...photos(), "no-such-photo"]) {
      expect(await getContractorEvidenceFile(t.db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId, id })).toBeNull();
    }
  });
});
