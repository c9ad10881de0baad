/**
 * Tenancy cases of db/queries/quarter-rubric.ts and db/queries/scores/*:
 * organisation A's supervisor names B's contract (whose quarter 2026-Q3 would
 * be scored, finalised or reopened in B).
 */
import type { Db } from "../../../db/client";
import * as rubric from "../../../db/queries/quarter-rubric";
import * as finalise from "../../../db/queries/scores/finalise";
import * as input from "../../../db/queries/scores/input";
import * as quarter from "../../../db/queries/scores/quarter";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

const period = "2026-Q3";
const scopeB = (w: World) => ({ orgId: w.orgA.id, contractId: w.b.contracts!.id, period });
const nonEmpty = (o: Record<string, number>) => (Object.values(o).some((n) => n > 0) ? o : null);

export const scoresCases: Record<string, Case> = {
  "quarter-rubric.ts#quarterRubric": (db, w) =>
    rubric.quarterRubric(db, { orgId: w.orgA.id, period, contract: { id: w.b.contracts!.id, serviceType: "property", rubricVersionId: w.b.rubric_versions!.id } }),
  "scores/input.ts#buildQuarterInput": (db, w) => input.buildQuarterInput(db, { ...scopeB(w), asOf: "2026-10-08" }),
  "scores/input.ts#campaignOf": (db, w) => input.campaignOf(db, scopeB(w)),
  "scores/quarter.ts#scoreContract": (db, w) => quarter.scoreContract(db, w.orgA.id, w.b.contracts!.id),
  "scores/quarter.ts#quarterRow": (db, w) => quarter.quarterRow(db, scopeB(w)),
  "scores/quarter.ts#quarterRevisions": (db, w) => quarter.quarterRevisions(db, scopeB(w)).then((r) => (r.revisions.length || r.latest ? r : null)),
  "scores/quarter.ts#finaliseBlocks": (db, w) => quarter.finaliseBlocks(db, { ...scopeB(w), today: "2026-10-08" }).then((b) =>
      // The window is A's own calendar and setting (not B's rows): only the counts are tenant data.
      nonEmpty({ pendingVetoes: b.pendingVetoes, awaitingVerification: b.awaitingVerification, pendingAppeals: b.pendingAppeals }),
    ),
  "scores/quarter.ts#getQuarterScore": (db, w) => quarter.getQuarterScore(db, { ...scopeB(w), today: "2026-10-08" }),
  "scores/finalise.ts#finaliseQuarter": (db, w) =>
    finalise.finaliseQuarter(db, w.ctxA, { contractId: w.b.contracts!.id, period, today: "2026-10-08", overrideReason: "越权", provisionalJustification: "越权" }),
  "scores/finalise.ts#reopenQuarter": (db, w) => finalise.reopenQuarter(db, w.ctxA, { contractId: w.b.contracts!.id, period, reason: "越权" }),
};
