/**
 * Tenancy cases of bonus/veto events and grid patrols: organisation A's admin
 * with B's ids (B's contract, site, cell, bonus and veto of test/helpers/world.ts).
 */
import type { Db } from "../../../db/client";
import * as events from "../../../db/queries/inspections/events";
import * as patrols from "../../../db/queries/inspections/patrols";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;
const B = (w: World, table: string) => w.b[table]!.id;
const orgA = (w: World) => ({ orgId: w.orgA.id });
const TODAY = "2026-07-20";
const recordInput = (w: World, itemId: string) => ({
  contractId: B(w, "contracts"),
  siteId: B(w, "sites"),
  itemId,
  note: "越权",
  occurredOn: "2026-07-15",
  photos: [],
  today: TODAY,
});

export const eventsCases: Record<string, Case> = {
  "inspections/events.ts#recordBonus": (db, w) => events.recordBonus(db, w.ctxA, recordInput(w, "property.bonus.emergency")),
  "inspections/events.ts#recordVeto": (db, w) => events.recordVeto(db, w.ctxA, recordInput(w, "property.veto.major-accident")),
  "inspections/events.ts#confirmVeto": (db, w) => events.confirmVeto(db, w.ctxA, { vetoId: B(w, "veto_events"), role: "admin", today: TODAY }),
  "inspections/events.ts#withdrawBonus": (db, w) => events.withdrawBonus(db, w.ctxA, { id: B(w, "bonus_events"), reason: "越权", today: TODAY }),
  "inspections/events.ts#withdrawVeto": (db, w) => events.withdrawVeto(db, w.ctxA, { id: B(w, "veto_events"), reason: "越权", today: TODAY }),
  "inspections/events.ts#listEvents": (db, w) => events.listEvents(db, { ...orgA(w), contractId: B(w, "contracts") }),
  "inspections/events.ts#getEvent": async (db, w) =>
    (await events.getEvent(db, { ...orgA(w), kind: "veto", id: B(w, "veto_events") })) ??
    (await events.getEvent(db, { ...orgA(w), kind: "bonus", id: B(w, "bonus_events") })),
  "inspections/events.ts#eventsForScoring": (db, w) =>
    events.eventsForScoring(db, { ...orgA(w), contractId: B(w, "contracts"), period: "2026-Q3" }).then((r) => [...r.bonuses, ...r.vetoes]),
  "inspections/events.ts#listEventContractOptions": (db, w) => events.listEventContractOptions(db, orgA(w)),
  "inspections/patrols.ts#patrolMonth": (db, w) => patrols.patrolMonth(db, { ...orgA(w), month: "2026-07", today: TODAY }),
  "inspections/patrols.ts#patrolLeaderSheet": (db, w) =>
    patrols.patrolLeaderSheet(db, { ...orgA(w), userId: String(w.b.grid_cells!.patrolLeaderUserId), month: "2026-07" }),
  "inspections/patrols.ts#supervisorAttention": (db, w) =>
    patrols.supervisorAttention(db, { ...orgA(w), userId: w.adminA.id, today: TODAY }).then((a) => [
      ...a.overdue.first,
      ...a.awaitingVerification.first,
      ...a.pendingVetoes.first,
      ...a.notPatrolled.first,
      ...(a.overdue.count + a.awaitingVerification.count + a.pendingVetoes.count + a.notPatrolled.count > 0 ? ["counts"] : []),
    ]),
};
