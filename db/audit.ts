/**
 * The audit trail. `recordAudit` returns the insert without running it, so it
 * can go into the same `db.batch([...])` as the change it records: both are
 * written or neither is.
 *
 * @example
 * await db.batch([
 *   db.insert(contractors).values(row),
 *   recordAudit(db, { orgId, actorUserId, action: "contractor.create", entity: "contractor",
 *                     entityId: row.id, before: null, after: row, ip }),
 * ]);
 */
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "./client";
import { auditLog, type AuditEntry } from "./schema";
import { nowIso } from "./time";

export interface AuditInput {
  orgId: string | null;
  actorUserId: string | null;
  /** "entity.verb", e.g. "contractor.create". */
  action: string;
  entity: string;
  entityId: string;
  /** The record before the change (null on create). Never pass secrets such as password hashes. */
  before: unknown;
  /** The record after the change (null on delete/archive-by-removal). */
  after: unknown;
  ip?: string | null;
  /** Defaults to now; pass the same instant as the change it records. */
  at?: string;
}

/** Builds the insert of one audit entry; `await` it alone or put it in a batch. */
export function recordAudit(db: DbOrTx, entry: AuditInput) {
  return db.insert(auditLog).values({
    orgId: entry.orgId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    // undefined would be dropped by JSON; store "no value" as SQL NULL instead.
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
    at: entry.at ?? nowIso(),
  });
}

export interface AuditQuery {
  orgId: string;
  entity?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  /** ISO instant, inclusive. */
  from?: string;
  /** ISO instant, exclusive. */
  to?: string;
  /** 1..500. */
  limit: number;
  offset?: number;
}

/** One organisation's audit entries, newest first. */
export async function listAudit(db: Db, query: AuditQuery): Promise<AuditEntry[]> {
  const conditions: SQL[] = [eq(auditLog.orgId, query.orgId)];
  if (query.entity !== undefined) conditions.push(eq(auditLog.entity, query.entity));
  if (query.entityId !== undefined) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.action !== undefined) conditions.push(eq(auditLog.action, query.action));
  if (query.actorUserId !== undefined) conditions.push(eq(auditLog.actorUserId, query.actorUserId));
  if (query.from !== undefined) conditions.push(gte(auditLog.at, query.from));
  if (query.to !== undefined) conditions.push(lt(auditLog.at, query.to));
  const limit = Math.min(500, Math.max(1, Math.trunc(query.limit)));
  const offset = Math.max(0, Math.trunc(query.offset ?? 0));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
}
