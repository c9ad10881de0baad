/**
 * Publishing an organisation rubric version (issue 13). It applies to each
 * chosen contract of its type from the next quarter that starts after today;
 * nothing already begun moves: in the same batch, every quarter of the
 * contract's term up to today's has its rubric fixed with the contract's
 * previous version (`openQuarterStatement`: a missing row is opened with it,
 * a row without one gets it, a fixed or finalised row is left alone), then the
 * contract points at the new version from the next quarter. No snapshot is
 * read or written.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { auditFields, auditIfChanged } from "../../query-helpers";
import { contracts, rubricVersions } from "../../schema";
import { nowIso } from "../../time";
import { comparePeriods, defaultRubric, isIsoDate, nextPeriod, periodOfDate, periodStart } from "../../../scoring/index";
import type { WriteContext } from "../context";
import { openQuarterStatement, type RubricRef } from "../quarter-rubric";
import type { PublishResult } from "./types";

type Statement = BatchItem<"sqlite">;

/**
 * Publishes the version to the organisation's active contracts of its type
 * (or only `contractIds`) that still run in the next quarter, from that
 * quarter on. A published version may be published again to more contracts.
 * A version that was in force and now is on no contract is retired (it stays
 * readable: quarters scored with it keep naming it).
 * @example await publishRubricVersion(db, ctx, { id, today: "2026-11-20" }); // → { ok: true, fromPeriod: "2027-Q1", contracts: 3, retired: [] }
 */
export async function publishRubricVersion(
  db: Db,
  ctx: WriteContext,
  input: { id: string; contractIds?: string[]; today: string },
): Promise<PublishResult> {
  if (!isIsoDate(input.today)) return { ok: false, error: "invalid" };
  const [version] = await db
    .select({ serviceType: rubricVersions.serviceType, rubricId: rubricVersions.rubricId, version: rubricVersions.version, status: rubricVersions.status, publishedAt: rubricVersions.publishedAt })
    .from(rubricVersions)
    .where(and(eq(rubricVersions.orgId, ctx.orgId), eq(rubricVersions.id, input.id)));
  if (!version) return { ok: false, error: "not_found" };
  if (version.status === "retired") return { ok: false, error: "not_draft" };
  const today = periodOfDate(input.today);
  const fromPeriod = nextPeriod(today);

  const chosen = input.contractIds ? [...new Set(input.contractIds)] : null;
  const rows = await db
    .select({
      id: contracts.id,
      serviceType: contracts.serviceType,
      status: contracts.status,
      archivedAt: contracts.archivedAt,
      startOn: contracts.startOn,
      endOn: contracts.endOn,
      rubricVersionId: contracts.rubricVersionId,
      rubricFromPeriod: contracts.rubricFromPeriod,
      currentRubricId: rubricVersions.rubricId,
      currentVersion: rubricVersions.version,
    })
    .from(contracts)
    .leftJoin(rubricVersions, and(eq(rubricVersions.id, contracts.rubricVersionId), eq(rubricVersions.orgId, contracts.orgId)))
    .where(
      and(
        eq(contracts.orgId, ctx.orgId),
        chosen ? inArray(contracts.id, chosen.length > 0 ? chosen : [""]) : and(eq(contracts.serviceType, version.serviceType), eq(contracts.status, "active"), isNull(contracts.archivedAt)),
      ),
    );
  if (chosen && rows.length !== chosen.length) return { ok: false, error: "not_found" };
  const runsFrom = periodStart(fromPeriod);
  const eligible = (c: (typeof rows)[number]) => c.serviceType === version.serviceType && c.status === "active" && c.archivedAt === null && c.endOn >= runsFrom;
  if (chosen && !rows.every(eligible)) return { ok: false, error: "ineligible_contract" };
  const moving = rows.filter((c) => eligible(c) && c.rubricVersionId !== input.id);

  const at = nowIso();
  const statements: Statement[] = [];
  const builtIn = defaultRubric(version.serviceType);
  for (const c of moving) {
    const previous: RubricRef = c.rubricVersionId
      ? { rubricVersionId: c.rubricVersionId, rubricId: c.currentRubricId!, rubricVersion: c.currentVersion! }
      : { rubricVersionId: null, rubricId: builtIn.id, rubricVersion: builtIn.version };
    const last = periodOfDate(c.endOn);
    const upTo = comparePeriods(last, today) < 0 ? last : today;
    for (let p = periodOfDate(c.startOn); comparePeriods(p, upTo) <= 0; p = nextPeriod(p)) {
      statements.push(openQuarterStatement(db, ctx.orgId, { contractId: c.id, period: p, ref: previous }));
    }
    statements.push(
      db
        .update(contracts)
        .set({ rubricVersionId: input.id, rubricFromPeriod: fromPeriod })
        .where(and(eq(contracts.orgId, ctx.orgId), eq(contracts.id, c.id), c.rubricVersionId ? eq(contracts.rubricVersionId, c.rubricVersionId) : isNull(contracts.rubricVersionId))),
      auditIfChanged(db, ctx, {
        action: "contract.rubric",
        entity: "contract",
        entityId: c.id,
        before: { rubricVersionId: c.rubricVersionId, rubricFromPeriod: c.rubricFromPeriod },
        after: { rubricVersionId: input.id, rubricFromPeriod: fromPeriod },
        at,
      }),
    );
  }
  statements.push(
    db
      .update(rubricVersions)
      .set({ status: "published", publishedAt: version.publishedAt ?? at })
      .where(and(eq(rubricVersions.orgId, ctx.orgId), eq(rubricVersions.id, input.id))),
    recordAudit(db, {
      ...auditFields(ctx, at),
      action: "rubric.publish",
      entity: "rubric_version",
      entityId: input.id,
      before: { status: version.status },
      after: { status: "published", serviceType: version.serviceType, version: version.version, fromPeriod, contractIds: moving.map((c) => c.id) },
    }),
  );
  // The versions these contracts leave: retired once no contract is on them.
  const left = [...new Set(moving.map((c) => c.rubricVersionId).filter((id): id is string => id !== null && id !== input.id))];
  const retireAt: number[] = [];
  for (const id of left) {
    retireAt.push(statements.length);
    statements.push(
      db
        .update(rubricVersions)
        .set({ status: "retired" })
        .where(
          and(
            eq(rubricVersions.orgId, ctx.orgId),
            eq(rubricVersions.id, id),
            eq(rubricVersions.status, "published"),
            sql`NOT EXISTS (SELECT 1 FROM contracts WHERE contracts.org_id = ${ctx.orgId} AND contracts.rubric_version_id = ${id})`,
          ),
        ),
      auditIfChanged(db, ctx, { action: "rubric.retire", entity: "rubric_version", entityId: id, before: { status: "published" }, after: { status: "retired", replacedBy: input.id }, at }),
    );
  }
  const [first, ...rest] = statements as [Statement, ...Statement[]];
  const results = (await db.batch([first, ...rest])) as unknown[];
  const retired = left.filter((_, i) => (results[retireAt[i]!] as { rowsAffected?: number }).rowsAffected === 1);
  return { ok: true, fromPeriod, contracts: moving.length, retired };
}
