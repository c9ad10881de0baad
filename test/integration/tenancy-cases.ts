/**
 * One row per exported data-access function: how organisation A's admin would
 * call it with organisation B's ids. See tenancy.test.ts.
 */
import type { Db } from "../../db/client";
import * as audit from "../../db/queries/audit";
import * as auth from "../../db/queries/auth";
import type { World } from "../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

const B = (w: World, table: string) => w.b[table]!.id;

export const TENANCY_CASES: Record<string, Case> = {
  "auth.switchSessionOrg": (db, w) =>
    auth.switchSessionOrg(db, { sessionId: w.sessionA.id, userId: w.adminA.id, orgId: B(w, "organisations") }),
  "audit.listAuditPage": (db, w) => audit.listAuditPage(db, { orgId: w.orgA.id, timeZone: "Asia/Shanghai" }),
};
