/**
 * The state of a contract's quarter, read by every write that asks the quarter
 * lock (domain/quarter-lock.ts): survey campaigns and invites, findings,
 * bonuses and vetoes.
 */
import { and, eq, notExists, notInArray, sql } from "drizzle-orm";
import { WRITABLE_QUARTER_STATES, type QuarterState } from "../../domain/quarter-lock";
import type { Db } from "../client";
import { contractQuarters } from "../schema";

/** The state of a contract's quarter; null when it has no row yet (which counts as open). */
export async function contractQuarterState(
  db: Db,
  q: { orgId: string; contractId: string; period: string },
): Promise<QuarterState | null> {
  const [row] = await db
    .select({ status: contractQuarters.status })
    .from(contractQuarters)
    .where(and(eq(contractQuarters.orgId, q.orgId), eq(contractQuarters.contractId, q.contractId), eq(contractQuarters.period, q.period)));
  return row?.status ?? null;
}

/**
 * A WHERE condition for a conditional UPDATE that changes what a quarter
 * scored (a withdrawal, a veto's confirmation): the contract's quarter is
 * still writable. It repeats the lock inside the write, so a quarter
 * finalised since the caller's check makes the UPDATE match nothing.
 */
export function quarterStillWritable(db: Db, q: { orgId: string; contractId: string; period: string }) {
  return notExists(
    db
      .select({ one: sql`1` })
      .from(contractQuarters)
      .where(
        and(
          eq(contractQuarters.orgId, q.orgId),
          eq(contractQuarters.contractId, q.contractId),
          eq(contractQuarters.period, q.period),
          notInArray(contractQuarters.status, [...WRITABLE_QUARTER_STATES]),
        ),
      ),
  );
}
