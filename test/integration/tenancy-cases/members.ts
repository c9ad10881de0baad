/** Tenancy cases of the contractor link of members and invitations (db/queries/members.ts, invitations.ts). */
import type { Db } from "../../../db/client";
import * as invitations from "../../../db/queries/invitations";
import * as members from "../../../db/queries/members";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

export const membersCases: Record<string, Case> = {
  // Organisation A names B's contractor for a contractor person: "contractor_not_found", like an unknown id.
  "members.ts#contractorLinkFor": (db, w) => members.contractorLinkFor(db, { orgId: w.orgA.id, role: "contractor", contractorId: w.b.contractors!.id }),
  // The only id these writes take from outside: a contractor of another organisation is refused, nothing written.
  "members.ts#createMemberAccount": (db, w) =>
    members.createMemberAccount(db, w.ctxA, { email: "cross.org@example.cn", name: "越权", role: "contractor", passwordHash: "x".repeat(60), contractorId: w.b.contractors!.id }),
  "invitations.ts#createInvitation": (db, w) =>
    invitations.createInvitation(db, w.ctxA, { email: "cross.org@example.cn", role: "contractor", contractorId: w.b.contractors!.id, tokenHash: "0".repeat(64), now: new Date("2026-07-20T04:00:00Z") }),
};
