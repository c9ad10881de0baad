/**
 * Tenancy cases of db/queries/appeals: organisation A's admin names B's
 * finding, veto or appeal; for filing, also `w.attacker` (a person of B's
 * SECOND contractor) contests B's first contractor's finding and veto — the
 * same organisation, another contractor: not_found, nothing written.
 */
import type { Db } from "../../../db/client";
import * as decide from "../../../db/queries/appeals/decide";
import * as file from "../../../db/queries/appeals/file";
import * as read from "../../../db/queries/appeals/read";
import * as shared from "../../../db/queries/appeals/shared";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

/** The first result that is not a refusal, else the last one: every call must refuse. */
async function allRefused(...calls: Array<() => Promise<{ ok: boolean }>>): Promise<unknown> {
  let last: unknown = null;
  for (const call of calls) {
    const r = await call();
    if (r.ok !== false) return r;
    last = r;
  }
  return last;
}

const today = "2026-07-20";
const finding = (w: World) => w.b.findings!.id;
const veto = (w: World) => w.b.veto_events!.id;

export const appealsCases: Record<string, Case> = {
  "appeals/file.ts#fileAppeal": (db, w) =>
    allRefused(
      () => file.fileAppeal(db, w.ctxA, { contractorId: w.b.contractors!.id, target: "repeat", findingId: finding(w), reason: "越权申诉", photos: [], today }),
      () => file.fileAppeal(db, w.attacker.ctx, { contractorId: w.attacker.contractorId, target: "repeat", findingId: finding(w), reason: "越权申诉", photos: [], today }),
      () => file.fileAppeal(db, w.attacker.ctx, { contractorId: w.attacker.contractorId, target: "veto", vetoEventId: veto(w), reason: "越权申诉", photos: [], today }),
      // The attacker naming B's first contractor as its own is refused too: the route passes the viewer's contractor, never a posted one.
    ),
  // B's first appeal is pending: deciding it would be allowed in B.
  "appeals/decide.ts#decideAppeal": (db, w) =>
    allRefused(
      () => decide.decideAppeal(db, w.ctxA, { appealId: w.b.appeals!.id, decision: "uphold", reason: "越权", today }),
      () => decide.decideAppeal(db, w.ctxA, { appealId: w.b.appeals!.id, decision: "dismiss", reason: "越权", today }),
    ),
  "appeals/read.ts#listAppeals": (db, w) => read.listAppeals(db, { orgId: w.orgA.id }),
  "appeals/read.ts#getAppeal": (db, w) => read.getAppeal(db, { orgId: w.orgA.id, id: w.b.appeals!.id, today }),
  "appeals/read.ts#appealsOfQuarter": (db, w) => read.appealsOfQuarter(db, { orgId: w.orgA.id, contractId: w.b.contracts!.id, period: "2026-Q3" }),
  "appeals/read.ts#appealsOfContractor": async (db, w) => [
    ...(await read.appealsOfContractor(db, { orgId: w.orgA.id, contractorId: w.b.contractors!.id })),
    ...(await read.appealsOfContractor(db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId })),
  ],
  "appeals/read.ts#appealsOf": async (db, w) => [
    ...(await read.appealsOf(db, { orgId: w.orgA.id, findingId: finding(w) })),
    ...(await read.appealsOf(db, { orgId: w.orgA.id, vetoEventId: veto(w) })),
  ],
  "appeals/shared.ts#contestedOf": async (db, w) =>
    (await shared.contestedOf(db, { orgId: w.orgA.id, target: "finding", id: finding(w) })) ??
    shared.contestedOf(db, { orgId: w.attacker.orgId, target: "finding", id: finding(w), contractorId: w.attacker.contractorId }),
};
