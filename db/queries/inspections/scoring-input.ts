/**
 * The findings of a contract-quarter as the scoring module takes them
 * (`QuarterInput["findings"]`, ../shared/docs/SCORING.md). Withdrawn findings
 * score nothing and are left out; `rectifiedOn` is the day of the fix that
 * was verified (a fix awaiting verification does not count yet); `repeatOf`
 * is the earlier finding unless a supervisor cleared the mark
 * (domain/rectification.ts `repeatCounts`) or the earlier finding was
 * withdrawn (a withdrawn finding scores as if it had never been recorded).
 *
 * `asOf` reads the findings as they stood on a day (the score's `asOf`):
 * findings found after it are left out, and a fix counts only when it was
 * verified on or before it — so a revision computed with the first
 * finalisation's day does not turn an overdue finding into a late one because
 * its fix was recorded later. Withdrawals and cleared repeat marks are
 * corrections and count whenever they were made.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { repeatCounts } from "../../../domain/rectification";
import type { QuarterInput } from "../../../scoring/types";
import type { Db } from "../../client";
import { findings } from "../../schema";

const earlier = alias(findings, "earlier");
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One finding of `QuarterInput["findings"]`. `repeatOf` is spelled out here
 * because SCORING.md adds it to the module's input (the scoring helper's part
 * of this issue); once merged, the intersection is the same type.
 */
export type ScoringFinding = QuarterInput["findings"][number] & { rectifiedOn: string | null; repeatOf: string | null };

export async function findingsForScoring(db: Db, q: { orgId: string; contractId: string; period: string; asOf?: string }): Promise<ScoringFinding[]> {
  const rows = await db
    .select({
      id: findings.id,
      itemId: findings.itemId,
      severity: findings.severity,
      foundOn: findings.foundOn,
      dueOn: findings.dueOn,
      status: findings.status,
      rectifiedOn: findings.rectifiedOn,
      verifiedOn: findings.verifiedOn,
      repeatOfId: findings.repeatOfId,
      repeatClearedReason: findings.repeatClearedReason,
      earlierStatus: earlier.status,
      createdAt: findings.createdAt,
    })
    .from(findings)
    .leftJoin(earlier, and(eq(earlier.orgId, q.orgId), eq(earlier.id, findings.repeatOfId)))
    // The (org_id, contract_id, period) index.
    .where(
      and(
        eq(findings.orgId, q.orgId),
        eq(findings.contractId, q.contractId),
        eq(findings.period, q.period),
        ne(findings.status, "withdrawn"),
        // `+found_on`: a filter only, never a reason to take the (org_id, found_on) index.
        q.asOf ? sql`+${findings.foundOn} <= ${q.asOf}` : undefined,
      ),
    );
  // Sorted here, not by ORDER BY: sorting by found_on in SQL tempts the planner onto the
  // (org_id, found_on) index, reading every finding of the organisation (bench/scores.ts).
  // Then the order they were recorded in, so the order does not depend on random ids.
  rows.sort((a, b) => cmp(a.foundOn, b.foundOn) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));
  return rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    severity: r.severity,
    foundOn: r.foundOn,
    dueOn: r.dueOn,
    rectifiedOn: r.status === "verified" && (!q.asOf || (r.verifiedOn !== null && r.verifiedOn <= q.asOf)) ? r.rectifiedOn : null,
    repeatOf: repeatCounts(r) && r.earlierStatus !== null && r.earlierStatus !== "withdrawn" ? r.repeatOfId : null,
  }));
}
