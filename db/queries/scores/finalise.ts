/**
 * Finalising and reopening a contract's quarter (docs/product.md §7).
 *
 * Finalising (a draft, or a reopened quarter) closes the quarter's survey
 * campaign (which releases its last tally), builds the input as of the
 * finalisation day — for revision n+1 the FIRST revision's day, so a fix
 * recorded later does not turn an overdue finding into a late one — scores
 * it, and writes in one batch: the quarter row (finalised, revision n+1), the
 * snapshot (input, output, whole rubric, fee calculation, override texts) and
 * the audit entry. The snapshot's UNIQUE (contract, period, revision) makes
 * two concurrent finalisations write one revision; the other gets `conflict`.
 *
 * Refused while a veto is pending, a fix awaits verification, an appeal
 * waits for a decision or the quarter's appeal window is still open (issue
 * 14), unless the supervisor writes why (`overrideReason`); a provisional quarter (too few
 * respondents) needs a written `provisionalJustification`. Both are stored.
 */
import { and, eq } from "drizzle-orm";
import { MAX_SCORE_TEXT, quarterStateOn, scoringDay } from "../../../domain/quarter-lock";
import { isPeriod, periodEnd, periodStart } from "../../../scoring/dates";
import { scoreQuarter } from "../../../scoring/index";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId } from "../../ids";
import { auditFields, auditIfChanged, uniqueViolation } from "../../query-helpers";
import { contractQuarters, quarterScores, type StoredQuarterFee } from "../../schema";
import type { QuarterScore, Rubric } from "../../../scoring/types";
import { nowIso } from "../../time";
import type { WriteContext } from "../context";
import { fixRubricSet } from "../quarter-rubric";
import { setCampaignStatus } from "../surveys/campaigns";
import { feeOf } from "./fee";
import { buildQuarterInput } from "./input";
import { finaliseBlocks, quarterRevisions, quarterRow, scoreContract, type FinaliseBlocks } from "./quarter";


export type FinaliseError =
  | "not_found"
  | "invalid"
  /** The quarter has not ended yet (still `open`). */
  | "not_ended"
  /** No day of the quarter is inside the contract's term. */
  | "outside_term"
  | "already_finalised"
  /** A veto, fix or appeal is pending or the appeal window is open, and no override reason was given. */
  | "blocked"
  /** Too few respondents, and no written justification. */
  | "needs_justification"
  /** Someone else finalised it at the same moment. */
  | "conflict";

export type FinaliseResult =
  | { ok: true; revision: number; scoreId: string; total: number; grade: string }
  | { ok: false; error: FinaliseError; blocks?: FinaliseBlocks };

/** A trimmed text within bounds; null when absent or blank; undefined when too long or not text. */
function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return undefined;
  const t = value.trim();
  if (t.length > MAX_SCORE_TEXT) return undefined;
  return t.length === 0 ? null : t;
}

/** The snapshot's columns copied out of its output, rubric and fee, for lists that must not parse the JSON. */
export function listedColumns(output: QuarterScore, rubric: Rubric, fee: StoredQuarterFee) {
  return {
    total: output.total,
    grade: output.grade,
    satisfactionRate: output.satisfaction.rate,
    respondents: output.satisfaction.respondents,
    targetRate: rubric.satisfaction.targetRate,
    provisional: output.provisional,
    vetoed: output.vetoed,
    deductedFen: fee.deductedFen,
  };
}

/** Whether any block stands (finalising then needs an override reason). */
function isBlocked(b: FinaliseBlocks): boolean {
  return b.pendingVetoes > 0 || b.awaitingVerification > 0 || b.pendingAppeals > 0 || b.appealWindowOpen;
}

export interface FinaliseInput {
  contractId: string;
  period: string;
  /** The organisation's day: the finalisation day (the `asOf` of a first revision). */
  today: string;
  overrideReason?: string | null;
  provisionalJustification?: string | null;
}

/**
 * Finalises the quarter as revision n+1.
 * @example const r = await finaliseQuarter(db, ctx, { contractId, period: "2026-Q3", today: "2026-10-09" });
 */
export async function finaliseQuarter(db: Db, ctx: WriteContext, input: FinaliseInput): Promise<FinaliseResult> {
  const overrideReason = optionalText(input.overrideReason);
  const provisionalJustification = optionalText(input.provisionalJustification);
  if (!ctx.actorUserId || !isPeriod(input.period) || overrideReason === undefined || provisionalJustification === undefined) return { ok: false, error: "invalid" };
  const contract = await scoreContract(db, ctx.orgId, input.contractId);
  if (!contract) return { ok: false, error: "not_found" };
  if (periodEnd(input.period) < contract.startOn || periodStart(input.period) > contract.endOn) return { ok: false, error: "outside_term" };
  const scope = { orgId: ctx.orgId, contractId: contract.id, period: input.period };

  const [row, history, blocks] = await Promise.all([quarterRow(db, scope), quarterRevisions(db, scope), finaliseBlocks(db, { ...scope, today: input.today })]);
  const state = quarterStateOn(row?.status, { periodEnd: periodEnd(input.period), today: input.today });
  if (state === "open") return { ok: false, error: "not_ended" };
  if (state === "finalised") return { ok: false, error: "already_finalised" };
  if (isBlocked(blocks) && !overrideReason) return { ok: false, error: "blocked", blocks };

  const asOf = scoringDay(history.revisions[0]?.asOf, input.today);
  const before = await buildQuarterInput(db, { ...scope, asOf, contract });
  if (!before) return { ok: false, error: "not_found" };
  if (scoreQuarter(before.rubric, before.input).provisional && !provisionalJustification) return { ok: false, error: "needs_justification" };

  // The campaign closes first: closing releases what came in since the last release, which the snapshot then holds.
  if (before.campaign && before.campaign.status !== "closed") await setCampaignStatus(db, ctx, { campaignId: before.campaign.id, status: "closed" });
  const built = before.campaign && before.campaign.status !== "closed" ? await buildQuarterInput(db, { ...scope, asOf, contract }) : before;
  if (!built) return { ok: false, error: "not_found" };
  const output = scoreQuarter(built.rubric, built.input);
  const fee = feeOf(contract, input.period, output);

  const revision = (history.revisions.at(-1)?.revision ?? 0) + 1;
  const at = nowIso();
  const scoreId = newId();
  const reason = revision > 1 ? (row?.reopenReason ?? null) : null;
  const fixed = { rubricVersionId: built.ref.rubricVersionId, rubricId: built.ref.rubricId, rubricVersion: built.ref.rubricVersion };
  const finalised = { status: "finalised" as const, revision, finalisedAt: at, finalisedBy: ctx.actorUserId };
  try {
    await db.batch([
      db
        .insert(contractQuarters)
        .values({ id: newId(), orgId: ctx.orgId, contractId: contract.id, period: input.period, createdAt: at, ...fixed, ...finalised })
        .onConflictDoUpdate({
          target: [contractQuarters.contractId, contractQuarters.period],
          // A rubric already fixed stays; one never fixed (a quarter nothing had touched) is fixed now.
          set: { ...finalised, ...fixRubricSet(built.ref) },
        }),
      db.insert(quarterScores).values({
        id: scoreId,
        orgId: ctx.orgId,
        contractId: contract.id,
        period: input.period,
        revision,
        input: built.input,
        output,
        rubricId: built.rubric.id,
        rubricVersion: built.rubric.version,
        rubric: built.rubric,
        asOf,
        fee,
        overrideReason,
        provisionalJustification,
        ...listedColumns(output, built.rubric, fee),
        reason,
        createdBy: ctx.actorUserId,
        createdAt: at,
      }),
      recordAudit(db, {
        ...auditFields(ctx, at),
        action: "quarter.finalise",
        entity: "contract_quarter",
        entityId: `${contract.id}:${input.period}`,
        before: { status: state, revision: revision - 1 },
        after: { status: "finalised", revision, asOf, total: output.total, grade: output.grade, payableFen: fee.payableFen, deductedFen: fee.deductedFen, overrideReason, provisionalJustification, blocks, reason },
      }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("quarter_scores.revision")) return { ok: false, error: "conflict" };
    throw error;
  }
  return { ok: true, revision, scoreId, total: output.total, grade: output.grade };
}

export type ReopenResult = { ok: true } | { ok: false; error: "not_found" | "invalid" | "not_finalised" | "conflict" };

/**
 * Reopens a finalised quarter for a correction, with the reason (required).
 * Its findings, bonuses and vetoes may be written again; the campaign stays
 * closed; every page shows the quarter live (as of the first finalisation's
 * day) until it is finalised again as the next revision.
 * @example await reopenQuarter(db, ctx, { contractId, period: "2026-Q3", reason: "扣分项目录入错误" });
 */
export async function reopenQuarter(db: Db, ctx: WriteContext, input: { contractId: string; period: string; reason: string }): Promise<ReopenResult> {
  const reason = optionalText(input.reason);
  if (!ctx.actorUserId || !isPeriod(input.period) || !reason) return { ok: false, error: "invalid" };
  const contract = await scoreContract(db, ctx.orgId, input.contractId);
  if (!contract) return { ok: false, error: "not_found" };
  const row = await quarterRow(db, { orgId: ctx.orgId, contractId: contract.id, period: input.period });
  if (row?.status !== "finalised") return { ok: false, error: "not_finalised" };
  const at = nowIso();
  const [updated] = await db.batch([
    db
      .update(contractQuarters)
      .set({ status: "reopened", reopenReason: reason, reopenedAt: at, reopenedBy: ctx.actorUserId })
      .where(and(eq(contractQuarters.id, row.id), eq(contractQuarters.orgId, ctx.orgId), eq(contractQuarters.status, "finalised")))
      .returning({ id: contractQuarters.id }),
    // Written only when the UPDATE changed the row: of two concurrent reopens, one is audited.
    auditIfChanged(db, ctx, {
      action: "quarter.reopen",
      entity: "contract_quarter",
      entityId: `${contract.id}:${input.period}`,
      before: { status: "finalised", revision: row.revision },
      after: { status: "reopened", revision: row.revision, reason },
      at,
    }),
  ]);
  return updated.length === 1 ? { ok: true } : { ok: false, error: "conflict" };
}
