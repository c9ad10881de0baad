/**
 * Tenancy cases of db/queries/inspections/record.ts and list.ts: organisation
 * A's admin names B's contract, cell, site, finding and inspection (B's world
 * has a finding of property.quality.cleanliness on 2026-07-15 in its cell).
 */
import type { Db } from "../../../db/client";
import * as list from "../../../db/queries/inspections/list";
import * as record from "../../../db/queries/inspections/record";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

const B = (w: World, table: string) => w.b[table]!.id;
const TODAY = "2026-07-20";
const photo = { storageKey: "a/x.jpg", thumbKey: "a/x.thumb.jpg", mimeType: "image/jpeg", bytes: 1, width: 1, height: 1, sha256: "0".repeat(64) };

const finding = (w: World, o: Partial<record.RecordFindingInput> = {}): record.RecordFindingInput => ({
  kind: "patrol",
  gridCellId: B(w, "grid_cells"),
  contractId: B(w, "contracts"),
  itemId: "property.quality.cleanliness",
  severity: "minor",
  note: "越权",
  foundOn: "2026-07-16",
  dueOn: "2026-07-20",
  photos: [photo],
  today: TODAY,
  ...o,
});

export const recordingCases: Record<string, Case> = {
  // Everything of A is empty: nothing of B's cells, sites or contracts shows.
  "inspections/record.ts#recordingOptions": (db, w) =>
    record
      .recordingOptions(db, { orgId: w.orgA.id, userId: B(w, "users"), today: TODAY })
      .then((o) => (o.cells.length + o.sites.length + o.contracts.length === 0 ? null : o)),
  "inspections/record.ts#recordFinding": async (db, w) => {
    const results = [
      await record.recordFinding(db, w.ctxA, finding(w)),
      await record.recordFinding(db, w.ctxA, finding(w, { kind: "spot", gridCellId: null, siteId: B(w, "sites") })),
      // B's finding's own clientKey is null; a key of B's would still be scoped to A.
      await record.recordFinding(db, w.ctxA, finding(w, { clientKey: "tenancy-key" })),
    ];
    return results.every((r) => !r.ok) ? { ok: false } : results;
  },
  "inspections/record.ts#findOpenRepeat": (db, w) =>
    record.findOpenRepeat(db, {
      orgId: w.orgA.id,
      gridCellId: B(w, "grid_cells"),
      siteId: B(w, "sites"),
      itemId: "property.quality.cleanliness",
      foundOn: "2026-07-16",
    }),
  "inspections/record.ts#addFindingPhotos": (db, w) => record.addFindingPhotos(db, w.ctxA, { findingId: B(w, "findings"), photos: [photo], today: TODAY }),
  "inspections/record.ts#recordPatrol": (db, w) => record.recordPatrol(db, w.ctxA, { gridCellId: B(w, "grid_cells"), inspectedOn: TODAY, today: TODAY }),
  "inspections/list.ts#listFindings": async (db, w) => {
    const pages = await Promise.all([
      list.listFindings(db, { orgId: w.orgA.id, today: TODAY }),
      list.listFindings(db, { orgId: w.orgA.id, today: TODAY, contractId: B(w, "contracts"), status: "open" }),
      list.listFindings(db, { orgId: w.orgA.id, today: TODAY, siteId: B(w, "sites"), gridCellId: B(w, "grid_cells"), period: "2026-Q3" }),
    ]);
    return pages.every((p) => p.rows.length === 0) ? { rows: [] } : pages;
  },
  "inspections/list.ts#findingListSql": (db, w) => list.findingListSql(db, { orgId: w.orgA.id, today: TODAY, contractId: B(w, "contracts") }).then((rows) => rows),
  "inspections/list.ts#listInspections": (db, w) => list.listInspections(db, { orgId: w.orgA.id, inspectorUserId: B(w, "users") }),
  "inspections/list.ts#getInspection": (db, w) => list.getInspection(db, { orgId: w.orgA.id, id: B(w, "inspections"), today: TODAY }),
};
