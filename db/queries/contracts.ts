/**
 * Contracts: contractor × service type × sites, term, annual value (and
 * optionally its own quarterly fee) and the payment rule (扣减服务费). The contract row, its contract_sites rows and the
 * audit entry are written in one batch. A contract with quarters, surveys,
 * inspections or scores is never deleted — only archived — because finalised
 * scores must stay traceable to it.
 */
import { and, asc, count, desc, eq, getTableColumns, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { quarterPayment } from "../../scoring/payment";
import type { PaymentRule } from "../../scoring/types";
import type { Db } from "../client";
import { recordAudit } from "../audit";
import { archivedCondition, auditFields, isForeignKeyViolation, likeSql, uniqueViolation, type ArchivedFilter } from "../query-helpers";
import { newId } from "../ids";
import {
  bonusEvents,
  contractQuarters,
  contractors,
  contracts,
  contractSites,
  findings,
  inspections,
  quarterScores,
  sites,
  surveyCampaigns,
  vetoEvents,
  type Contract,
  type ContractStatus,
  type ServiceType,
} from "../schema";
import { isIsoDate } from "../../scoring/dates";
import { nowIso } from "../time";
import { pageBounds, type PageQuery, type Paged, type WriteContext } from "./context";

export interface ContractInput {
  contractorId: string;
  serviceType: ServiceType;
  title: string;
  /** The centre's own contract number; unique in the organisation when given. */
  code?: string | null;
  startOn: string;
  endOn: string;
  /** Whole fen (0.01 yuan). */
  annualValueFen: number;
  /** The contract's own fee per quarter in whole fen; null or absent: a quarter of the annual value (scoring/fee.ts). */
  quarterlyFeeFen?: number | null;
  paymentRule: PaymentRule;
  siteIds: string[];
  status?: ContractStatus;
}

export type ContractListRow = Omit<Contract, "paymentRule"> & { contractorName: string; siteCount: number };
export type ContractDetail = Contract & {
  contractorName: string;
  sites: { id: string; name: string }[];
  siteIds: string[];
  /** With `withUsage`: what points at the contract (a contract with history is locked and cannot be deleted). */
  usedBy?: ContractUsage;
};

const siteCount = sql<number>`(select count(*) from ${contractSites} where ${contractSites.contractId} = ${contracts.id})`.mapWith(Number);

/**
 * One page of contracts, latest end first; `q` searches title, number and contractor name.
 * @example await listContracts(db, { orgId, q: "食堂", serviceType: "catering" })
 */
export async function listContracts(
  db: Db,
  query: {
    orgId: string;
    q?: string;
    serviceType?: ServiceType;
    status?: ContractStatus;
    contractorId?: string;
    archived?: ArchivedFilter;
  } & PageQuery,
): Promise<Paged<ContractListRow>> {
  const { limit, offset, page } = pageBounds(query);
  const q = query.q?.trim();
  const where = and(
    eq(contracts.orgId, query.orgId),
    archivedCondition(contracts.archivedAt, query.archived),
    query.serviceType ? eq(contracts.serviceType, query.serviceType) : undefined,
    query.status ? eq(contracts.status, query.status) : undefined,
    query.contractorId ? eq(contracts.contractorId, query.contractorId) : undefined,
    q ? or(likeSql(contracts.title, q), likeSql(contracts.code, q), likeSql(contractors.name, q)) : undefined,
  );
  const { paymentRule: _omitted, ...columns } = getTableColumns(contracts);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({ ...columns, contractorName: contractors.name, siteCount })
      .from(contracts)
      .innerJoin(contractors, eq(contractors.id, contracts.contractorId))
      .where(where)
      .orderBy(desc(contracts.endOn), asc(contracts.title), asc(contracts.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(contracts).innerJoin(contractors, eq(contractors.id, contracts.contractorId)).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0, page, pageSize: limit };
}

/** A contract of the organisation with its contractor's name and its sites (and, on request, its usage), or null. */
export async function getContract(db: Db, query: { orgId: string; id: string; withUsage?: boolean }): Promise<ContractDetail | null> {
  const [row] = await db
    .select({ ...getTableColumns(contracts), contractorName: contractors.name })
    .from(contracts)
    .innerJoin(contractors, eq(contractors.id, contracts.contractorId))
    .where(and(eq(contracts.orgId, query.orgId), eq(contracts.id, query.id)))
    .limit(1);
  if (!row) return null;
  const siteRows = await db
    .select({ id: sites.id, name: sites.name })
    .from(contractSites)
    .innerJoin(sites, eq(sites.id, contractSites.siteId))
    .where(and(eq(contractSites.orgId, query.orgId), eq(contractSites.contractId, query.id)))
    .orderBy(asc(sites.name));
  const detail: ContractDetail = { ...row, sites: siteRows, siteIds: siteRows.map((s) => s.id) };
  if (query.withUsage) detail.usedBy = await contractUsage(db, query.orgId, query.id);
  return detail;
}

export type ContractWriteError =
  | { ok: false; error: "not_found"; field: "contractorId" | "siteIds" }
  | { ok: false; error: "archived"; field: "contractorId" | "siteIds" }
  | { ok: false; error: "invalid_term" | "invalid_value" | "invalid_quarterly_fee" | "invalid_payment_rule" | "duplicate_code" };

/** Creates a contract with its sites. The contractor and every site must belong to the organisation and not be archived. */
export async function createContract(
  db: Db,
  ctx: WriteContext,
  input: ContractInput,
): Promise<{ ok: true; id: string } | ContractWriteError> {
  const refused = await checkContractInput(db, ctx.orgId, input, null, []);
  if (refused) return refused;
  const at = nowIso();
  const row = { id: newId(), orgId: ctx.orgId, ...cleanContract(input), status: input.status ?? "active", archivedAt: null, createdAt: at };
  const siteIds = unique(input.siteIds);
  try {
    await db.batch([
      db.insert(contracts).values(row),
      ...siteIds.map((siteId) => db.insert(contractSites).values({ contractId: row.id, siteId, orgId: ctx.orgId })),
      recordAudit(db, {
        ...auditFields(ctx, at),
        action: "contract.create",
        entity: "contract",
        entityId: row.id,
        before: null,
        after: { ...row, siteIds },
      }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("contracts.code")) return { ok: false, error: "duplicate_code" };
    throw error;
  }
  return { ok: true, id: row.id };
}

export type ContractUsage = {
  quarters: number;
  scores: number;
  campaigns: number;
  inspections: number;
  findings: number;
  bonusEvents: number;
  vetoEvents: number;
};

/**
 * Changes a contract and replaces its sites. Once the contract has history
 * (quarters, surveys, inspections…), its contractor and service type are
 * fixed: findings name rubric items of one service type, and the scores
 * belong to that company (`locked`, with the counts).
 */
export async function updateContract(
  db: Db,
  ctx: WriteContext,
  input: ContractInput & { id: string },
): Promise<{ ok: true } | ContractWriteError | { ok: false; error: "not_found" } | { ok: false; error: "locked"; field: "contractorId" | "serviceType"; usedBy: ContractUsage }> {
  const before = await getContract(db, { orgId: ctx.orgId, id: input.id });
  if (!before) return { ok: false, error: "not_found" };
  // Sites and a contractor the contract already has may stay even if archived since.
  const refused = await checkContractInput(db, ctx.orgId, input, input.id, [...before.siteIds, before.contractorId]);
  if (refused) return refused;
  if (input.contractorId !== before.contractorId || input.serviceType !== before.serviceType) {
    const usedBy = await contractUsage(db, ctx.orgId, input.id);
    if (Object.values(usedBy).some((n) => n > 0)) {
      return { ok: false, error: "locked", field: input.serviceType !== before.serviceType ? "serviceType" : "contractorId", usedBy };
    }
  }
  const at = nowIso();
  const changes = { ...cleanContract(input), status: input.status ?? before.status };
  const siteIds = unique(input.siteIds);
  const { contractorName: _n, sites: _s, ...beforeRow } = before;
  try {
    await db.batch([
      db
        .update(contracts)
        .set(changes)
        .where(and(eq(contracts.orgId, ctx.orgId), eq(contracts.id, input.id))),
      db.delete(contractSites).where(and(eq(contractSites.orgId, ctx.orgId), eq(contractSites.contractId, input.id))),
      ...siteIds.map((siteId) => db.insert(contractSites).values({ contractId: input.id, siteId, orgId: ctx.orgId })),
      recordAudit(db, {
        ...auditFields(ctx, at),
        action: "contract.update",
        entity: "contract",
        entityId: input.id,
        before: beforeRow,
        after: { ...beforeRow, ...changes, siteIds },
      }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("contracts.code")) return { ok: false, error: "duplicate_code" };
    throw error;
  }
  return { ok: true };
}

/** Hides a contract from current lists; its quarters and scores stay. */
export async function archiveContract(db: Db, ctx: WriteContext, input: { id: string }) {
  return setContractArchived(db, ctx, input.id, true);
}

/** Undoes `archiveContract`. */
export async function restoreContract(db: Db, ctx: WriteContext, input: { id: string }) {
  return setContractArchived(db, ctx, input.id, false);
}

export type DeleteContractResult =
  | { ok: true }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "in_use"; usedBy: ContractUsage };

/**
 * Deletes a contract (and its own site links) that has no history at all —
 * typically one entered by mistake; otherwise refuses with the counts.
 */
export async function deleteContract(db: Db, ctx: WriteContext, input: { id: string }): Promise<DeleteContractResult> {
  const before = await getContract(db, { orgId: ctx.orgId, id: input.id });
  if (!before) return { ok: false, error: "not_found" };
  const usedBy = await contractUsage(db, ctx.orgId, input.id);
  if (Object.values(usedBy).some((n) => n > 0)) return { ok: false, error: "in_use", usedBy };
  const at = nowIso();
  const { contractorName: _n, sites: _s, ...beforeRow } = before;
  try {
    await db.batch([
      db.delete(contractSites).where(and(eq(contractSites.orgId, ctx.orgId), eq(contractSites.contractId, input.id))),
      db.delete(contracts).where(and(eq(contracts.orgId, ctx.orgId), eq(contracts.id, input.id))),
      recordAudit(db, { ...auditFields(ctx, at), action: "contract.delete", entity: "contract", entityId: input.id, before: beforeRow, after: null }),
    ]);
  } catch (error) {
    if (isForeignKeyViolation(error)) return { ok: false, error: "in_use", usedBy: await contractUsage(db, ctx.orgId, input.id) };
    throw error;
  }
  return { ok: true };
}

// ---------------------------------------------------------------- helpers

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function cleanContract(input: ContractInput) {
  return {
    contractorId: input.contractorId,
    serviceType: input.serviceType,
    title: input.title.trim(),
    code: input.code?.trim() || null,
    startOn: input.startOn,
    endOn: input.endOn,
    annualValueFen: input.annualValueFen,
    // Like `code`, left out means none: the input is the whole contract.
    quarterlyFeeFen: input.quarterlyFeeFen ?? null,
    paymentRule: input.paymentRule,
  };
}

/**
 * A rule the scoring module accepts (a step table has a 0 step, numbers are
 * finite) with every percent and score within 0..100. The app's form says
 * which field is wrong; this is the last guard before storage.
 */
function isValidPaymentRule(rule: PaymentRule): boolean {
  const inRange = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 100;
  if (rule.vetoPercent !== undefined && !inRange(rule.vetoPercent)) return false;
  if (rule.kind === "steps") {
    if (!Array.isArray(rule.steps) || rule.steps.length === 0) return false;
    if (!rule.steps.every((s) => inRange(s.minTotal) && inRange(s.percent))) return false;
  } else if (rule.kind === "linear_below") {
    if (!inRange(rule.threshold) || !inRange(rule.base)) return false;
  } else {
    return false;
  }
  try {
    quarterPayment(rule, { total: 0, vetoed: false }, 0); // throws on a missing 0 step or a repeated one
    return true;
  } catch {
    return false;
  }
}

async function checkContractInput(
  db: Db,
  orgId: string,
  input: ContractInput,
  exceptId: string | null,
  alreadyLinked: string[],
): Promise<ContractWriteError | null> {
  if (!isIsoDate(input.startOn) || !isIsoDate(input.endOn) || input.endOn < input.startOn) return { ok: false, error: "invalid_term" };
  if (!Number.isSafeInteger(input.annualValueFen) || input.annualValueFen < 0) return { ok: false, error: "invalid_value" };
  // The schema has no CHECK on it (db/schema/contracts.ts): this is the guard before storage.
  const fee = input.quarterlyFeeFen;
  if (fee != null && (!Number.isSafeInteger(fee) || fee < 0)) return { ok: false, error: "invalid_quarterly_fee" };
  if (!isValidPaymentRule(input.paymentRule)) return { ok: false, error: "invalid_payment_rule" };

  const [contractor] = await db
    .select({ id: contractors.id, archivedAt: contractors.archivedAt })
    .from(contractors)
    .where(and(eq(contractors.orgId, orgId), eq(contractors.id, input.contractorId)))
    .limit(1);
  if (!contractor) return { ok: false, error: "not_found", field: "contractorId" };
  if (contractor.archivedAt && !alreadyLinked.includes(contractor.id)) return { ok: false, error: "archived", field: "contractorId" };

  const siteIds = unique(input.siteIds);
  if (siteIds.length > 0) {
    const found = await db
      .select({ id: sites.id, archivedAt: sites.archivedAt })
      .from(sites)
      .where(and(eq(sites.orgId, orgId), inArray(sites.id, siteIds)));
    if (found.length !== siteIds.length) return { ok: false, error: "not_found", field: "siteIds" };
    if (found.some((s) => s.archivedAt && !alreadyLinked.includes(s.id))) return { ok: false, error: "archived", field: "siteIds" };
  }

  const code = input.code?.trim();
  if (code) {
    const [clash] = await db
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.orgId, orgId), eq(contracts.code, code), exceptId ? ne(contracts.id, exceptId) : undefined))
      .limit(1);
    if (clash) return { ok: false, error: "duplicate_code" };
  }
  return null;
}

/** Everything that points at a contract, besides its own site links. */
async function contractUsage(db: Db, orgId: string, id: string): Promise<ContractUsage> {
  const counter = (table: typeof contractQuarters | typeof quarterScores | typeof surveyCampaigns | typeof inspections | typeof findings | typeof bonusEvents | typeof vetoEvents) =>
    db
      .select({ n: count() })
      .from(table)
      .where(and(eq(table.orgId, orgId), eq(table.contractId, id)) as SQL)
      .then(([row]) => row?.n ?? 0);
  const [quarters, scores, campaigns, inspected, found, bonuses, vetoes] = await Promise.all([
    counter(contractQuarters),
    counter(quarterScores),
    counter(surveyCampaigns),
    counter(inspections),
    counter(findings),
    counter(bonusEvents),
    counter(vetoEvents),
  ]);
  return { quarters, scores, campaigns, inspections: inspected, findings: found, bonusEvents: bonuses, vetoEvents: vetoes };
}

async function setContractArchived(db: Db, ctx: WriteContext, id: string, archived: boolean): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  const [before] = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.orgId, ctx.orgId), eq(contracts.id, id)))
    .limit(1);
  if (!before) return { ok: false, error: "not_found" };
  if (Boolean(before.archivedAt) === archived) return { ok: true };
  const at = nowIso();
  const archivedAt = archived ? at : null;
  await db.batch([
    db
      .update(contracts)
      .set({ archivedAt })
      .where(and(eq(contracts.orgId, ctx.orgId), eq(contracts.id, id))),
    recordAudit(db, {
      ...auditFields(ctx, at),
      action: archived ? "contract.archive" : "contract.restore",
      entity: "contract",
      entityId: id,
      before,
      after: { ...before, archivedAt },
    }),
  ]);
  return { ok: true };
}
