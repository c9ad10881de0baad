/**
 * What the editor's pages load besides the version itself (server only).
 */
import type { ServiceType } from "../../../scoring/types";
import { contractRubricsInForce, usedRubricIds } from "~/queries.server";
import type { Db } from "../../../db/client";

/**
 * Every id the organisation's versions of `serviceType` and the released
 * defaults have used: the ids the editor's new items must avoid.
 */
export async function loadTakenIds(db: Db, orgId: string, serviceType: ServiceType): Promise<string[]> {
  return [...(await usedRubricIds(db, { orgId, serviceType }))].sort();
}

/** Every contract of a service type (not archived, however many), for the publish form and the what-if table. */
export async function contractsOfType(db: Db, orgId: string, serviceType: ServiceType) {
  const rows = await contractRubricsInForce(db, { orgId, serviceType });
  return rows.map((c) => ({ id: c.contractId, title: c.title, contractorName: c.contractorName, status: c.status }));
}
