/**
 * Contractors (服务企业). A contractor with contracts is never deleted — its
 * history must stay readable for procurement — only archived (hidden from new
 * contracts) and restored.
 */
import { and, asc, count, eq, getTableColumns, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { recordAudit } from "../audit";
import { archivedCondition, auditFields, isForeignKeyViolation, likeSql, uniqueViolation, type ArchivedFilter } from "../query-helpers";
import { newId } from "../ids";
import { contractors, contracts, type Contractor } from "../schema";
import { nowIso } from "../time";
import { isValidUscc } from "../../domain/uscc";
import { pageBounds, type PageQuery, type Paged, type WriteContext } from "./context";

export interface ContractorInput {
  name: string;
  /** 统一社会信用代码, already in canonical form (18 characters, upper case). */
  creditCode: string;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
}

export type { ArchivedFilter };

export type ContractorRow = Contractor & { contractCount: number };

const contractCount = sql<number>`(select count(*) from ${contracts} where ${contracts.contractorId} = ${contractors.id})`.mapWith(Number);

/**
 * One page of contractors by name; `q` searches name, credit code and contact.
 * @example await listContractors(db, { orgId, q: "物业", page: 1 })
 */
export async function listContractors(
  db: Db,
  query: { orgId: string; q?: string; archived?: ArchivedFilter } & PageQuery,
): Promise<Paged<ContractorRow>> {
  const { limit, offset, page } = pageBounds(query);
  const conditions: (SQL | undefined)[] = [eq(contractors.orgId, query.orgId), archivedCondition(contractors.archivedAt, query.archived)];
  const q = query.q?.trim();
  if (q) {
    conditions.push(
      or(likeSql(contractors.name, q), likeSql(contractors.creditCode, q.toUpperCase()), likeSql(contractors.contactName, q)),
    );
  }
  const where = and(...conditions);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({ ...getTableColumns(contractors), contractCount })
      .from(contractors)
      .where(where)
      .orderBy(asc(contractors.name), asc(contractors.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(contractors).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0, page, pageSize: limit };
}

/** Contractors for a select on the contract form, by name; archived ones flagged so the form can leave them out. */
export async function listContractorOptions(db: Db, query: { orgId: string }) {
  return db
    .select({ id: contractors.id, name: contractors.name, creditCode: contractors.creditCode, archivedAt: contractors.archivedAt })
    .from(contractors)
    .where(eq(contractors.orgId, query.orgId))
    .orderBy(asc(contractors.name))
    .limit(2000);
}

/** One contractor of the organisation with its number of contracts, or null. */
export async function getContractor(db: Db, query: { orgId: string; id: string }): Promise<ContractorRow | null> {
  const [row] = await db
    .select({ ...getTableColumns(contractors), contractCount })
    .from(contractors)
    .where(and(eq(contractors.orgId, query.orgId), eq(contractors.id, query.id)))
    .limit(1);
  return row ?? null;
}

export type ContractorWriteError = "invalid_credit_code" | "duplicate_credit_code";

/** Creates a contractor. The credit code must be valid (check character included) and new in the organisation. */
export async function createContractor(
  db: Db,
  ctx: WriteContext,
  input: ContractorInput,
): Promise<{ ok: true; id: string } | { ok: false; error: ContractorWriteError }> {
  const refused = await checkCreditCode(db, ctx.orgId, input.creditCode, null);
  if (refused) return { ok: false, error: refused };
  const at = nowIso();
  const row = { id: newId(), orgId: ctx.orgId, ...clean(input), archivedAt: null, createdAt: at };
  try {
    await db.batch([
      db.insert(contractors).values(row),
      recordAudit(db, { ...auditFields(ctx, at), action: "contractor.create", entity: "contractor", entityId: row.id, before: null, after: row }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("contractors.credit_code")) return { ok: false, error: "duplicate_credit_code" };
    throw error;
  }
  return { ok: true, id: row.id };
}

/** Changes a contractor's name, credit code or contacts. */
export async function updateContractor(
  db: Db,
  ctx: WriteContext,
  input: ContractorInput & { id: string },
): Promise<{ ok: true } | { ok: false; error: ContractorWriteError | "not_found" }> {
  const before = await getRow(db, ctx.orgId, input.id);
  if (!before) return { ok: false, error: "not_found" };
  const refused = await checkCreditCode(db, ctx.orgId, input.creditCode, input.id);
  if (refused) return { ok: false, error: refused };
  const at = nowIso();
  const after = { ...before, ...clean(input) };
  try {
    await db.batch([
      db
        .update(contractors)
        .set(clean(input))
        .where(and(eq(contractors.orgId, ctx.orgId), eq(contractors.id, input.id))),
      recordAudit(db, { ...auditFields(ctx, at), action: "contractor.update", entity: "contractor", entityId: input.id, before, after }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("contractors.credit_code")) return { ok: false, error: "duplicate_credit_code" };
    throw error;
  }
  return { ok: true };
}

/** Hides a contractor from new contracts; its contracts and history stay. Archiving twice changes nothing. */
export async function archiveContractor(db: Db, ctx: WriteContext, input: { id: string }) {
  return setArchived(db, ctx, input.id, true);
}

/** Undoes `archiveContractor`. */
export async function restoreContractor(db: Db, ctx: WriteContext, input: { id: string }) {
  return setArchived(db, ctx, input.id, false);
}

export type DeleteContractorResult =
  | { ok: true }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "in_use"; usedBy: { contracts: number } };

/** Deletes a contractor that has no contracts; one with contracts is refused (archive it instead). */
export async function deleteContractor(db: Db, ctx: WriteContext, input: { id: string }): Promise<DeleteContractorResult> {
  const before = await getRow(db, ctx.orgId, input.id);
  if (!before) return { ok: false, error: "not_found" };
  const usedBy = await contractorUsage(db, ctx.orgId, input.id);
  if (usedBy.contracts > 0) return { ok: false, error: "in_use", usedBy };
  const at = nowIso();
  try {
    await db.batch([
      db.delete(contractors).where(and(eq(contractors.orgId, ctx.orgId), eq(contractors.id, input.id))),
      recordAudit(db, { ...auditFields(ctx, at), action: "contractor.delete", entity: "contractor", entityId: input.id, before, after: null }),
    ]);
  } catch (error) {
    // A contract was added in the meantime: the RESTRICT key refused the delete.
    if (isForeignKeyViolation(error)) return { ok: false, error: "in_use", usedBy: await contractorUsage(db, ctx.orgId, input.id) };
    throw error;
  }
  return { ok: true };
}

// ---------------------------------------------------------------- helpers

async function getRow(db: Db, orgId: string, id: string): Promise<Contractor | null> {
  const [row] = await db
    .select()
    .from(contractors)
    .where(and(eq(contractors.orgId, orgId), eq(contractors.id, id)))
    .limit(1);
  return row ?? null;
}

/** Empty optional texts are stored as NULL, not "". */
function clean(input: ContractorInput) {
  return {
    name: input.name.trim(),
    creditCode: input.creditCode,
    contactName: input.contactName?.trim() || null,
    contactPhone: input.contactPhone?.trim() || null,
    contactEmail: input.contactEmail?.trim().toLowerCase() || null,
  };
}

async function checkCreditCode(db: Db, orgId: string, creditCode: string, exceptId: string | null): Promise<ContractorWriteError | null> {
  if (!isValidUscc(creditCode)) return "invalid_credit_code";
  const [clash] = await db
    .select({ id: contractors.id })
    .from(contractors)
    .where(and(eq(contractors.orgId, orgId), eq(contractors.creditCode, creditCode), exceptId ? ne(contractors.id, exceptId) : undefined))
    .limit(1);
  return clash ? "duplicate_credit_code" : null;
}

async function contractorUsage(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ n: count() })
    .from(contracts)
    .where(and(eq(contracts.orgId, orgId), eq(contracts.contractorId, id)));
  return { contracts: row?.n ?? 0 };
}

async function setArchived(db: Db, ctx: WriteContext, id: string, archived: boolean): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  const before = await getRow(db, ctx.orgId, id);
  if (!before) return { ok: false, error: "not_found" };
  if (Boolean(before.archivedAt) === archived) return { ok: true };
  const at = nowIso();
  const archivedAt = archived ? at : null;
  await db.batch([
    db
      .update(contractors)
      .set({ archivedAt })
      .where(and(eq(contractors.orgId, ctx.orgId), eq(contractors.id, id))),
    recordAudit(db, {
      ...auditFields(ctx, at),
      action: archived ? "contractor.archive" : "contractor.restore",
      entity: "contractor",
      entityId: id,
      before,
      after: { ...before, archivedAt },
    }),
  ]);
  return { ok: true };
}
