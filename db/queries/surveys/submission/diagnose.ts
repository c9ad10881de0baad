/**
 * After a refused write: why it was refused. Runs only on the refusal path
 * (the write itself reads nothing first), with the same quarter-lock predicate
 * as every other survey path (domain/quarter-lock.ts).
 */
import { and, eq, sql } from "drizzle-orm";
import type { QuarterState } from "../../../../domain/quarter-lock";
import type { Db } from "../../../client";
import { surveyParticipations, type CampaignStatus } from "../../../schema";
import { closedReason, queryOne, type SurveyQuestion } from "../shared";
import type { SubmitError } from "./reasons";
import { C, I, Q } from "./sql";
import type { SubmitResponseInput } from "./writer";

const COLUMNS = `c.${C.status} AS status, c.${C.opensOn} AS opensOn, c.${C.closesOn} AS closesOn,
  c.${C.questionnaire} AS questionnaire, c.${C.id} AS id,
  (SELECT q.${Q.status} FROM ${Q.$} q WHERE q.${Q.contractId} = c.${C.contractId} AND q.${Q.period} = c.${C.period}) AS quarterState`;

export async function diagnose(db: Db, input: SubmitResponseInput, code: string | undefined): Promise<SubmitError> {
  const target = input.campaign;
  const row =
    "inviteCode" in target
      ? await queryOne(db, `SELECT ${COLUMNS}, i.${I.used} AS used FROM ${I.$} i JOIN ${C.$} c ON c.${C.id} = i.${I.campaignId} WHERE i.${I.code} = ?`, [code ?? ""])
      : "token" in target
        ? await queryOne(db, `SELECT ${COLUMNS} FROM ${C.$} c WHERE c.${C.openToken} = ?`, [target.token])
        : await queryOne(db, `SELECT ${COLUMNS} FROM ${C.$} c WHERE c.${C.id} = ? AND c.${C.orgId} = ?`, [target.campaignId, target.orgId]);
  if (!row) return "not_found";
  const reason = closedReason(
    { status: row.status as CampaignStatus, opensOn: String(row.opensOn), closesOn: String(row.closesOn) },
    (row.quarterState ?? null) as QuarterState | null,
    input.today,
  );
  if (reason) return reason;
  const questionIds = (JSON.parse(String(row.questionnaire)) as SurveyQuestion[]).map((q) => q.id);
  const keys = Object.keys(input.answers);
  if (keys.length !== questionIds.length || !questionIds.every((id) => Object.hasOwn(input.answers, id))) return "invalid";
  if ("inviteCode" in target) return Number(row.used) === 1 ? "invite_used" : "not_found";
  if (input.participant) {
    const [p] = await db
      .select({ one: sql<number>`1` })
      .from(surveyParticipations)
      .where(and(eq(surveyParticipations.campaignId, String(row.id)), eq(surveyParticipations.userId, input.participant.userId)));
    return p ? "already_participated" : "not_found"; // not a member of the campaign's organisation
  }
  return "not_found"; // the open link is switched off
}
