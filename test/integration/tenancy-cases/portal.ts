/**
 * Tenancy cases of db/queries/portal: B's first contractor owns every finding, so
 * organisation A's admin and `w.attacker` (B's second contractor, same organisation)
 * both must get nothing.
 */
import type { Db } from "../../../db/client";
import * as portal from "../../../db/queries/portal/findings";
import * as portalScores from "../../../db/queries/portal/scores";
import * as portalVetoes from "../../../db/queries/portal/vetoes";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;
const today = "2026-07-20";

export const portalCases: Record<string, Case> = {
  "portal/findings.ts#listContractorFindings": async (db, w) => {
    const asA = await portal.listContractorFindings(db, { orgId: w.orgA.id, contractorId: w.b.contractors!.id, today });
    const asAttacker = await portal.listContractorFindings(db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId, today });
    return [...asA.rows, ...asAttacker.rows];
  },
  "portal/findings.ts#contractorFinding": async (db, w) =>
    (await portal.contractorFinding(db, { orgId: w.orgA.id, contractorId: w.b.contractors!.id, id: w.b.findings!.id, today })) ??
    (await portal.contractorFinding(db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId, id: w.b.findings!.id, today })),
  // Everything of the scores flattened: A's admin and the attacker both get no quarter and no cost.
  "portal/scores.ts#contractorScores": async (db, w) => {
    const all = [
      await portalScores.contractorScores(db, { orgId: w.orgA.id, contractorId: w.b.contractors!.id, today, openFindingIds: [w.b.findings!.id] }),
      await portalScores.contractorScores(db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId, today, openFindingIds: [w.b.findings!.id] }),
    ];
    return all.flatMap((s) => [...s.live, ...s.finalised, ...Object.keys(s.costs)]);
  },
  "portal/vetoes.ts#listContractorVetoes": async (db, w) => [
    ...(await portalVetoes.listContractorVetoes(db, { orgId: w.orgA.id, contractorId: w.b.contractors!.id })),
    ...(await portalVetoes.listContractorVetoes(db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId })),
  ],
  "portal/vetoes.ts#contractorVeto": async (db, w) =>
    (await portalVetoes.contractorVeto(db, { orgId: w.orgA.id, contractorId: w.b.contractors!.id, id: w.b.veto_events!.id })) ??
    (await portalVetoes.contractorVeto(db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId, id: w.b.veto_events!.id })),
};
