/**
 * What the editor's pages load besides the version itself (server only).
 */
import { DEFAULT_RUBRICS_BY_VERSION, DEFAULT_RUBRIC_VERSIONS } from "../../../scoring/rubrics/index";
import type { ServiceType } from "../../../scoring/types";
import { takenIds } from "./form-model";
import { contractRubricsInForce, getRubricVersion, listRubricVersions } from "~/queries.server";
import type { Db } from "../../../db/client";

/**
 * Every id the organisation's versions of `serviceType` and the released
 * defaults have used: the ids the editor's new items must avoid.
 */
export async function loadTakenIds(db: Db, orgId: string, serviceType: ServiceType): Promise<string[]> {
  const versions = await listRubricVersions(db, { orgId, serviceType });
  const rubrics = await Promise.all(versions.map((v) => getRubricVersion(db, { orgId, id: v.id })));
  return takenIds([
    ...DEFAULT_RUBRIC_VERSIONS.map((v) => DEFAULT_RUBRICS_BY_VERSION[v][serviceType]),
    ...rubrics.flatMap((r) => (r ? [r.rubric] : [])),
  ]);
}

/** Every contract of a service type (not archived, however many), for the publish form and the what-if table. */
export async function contractsOfType(db: Db, orgId: string, serviceType: ServiceType) {
  const rows = await contractRubricsInForce(db, { orgId, serviceType });
  return rows.map((c) => ({ id: c.contractId, title: c.title, contractorName: c.contractorName, status: c.status }));
}
