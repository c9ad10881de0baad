/**
 * Small helpers shared by the db/queries modules (kept outside db/queries so
 * that folder holds only tenant-scoped queries).
 *
 * Constraint failures: the directory queries check uniqueness and references
 * before writing, but two requests can still race; then the UNIQUE index or
 * the RESTRICT foreign key refuses the batch (nothing is written, audit row
 * included) and these turn the driver's message back into the answer the
 * pre-check would have given.
 */
import { isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "./client";
import { likePattern, type WriteContext } from "./queries/context";
import { auditLog } from "./schema";

/** `column LIKE '%q%'`, with the backslash escape that `likePattern` writes, so "50%" means the text. */
export function likeSql(column: SQLiteColumn | SQL, q: string): SQL {
  return sql`${column} like ${likePattern(q)} escape '\\'`;
}

/**
 * The audit insert of a conditional change, for the batch right after its
 * UPDATE: written only when that UPDATE changed exactly one row.
 */
export function auditIfChanged(db: DbOrTx, ctx: WriteContext, e: { action: string; entity: string; entityId: string; before: unknown; after: unknown; at: string }) {
  return db
    .insert(auditLog)
    .select(
      sql`SELECT NULL, ${ctx.orgId}, ${ctx.actorUserId}, ${e.action}, ${e.entity}, ${e.entityId}, ${JSON.stringify(e.before)}, ${JSON.stringify(e.after)}, ${e.at}, ${ctx.ip ?? null} WHERE changes() = 1`,
    );
}

/** Who, when and from where: the common fields of an audit entry for a write. */
export function auditFields(ctx: WriteContext, at: string) {
  return { orgId: ctx.orgId, actorUserId: ctx.actorUserId, ip: ctx.ip ?? null, at };
}

function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) parts.push(e.message);
  return parts.join("\n");
}

/**
 * The columns of a failed UNIQUE constraint ("contractors.credit_code"), or null.
 * @example uniqueViolation(err) // ["contractors.org_id", "contractors.credit_code"]
 */
export function uniqueViolation(error: unknown): string[] | null {
  const m = /UNIQUE constraint failed: ([^\n]+)/.exec(messages(error));
  return m ? m[1]!.split(",").map((c) => c.trim()) : null;
}

/** Whether a foreign key refused the write (a RESTRICT delete of a row still in use). */
export function isForeignKeyViolation(error: unknown): boolean {
  return /FOREIGN KEY constraint failed/.test(messages(error));
}

/** Which rows a list shows: "active" (default) hides archived ones, "archived" shows only those, "all" both. */
export type ArchivedFilter = "active" | "archived" | "all";

export function archivedCondition(column: SQLiteColumn, filter: ArchivedFilter = "active"): SQL | undefined {
  if (filter === "active") return isNull(column);
  if (filter === "archived") return isNotNull(column);
  return undefined;
}
