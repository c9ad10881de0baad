/**
 * What the public-to-members rubric pages (`/rubrics`, issue 13) read: an
 * organisation's published (and retired) rubric versions — never a draft —
 * and, per contract, the version in force and the first quarter of the run of
 * quarters that use it. Read-only. (The store helper's db/queries/rubrics
 * lists versions for the editor, drafts included; this module shows members
 * only what has been published.)
 */
import { and, asc, desc, eq, inArray, isNull, ne, type SQL } from "drizzle-orm";
import { defaultRubric } from "../../scoring/index";
import type { Rubric, ServiceType } from "../../scoring/types";
import type { Db } from "../client";
import { contractQuarters, contractors, contracts, rubricVersions, type RubricStatus } from "../schema";

export interface PublishedRubricRow {
  id: string;
  serviceType: ServiceType;
  rubricId: string;
  version: string;
  status: Exclude<RubricStatus, "draft">;
  basedOn: string | null;
  publishedAt: string | null;
}

const rowColumns = {
  id: rubricVersions.id,
  serviceType: rubricVersions.serviceType,
  rubricId: rubricVersions.rubricId,
  version: rubricVersions.version,
  status: rubricVersions.status,
  basedOn: rubricVersions.basedOn,
  publishedAt: rubricVersions.publishedAt,
};

const asPublished = <T extends { status: RubricStatus }>(row: T) => row as T & { status: Exclude<RubricStatus, "draft"> };

/**
 * The organisation's published and retired versions, newest published first.
 * @example const rows = await listPublishedRubrics(db, { orgId: viewer.org.id, serviceType: "catering" });
 */
export async function listPublishedRubrics(db: Db, q: { orgId: string; serviceType?: ServiceType }): Promise<PublishedRubricRow[]> {
  const conditions: SQL[] = [eq(rubricVersions.orgId, q.orgId), ne(rubricVersions.status, "draft")];
  if (q.serviceType) conditions.push(eq(rubricVersions.serviceType, q.serviceType));
  const rows = await db
    .select(rowColumns)
    .from(rubricVersions)
    .where(and(...conditions))
    .orderBy(desc(rubricVersions.publishedAt), desc(rubricVersions.createdAt), asc(rubricVersions.id));
  return rows.map(asPublished);
}

/**
 * One published (or retired) version of the organisation with its rubric;
 * null for a draft, an unknown id or another organisation's.
 * @example const v = await getPublishedRubric(db, { orgId: viewer.org.id, id: params.id });
 */
export async function getPublishedRubric(db: Db, q: { orgId: string; id: string }): Promise<(PublishedRubricRow & { rubric: Rubric }) | null> {
  const [row] = await db
    .select({ ...rowColumns, rubric: rubricVersions.rubric })
    .from(rubricVersions)
    .where(and(eq(rubricVersions.orgId, q.orgId), eq(rubricVersions.id, q.id), ne(rubricVersions.status, "draft")));
  return row ? asPublished(row) : null;
}

export interface ContractRubricInForce {
  contractId: string;
  title: string;
  code: string | null;
  contractorName: string;
  serviceType: ServiceType;
  /** The organisation's version in force; null = the built-in default. */
  rubricVersionId: string | null;
  rubricId: string;
  rubricVersion: string;
  /**
   * The first quarter of the latest run of the contract's begun quarters that
   * use this version; null when no quarter has begun with it yet (it applies
   * from the next quarter to begin).
   */
  sincePeriod: string | null;
}

/**
 * Each contract of the organisation (archived ones left out) with the rubric
 * version in force and since which quarter. Two queries whatever the count.
 * @example const rows = await listContractRubricsInForce(db, { orgId: viewer.org.id });
 */
export async function listContractRubricsInForce(db: Db, q: { orgId: string; serviceType?: ServiceType }): Promise<ContractRubricInForce[]> {
  const conditions: SQL[] = [eq(contracts.orgId, q.orgId), isNull(contracts.archivedAt)];
  if (q.serviceType) conditions.push(eq(contracts.serviceType, q.serviceType));
  const rows = await db
    .select({
      contractId: contracts.id,
      title: contracts.title,
      code: contracts.code,
      contractorName: contractors.name,
      serviceType: contracts.serviceType,
      rubricVersionId: contracts.rubricVersionId,
      rubricId: rubricVersions.rubricId,
      rubricVersion: rubricVersions.version,
    })
    .from(contracts)
    .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, contracts.orgId)))
    .leftJoin(rubricVersions, and(eq(rubricVersions.id, contracts.rubricVersionId), eq(rubricVersions.orgId, contracts.orgId)))
    .where(and(...conditions))
    .orderBy(asc(contracts.serviceType), asc(contractors.name), asc(contracts.title), asc(contracts.id));
  if (rows.length === 0) return [];
  const quarters = await db
    .select({
      contractId: contractQuarters.contractId,
      period: contractQuarters.period,
      rubricId: contractQuarters.rubricId,
      rubricVersion: contractQuarters.rubricVersion,
    })
    .from(contractQuarters)
    .where(and(eq(contractQuarters.orgId, q.orgId), inArray(contractQuarters.contractId, rows.map((r) => r.contractId))))
    .orderBy(desc(contractQuarters.period));
  const byContract = new Map<string, typeof quarters>();
  for (const quarter of quarters) {
    const list = byContract.get(quarter.contractId) ?? [];
    list.push(quarter);
    byContract.set(quarter.contractId, list);
  }
  return rows.map((row) => {
    const builtIn = row.rubricVersionId ? null : defaultRubric(row.serviceType);
    const rubricId = builtIn?.id ?? row.rubricId ?? row.serviceType;
    const rubricVersion = builtIn?.version ?? row.rubricVersion ?? "";
    let sincePeriod: string | null = null;
    // Newest first: walk back while the quarters use this version (a quarter without a fixed rubric is skipped).
    for (const quarter of byContract.get(row.contractId) ?? []) {
      if (quarter.rubricId === null) continue;
      if (quarter.rubricId !== rubricId || quarter.rubricVersion !== rubricVersion) break;
      sincePeriod = quarter.period;
    }
    return {
      contractId: row.contractId,
      title: row.title,
      code: row.code,
      contractorName: row.contractorName,
      serviceType: row.serviceType,
      rubricVersionId: row.rubricVersionId,
      rubricId,
      rubricVersion,
      sincePeriod,
    };
  });
}
