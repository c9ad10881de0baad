/** Tenancy cases of the contractor link of members and invitations (db/queries/members.ts). */
import type { Db } from "../../../db/client";
import * as members from "../../../db/queries/members";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

export const membersCases: Record<string, Case> = {
  // Organisation A names B's contractor for a contractor person: "contractor_not_found", like an unknown id.
  "members.ts#contractorLinkFor": (db, w) => members.contractorLinkFor(db, { orgId: w.orgA.id, role: "contractor", contractorId: w.b.contractors!.id }),
};
