/**
 * The recording page's action and loaders with real multipart requests and
 * real photos: a patrol leader saves a finding with a photo; every refusal
 * (a locked quarter, a bad deadline, another organisation's contract) answers
 * with its localised message, writes nothing but the lock's audit row and
 * leaves no file in the uploads folder; the open-repeat warning comes first
 * and its "add the photos to it" adds them; "nothing found" records a patrol.
 */
process.env.KAOPING_CLOCK = "2026-07-20T04:00:00.000Z"; // noon in Asia/Shanghai: today is 2026-07-20

import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { body, changed, keyOf, load, member, rowCounts, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeContractQuarter, makeContractSite, makeGridCell, makeOrg, makeSite } from "../helpers/factories";
import { multipartRequest, noisyImage, photoParts, tempUploads, type Part } from "../helpers/photos";
import { settle } from "../helpers/requests";
import type * as NewInspectionRoute from "~/routes/supervisor.inspections.new";

type Route = typeof NewInspectionRoute;

let route: Route;
let t: TestDb;
let leader: SignedIn;
let outsider: SignedIn;
let ids: { cell: string; site: string; contract: string; locked: string; foreign: string };
let uploads: Awaited<ReturnType<typeof tempUploads>>;
let jpeg: Buffer;

beforeAll(async () => {
  t = await installAppDb();
  route = await import("~/routes/supervisor.inspections.new");
  const org = await makeOrg(t.db);
  const other = await makeOrg(t.db);
  leader = await member(t.db, org.id, "supervisor");
  outsider = await member(t.db, other.id, "supervisor");
  const site = await makeSite(t.db, { orgId: org.id });
  const cell = await makeGridCell(t.db, { orgId: org.id, siteId: site.id, code: "A-03", patrolLeaderUserId: leader.userId });
  const contract = await makeContract(t.db, { orgId: org.id, serviceType: "property" });
  const locked = await makeContract(t.db, { orgId: org.id, serviceType: "property" });
  for (const c of [contract, locked]) await makeContractSite(t.db, { orgId: org.id, contractId: c.id, siteId: site.id });
  await makeContractQuarter(t.db, { orgId: org.id, contractId: locked.id, period: "2026-Q3", status: "finalised", revision: 1 });
  const foreign = await makeContract(t.db, { orgId: other.id });
  ids = { cell: cell.id, site: site.id, contract: contract.id, locked: locked.id, foreign: foreign.id };
  jpeg = await noisyImage(400, 300);
});
afterAll(async () => t?.cleanup());
beforeEach(async () => {
  uploads = await tempUploads();
});
afterEach(async () => uploads.cleanup());

const fields = (o: Record<string, string> = {}): Part[] =>
  Object.entries({
    intent: "record",
    kind: "patrol",
    gridCellId: ids.cell,
    siteId: ids.site,
    contractId: ids.contract,
    itemId: "property.quality.cleaning-common-areas",
    severity: "major",
    note: "三楼楼梯间积水",
    dueOn: "2026-07-23",
    ...o,
  }).map(([name, value]) => ({ name, value }));

const send = (parts: Part[], who: SignedIn = leader) =>
  settle(() => route.action({ request: multipartRequest(parts, { cookie: who.cookie, path: "/supervisor/inspections/new" }), params: {}, context: {} }));

describe("recording through the page's action", () => {
  it("saves a patrol leader's finding with a photo and redirects to the same place's form", async () => {
    const before = await rowCounts(t.db);
    const response = await send([...fields({ clientKey: "0f8fad5b-d9cb-469f-a165-70867728950e" }), ...photoParts([{ bytes: jpeg }])]);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location")!, "http://x");
    expect(location.pathname).toBe("/supervisor/inspections/new");
    expect(location.searchParams.get("cellId")).toBe(ids.cell);
    const findingId = location.searchParams.get("saved")!;
    const [finding] = await t.db.select().from(s.findings).where(eq(s.findings.id, findingId));
    expect(finding).toMatchObject({ foundOn: "2026-07-20", dueOn: "2026-07-23", severity: "major", gridCellId: ids.cell, createdBy: leader.userId });
    expect(changed(before, await rowCounts(t.db))).toEqual({ inspections: 1, findings: 1, finding_events: 1, evidence_files: 1, audit_log: 2, contract_quarters: 1 }); // the first finding opens the quarter (its rubric fixed)
    expect((await uploads.files()).sort()).toHaveLength(2); // the photo and its thumbnail

    // The retry of the same submission (same clientKey) writes nothing more and keeps no extra file.
    const again = await send([...fields({ clientKey: "0f8fad5b-d9cb-469f-a165-70867728950e" }), ...photoParts([{ bytes: jpeg }])]);
    expect(new URL(again.headers.get("Location")!, "http://x").searchParams.get("duplicate")).toBe("1");
    expect(await uploads.files()).toHaveLength(2);
  });

  it("refuses a locked quarter with its message, writes only the audit row and leaves no file", async () => {
    const before = await rowCounts(t.db);
    const response = await send([...fields({ contractId: ids.locked, itemId: "property.quality.parking-order" }), ...photoParts([{ bytes: jpeg }])]);
    expect(response.status).toBe(409);
    expect((await body(response)).formError).toBe("inspections.errors.quarter_locked");
    expect(changed(before, await rowCounts(t.db))).toEqual({ audit_log: 1 });
    expect(await uploads.files()).toEqual([]);
  });

  it("refuses a deadline before today, and another organisation's contract (404), writing nothing", async () => {
    const before = await rowCounts(t.db);
    const early = await send([...fields({ dueOn: "2026-07-19", itemId: "property.quality.waste-sorting" }), ...photoParts([{ bytes: jpeg }])]);
    expect(early.status).toBe(400);
    expect(keyOf((await body(early)).fieldErrors.dueOn)).toBe("inspections.errors.due_before_found");
    const foreign = await send([...fields({ contractId: ids.foreign, itemId: "property.quality.waste-sorting" }), ...photoParts([{ bytes: jpeg }])]);
    expect(foreign.status).toBe(404);
    const otherOrg = await send([...fields({ itemId: "property.quality.waste-sorting" }), ...photoParts([{ bytes: jpeg }])], outsider);
    expect(otherOrg.status).toBe(404);
    const missing = await send(fields({ note: "", itemId: "" }));
    expect(missing.status).toBe(400);
    expect(Object.keys((await body(missing)).fieldErrors).sort()).toEqual(["itemId", "note"]);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
    expect(await uploads.files()).toEqual([]);
  });

  it("warns of an open earlier finding first, then adds the photos to it or saves a repeat", async () => {
    const item = { itemId: "property.quality.fire-patrol" };
    const first = await send(fields(item));
    const firstId = new URL(first.headers.get("Location")!, "http://x").searchParams.get("saved")!;

    const before = await rowCounts(t.db);
    const warned = await send([...fields(item), ...photoParts([{ bytes: jpeg }])]);
    expect(warned.status).toBe(409);
    expect(((await warned.json()) as { openRepeat: { id: string } }).openRepeat.id).toBe(firstId);
    expect(changed(before, await rowCounts(t.db))).toEqual({});
    expect(await uploads.files()).toEqual([]);

    // The page's loader finds the same warning when the item is chosen.
    const looked = await load(route.loader, `/supervisor/inspections/new?kind=patrol&cellId=${ids.cell}&contractId=${ids.contract}&itemId=${item.itemId}`, leader.cookie);
    expect(((await looked.json()) as { openRepeat: { id: string } }).openRepeat.id).toBe(firstId);

    const added = await send([...fields({ ...item, intent: "addPhotos", findingId: firstId }), ...photoParts([{ bytes: jpeg }])]);
    expect(added.status).toBe(302);
    expect(changed(before, await rowCounts(t.db))).toEqual({ finding_events: 1, evidence_files: 1, audit_log: 1 });

    const repeat = await send(fields({ ...item, repeatSeen: firstId }));
    expect(new URL(repeat.headers.get("Location")!, "http://x").searchParams.get("repeat")).toBe("1");
  });

  it("records a patrol with nothing found and opens it", async () => {
    const response = await send([
      { name: "intent", value: "nothing" },
      { name: "kind", value: "patrol" },
      { name: "gridCellId", value: ids.cell },
      { name: "siteId", value: ids.site },
    ]);
    expect(response.status).toBe(302);
    const inspectionId = response.headers.get("Location")!.split("/").pop()!;
    const [row] = await t.db.select().from(s.inspections).where(eq(s.inspections.id, inspectionId));
    expect(row).toMatchObject({ kind: "patrol", gridCellId: ids.cell, inspectedOn: "2026-07-20" });
  });
});

describe("the recording steps and the lists", () => {
  it("offers the leader's cell, then the contracts covering its site, then the form", async () => {
    const cells = (await (await load(route.loader, "/supervisor/inspections/new?kind=patrol", leader.cookie)).json()) as { step: string; cells: { id: string; mine: boolean }[] };
    expect(cells.step).toBe("cell");
    expect(cells.cells[0]).toMatchObject({ id: ids.cell, mine: true });
    const contracts = (await (await load(route.loader, `/supervisor/inspections/new?kind=patrol&cellId=${ids.cell}`, leader.cookie)).json()) as { step: string; contracts: { id: string }[] };
    expect(contracts.step).toBe("contract");
    expect(contracts.contracts.map((c) => c.id).sort()).toEqual([ids.contract, ids.locked].sort());
    const form = (await (await load(route.loader, `/supervisor/inspections/new?kind=patrol&cellId=${ids.cell}&contractId=${ids.contract}`, leader.cookie)).json()) as {
      step: string;
      place: { contract: { dimensions: { items: unknown[] }[] } };
    };
    expect(form.step).toBe("form");
    expect(form.place.contract.dimensions.flatMap((d) => d.items).length).toBeGreaterThan(5);
  });

  it("lists the findings with a status filter, and shows one inspection; another organisation's is a 404", async () => {
    const findings = await import("~/routes/supervisor.findings._index");
    const list = (await (await load(findings.loader, "/supervisor/findings?status=open&severity=major", leader.cookie)).json()) as { findings: { rows: { status: string; severity: string }[] } };
    expect(list.findings.rows.length).toBeGreaterThan(0);
    expect(list.findings.rows.every((r) => r.status === "open" && r.severity === "major")).toBe(true);

    const detail = await import("~/routes/supervisor.inspections.$id");
    const [inspection] = await t.db.select().from(s.inspections).limit(1);
    const page = await load(detail.loader, `/supervisor/inspections/${inspection!.id}`, leader.cookie, { id: inspection!.id });
    expect(page.status).toBe(200);
    const foreign = await load(detail.loader, `/supervisor/inspections/${inspection!.id}`, outsider.cookie, { id: inspection!.id });
    expect(foreign.status).toBe(404);
  });
});
