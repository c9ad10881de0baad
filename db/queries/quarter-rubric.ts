/**
 * The rubric a contract's quarter is scored with (issue 11, "one rubric per
 * quarter"). It is fixed when the quarter is first touched — its survey
 * campaign, a finding, a bonus or veto, a finalisation — by writing the
 * `contract_quarters` row with the contract's rubric version of that moment
 * (or the built-in default while the organisation has none). Later changes to
 * the contract's rubric do not move a quarter that has begun; the campaign's
 * questionnaire and every score of the quarter read the same version.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { WRITABLE_QUARTER_STATES } from "../../domain/quarter-lock";
import { defaultRubric, defaultRubricVersion, isDefaultRubricVersion } from "../../scoring/index";
import type { Rubric, ServiceType } from "../../scoring/types";
import type { Db, DbOrTx } from "../client";
import { newId } from "../ids";
import { contractQuarters, rubricVersions } from "../schema";
import { nowIso } from "../time";

/** Which rubric: an organisation's version (by row id) or a built-in default (`rubricId@rubricVersion`). */
export interface RubricRef {
  rubricVersionId: string | null;
  rubricId: string;
  rubricVersion: string;
}

/** What of a contract the rubric depends on. */
export interface RubricContract {
  id: string;
  serviceType: ServiceType;
  rubricVersionId: string | null;
}

export interface QuarterRubric {
  rubric: Rubric;
  ref: RubricRef;
  /** True when the quarter's row already fixes it; false when it is the contract's current one (the quarter not yet begun). */
  fixed: boolean;
}

async function orgVersion(db: Db, orgId: string, id: string): Promise<Rubric | null> {
  const [row] = await db
    .select({ rubric: rubricVersions.rubric })
    .from(rubricVersions)
    .where(and(eq(rubricVersions.orgId, orgId), eq(rubricVersions.id, id)));
  return row?.rubric ?? null;
}

/** The built-in rubric a reference names (the current default for a version this build no longer ships). */
function builtIn(serviceType: ServiceType, version: string): Rubric {
  return isDefaultRubricVersion(version) ? defaultRubricVersion(serviceType, version) : defaultRubric(serviceType);
}

/**
 * The quarter's rubric: the one its row fixed, else the contract's current
 * one. Null when the contract names an organisation version that is not the
 * organisation's.
 * @example const r = await quarterRubric(db, { orgId, contract, period: "2026-Q3" }); scoreQuarter(r!.rubric, input);
 */
export async function quarterRubric(db: Db, q: { orgId: string; contract: RubricContract; period: string }): Promise<QuarterRubric | null> {
  const [row] = await db
    .select({ rubricVersionId: contractQuarters.rubricVersionId, rubricId: contractQuarters.rubricId, rubricVersion: contractQuarters.rubricVersion })
    .from(contractQuarters)
    .where(and(eq(contractQuarters.orgId, q.orgId), eq(contractQuarters.contractId, q.contract.id), eq(contractQuarters.period, q.period)));
  if (row?.rubricId && row.rubricVersion) {
    const ref = { rubricVersionId: row.rubricVersionId, rubricId: row.rubricId, rubricVersion: row.rubricVersion };
    const rubric = ref.rubricVersionId ? await orgVersion(db, q.orgId, ref.rubricVersionId) : builtIn(q.contract.serviceType, ref.rubricVersion);
    return rubric ? { rubric, ref, fixed: true } : null;
  }
  const rubric = q.contract.rubricVersionId ? await orgVersion(db, q.orgId, q.contract.rubricVersionId) : defaultRubric(q.contract.serviceType);
  if (!rubric) return null;
  return { rubric, ref: { rubricVersionId: q.contract.rubricVersionId, rubricId: rubric.id, rubricVersion: rubric.version }, fixed: false };
}

/**
 * The SET of an upsert that fixes the rubric on a quarter row that has none
 * yet (rows older than migration 0009, or a row written without one), and
 * keeps a rubric already fixed — all three columns together.
 */
export function fixRubricSet(ref: RubricRef) {
  const keep = (column: string, value: string | null) => sql`CASE WHEN rubric_id IS NULL THEN ${value} ELSE ${sql.identifier(column)} END`;
  return {
    rubricVersionId: keep("rubric_version_id", ref.rubricVersionId),
    rubricId: keep("rubric_id", ref.rubricId),
    rubricVersion: keep("rubric_version", ref.rubricVersion),
  };
}

/**
 * The statement that opens the quarter, for the batch of a write that
 * touches it: inserts its row with the rubric fixed, or — on a row that may
 * still be written — fixes a missing rubric. On a quarter that may not be
 * written it changes nothing, so `changes()` right after it is 1 exactly when
 * the quarter is writable: the next statement of the batch guards on that
 * (`WRITABLE_QUARTER_GUARD`), repeating the lock inside the write.
 */
export function openQuarterStatement(db: DbOrTx, orgId: string, q: { contractId: string; period: string; ref: RubricRef }) {
  return db
    .insert(contractQuarters)
    .values({
      id: newId(),
      orgId,
      contractId: q.contractId,
      period: q.period,
      status: "open",
      revision: 0,
      createdAt: nowIso(),
      rubricVersionId: q.ref.rubricVersionId,
      rubricId: q.ref.rubricId,
      rubricVersion: q.ref.rubricVersion,
    })
    .onConflictDoUpdate({
      target: [contractQuarters.contractId, contractQuarters.period],
      set: fixRubricSet(q.ref),
      setWhere: inArray(contractQuarters.status, [...WRITABLE_QUARTER_STATES]),
    });
}

/**
 * A value for a NOT NULL column of the statement right after
 * {@link openQuarterStatement}: `value` when the quarter was writable, NULL
 * otherwise — a NOT NULL failure that rolls the whole batch back (see
 * {@link isQuarterGuardFailure}).
 */
export function whenQuarterWritable<T extends string>(value: T): T {
  return sql`CASE WHEN changes() = 1 THEN ${value} END` as unknown as T;
}

/** Whether a batch failed because {@link whenQuarterWritable} found the quarter locked (the NOT NULL column named). */
export function isQuarterGuardFailure(error: unknown, column: string): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e.message.includes(`NOT NULL constraint failed: ${column}`)) return true;
  }
  return false;
}
