/** Tenancy cases of db/queries/evidence.ts: organisation A asks for B's evidence file. */
import type { Db } from "../../../db/client";
import * as evidence from "../../../db/queries/evidence";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

export const photosCases: Record<string, Case> = {
  "evidence.ts#getEvidenceFile": (db, w) => evidence.getEvidenceFile(db, { orgId: w.orgA.id, id: w.b.evidence_files!.id }),
  // The contractor portal's photo check, called as the same-organisation attacker:
  // B's photos all belong to B's first contractor, so the second contractor's person gets nothing.
  "evidence.ts#getContractorEvidenceFile": (db, w) =>
    evidence.getContractorEvidenceFile(db, { orgId: w.attacker.orgId, contractorId: w.attacker.contractorId, id: w.b.evidence_files!.id }),
};
