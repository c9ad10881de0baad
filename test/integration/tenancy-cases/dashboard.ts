/**
 * Tenancy cases of db/queries/scores/dashboard.ts: organisation A (which has
 * no contracts) asks for the dashboard of the quarter B's contract is in term,
 * and for B's contract's history.
 */
import type { Db } from "../../../db/client";
import * as dashboard from "../../../db/queries/scores/dashboard";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

export const dashboardCases: Record<string, Case> = {
  "scores/dashboard.ts#supervisionDashboard": (db, w) =>
    dashboard.supervisionDashboard(db, { orgId: w.orgA.id, period: "2026-Q3", today: "2026-10-08" }).then((d) => (d.periods.length ? { leakedPeriods: d.periods } : d)),
  "scores/dashboard.ts#contractScoreHistory": (db, w) => dashboard.contractScoreHistory(db, { orgId: w.orgA.id, contractId: w.b.contracts!.id, today: "2026-10-08" }),
};
