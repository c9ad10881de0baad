/**
 * Reading an organisation's rubric versions (issue 13): the list, one version
 * with its rubric, the version in force per contract, and the finalised
 * quarters the what-if re-scores (one query, no read per quarter).
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { defaultRubric } from "../../../scoring/index";
import type { ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import { contractQuarters, contractors, contracts, quarterScores, rubricVersions, users } from "../../schema";
import type { ContractRubricRow, RubricVersionDetail, RubricVersionRow, WhatIfQuarter } from "./types";

const rowColumns = {
  id: rubricVersions.id,
  serviceType: rubricVersions.serviceType,
  rubricId: rubricVersions.rubricId,
  version: rubricVersions.version,
  status: rubricVersions.status,
  basedOn: rubricVersions.basedOn,
  publishedAt: rubricVersions.publishedAt,
  createdAt: rubricVersions.createdAt,
  createdBy: rubricVersions.createdBy,
  createdByName: users.name,
};

/**
 * The organisation's rubric versions (drafts, published and retired), newest first.
 * @example const rows = await listRubricVersions(db, { orgId, serviceType: "catering" });
 */
export async function listRubricVersions(db: Db, q: { orgId: string; serviceType?: ServiceType }): Promise<RubricVersionRow[]> {
  const where: SQL[] = [eq(rubricVersions.orgId, q.orgId)];
  if (q.serviceType) where.push(eq(rubricVersions.serviceType, q.serviceType));
  return db
    .select(rowColumns)
    .from(rubricVersions)
    .innerJoin(users, eq(users.id, rubricVersions.createdBy))
    .where(and(...where))
    .orderBy(desc(rubricVersions.createdAt), desc(rubricVersions.id));
}

/** One of the organisation's versions with its rubric; null for an unknown id or another organisation's. */
export async function getRubricVersion(db: Db, q: { orgId: string; id: string }): Promise<RubricVersionDetail | null> {
  const [row] = await db
    .select({ ...rowColumns, rubric: rubricVersions.rubric })
    .from(rubricVersions)
    .innerJoin(users, eq(users.id, rubricVersions.createdBy))
    .where(and(eq(rubricVersions.orgId, q.orgId), eq(rubricVersions.id, q.id)));
  return row ?? null;
}

/**
 * Every contract of the organisation (archived ones left out) with the rubric
 * version in force and the quarter it applies from, by service type and title.
 */
export async function contractRubricsInForce(db: Db, q: { orgId: string; serviceType?: ServiceType }): Promise<ContractRubricRow[]> {
  const where: SQL[] = [eq(contracts.orgId, q.orgId), isNull(contracts.archivedAt)];
  if (q.serviceType) where.push(eq(contracts.serviceType, q.serviceType));
  const version = alias(rubricVersions, "version_in_force");
  const rows = await db
    .select({
      contractId: contracts.id,
      title: contracts.title,
      contractorName: contractors.name,
      serviceType: contracts.serviceType,
      status: contracts.status,
      rubricVersionId: contracts.rubricVersionId,
      versionLabel: version.version,
      fromPeriod: contracts.rubricFromPeriod,
    })
    .from(contracts)
    .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, contracts.orgId)))
    .leftJoin(version, and(eq(version.id, contracts.rubricVersionId), eq(version.orgId, contracts.orgId)))
    .where(and(...where))
    .orderBy(contracts.serviceType, contracts.title, contracts.id);
  return rows.map(({ versionLabel, ...r }) => {
    const builtIn = defaultRubric(r.serviceType);
    return { ...r, rubricLabel: r.rubricVersionId && versionLabel ? versionLabel : `${builtIn.id}@${builtIn.version}` };
  });
}

/**
 * The latest revision of every finalised quarter (finalised, or reopened with
 * its snapshot) of the organisation's contracts of the type, in one query: the
 * stored input and the listed figures, for scoring/what-if.ts.
 */
export async function whatIfQuarters(db: Db, q: { orgId: string; serviceType: ServiceType }): Promise<WhatIfQuarter[]> {
  const rows = await db
    .select({
      contractId: quarterScores.contractId,
      period: quarterScores.period,
      input: quarterScores.input,
      total: quarterScores.total,
      grade: quarterScores.grade,
      vetoed: quarterScores.vetoed,
      provisional: quarterScores.provisional,
    })
    .from(quarterScores)
    .innerJoin(contracts, and(eq(contracts.id, quarterScores.contractId), eq(contracts.orgId, quarterScores.orgId)))
    .innerJoin(
      contractQuarters,
      and(
        eq(contractQuarters.orgId, quarterScores.orgId),
        eq(contractQuarters.contractId, quarterScores.contractId),
        eq(contractQuarters.period, quarterScores.period),
      ),
    )
    .where(
      and(
        eq(quarterScores.orgId, q.orgId),
        eq(contracts.serviceType, q.serviceType),
        inArray(contractQuarters.status, ["finalised", "reopened"]),
        sql`NOT EXISTS (SELECT 1 FROM quarter_scores AS later WHERE later.org_id = ${quarterScores.orgId} AND later.contract_id = ${quarterScores.contractId} AND later.period = ${quarterScores.period} AND later.revision > ${quarterScores.revision})`,
      ),
    )
    .orderBy(quarterScores.contractId, quarterScores.period);
  return rows.map(({ contractId, period, input, ...finalised }) => ({ contractId, period, input, finalised }));
}
