/** Browsing the audit trail (admins). Writing it is `recordAudit` in db/audit.ts. */
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, users } from "../schema";
import { pageBounds } from "./context";

/** The UTC instant at which `day` starts in `timeZone` (for filtering by the organisation's days). */
export function dayStartUtc(day: string, timeZone: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment: format the guess in the zone and compare.
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asIfUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return new Date(guess - (asIfUtc - guess)).toISOString();
}

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export interface AuditPageQuery {
  orgId: string;
  timeZone: string;
  action?: string;
  entity?: string;
  /** Inclusive calendar days in the organisation's zone. */
  fromDay?: string;
  toDay?: string;
  page?: number;
  pageSize?: number;
}

/**
 * One page of an organisation's audit trail, newest first, with the actor's
 * name and the distinct actions and entities (for the filter lists).
 */
export async function listAuditPage(db: Db, query: AuditPageQuery) {
  const { limit, offset, page } = pageBounds(query, 50);
  const conditions: SQL[] = [eq(auditLog.orgId, query.orgId)];
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.entity) conditions.push(eq(auditLog.entity, query.entity));
  if (query.fromDay) conditions.push(gte(auditLog.at, dayStartUtc(query.fromDay, query.timeZone)));
  if (query.toDay) conditions.push(lt(auditLog.at, dayStartUtc(nextDay(query.toDay), query.timeZone)));
  const [rows, actions, entities] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit + 1)
      .offset(offset),
    db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.orgId, query.orgId))
      .orderBy(auditLog.action),
    db
      .selectDistinct({ entity: auditLog.entity })
      .from(auditLog)
      .where(eq(auditLog.orgId, query.orgId))
      .orderBy(auditLog.entity),
  ]);
  return {
    rows: rows.slice(0, limit),
    hasMore: rows.length > limit,
    page,
    actions: actions.map((a) => a.action),
    entities: entities.map((e) => e.entity),
  };
}

