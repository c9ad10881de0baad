/**
 * Two organisations for tenancy tests: A, the caller, with only its admin and a
 * session; B, with one row in every table (factories' `makeWorld`).
 *
 * The contractor portal (issue 14) adds a second attacker: `attacker`, a
 * contractor person of B's SECOND contractor. Every row of B belongs to B's
 * first contractor, so a portal query called with the attacker's organisation
 * and contractor must find nothing and change nothing, like organisation A.
 */
import { getTableName } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { WriteContext } from "../../db/queries/context";
import { makeMembership, makeOrg, makeSession, makeUser, makeWorld } from "./factories";

export interface World {
  orgA: { id: string };
  adminA: { id: string };
  sessionA: { id: string };
  /** A's write context: what a signed-in admin of A would pass. */
  ctxA: WriteContext;
  /** B's rows by table name (the first row of each table). */
  b: Record<string, Record<string, unknown> & { id: string }>;
  /** B's rows of a table, all of them. */
  bAll: Record<string, Array<Record<string, unknown>>>;
  /** A contractor person of B's second contractor, and their write context. */
  attacker: { orgId: string; contractorId: string; userId: string; ctx: WriteContext };
}

export async function buildWorld(db: Db): Promise<World> {
  const seeded = await makeWorld(db);
  const b: World["b"] = {};
  const bAll: World["bAll"] = {};
  for (const { table, row } of seeded) {
    const name = getTableName(table);
    (bAll[name] ??= []).push(row);
    b[name] ??= row as World["b"][string];
  }
  const orgA = await makeOrg(db, { name: "甲中心", slug: "tenant-a" });
  const adminA = await makeUser(db, { email: "admin@tenant-a.test", name: "甲管理员" });
  await makeMembership(db, { orgId: orgA.id, userId: adminA.id, role: "admin" });
  const sessionA = await makeSession(db, { orgId: orgA.id, userId: adminA.id });
  const other = bAll["memberships"]!.find((m) => m["role"] === "contractor" && m["contractorId"] !== b["contractors"]!.id)!;
  const attacker = {
    orgId: String(other["orgId"]),
    contractorId: String(other["contractorId"]),
    userId: String(other["userId"]),
    ctx: { orgId: String(other["orgId"]), actorUserId: String(other["userId"]) },
  };
  return { orgA, adminA, sessionA, ctxA: { orgId: orgA.id, actorUserId: adminA.id }, b, bAll, attacker };
}
