/**
 * THE scoring input of a contract-quarter (issue 11, "one input builder"):
 * the score page, the dashboard, finalisation, revisions and the tests all
 * build it here, so what is shown live is exactly what would be finalised.
 *
 * As of a day: the released survey tally (docs/decisions/004 — never a
 * response by response), the findings found by then with their deadlines,
 * repeat links and the fixes verified by then, the counted bonuses and the
 * confirmed vetoes of the quarter that happened by then.
 */
import { and, count, eq } from "drizzle-orm";
import type { QuarterInput, Rubric, ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import { contracts, surveyCampaigns, surveyInvites } from "../../schema";
import { eventsForScoring } from "../inspections/events";
import { findingsForScoring } from "../inspections/scoring-input";
import { quarterRubric, type RubricRef } from "../quarter-rubric";
import { getTally } from "../surveys/results";

/** The quarter's survey campaign, for the response rate beside the tally. */
export interface QuarterCampaign {
  id: string;
  status: "draft" | "open" | "closed";
  allowOpenLink: boolean;
  /** Invite codes issued (respondents ÷ this is the response rate; meaningless with an open link). */
  invitesIssued: number;
}

export interface BuiltQuarterInput {
  input: QuarterInput;
  rubric: Rubric;
  ref: RubricRef;
  /** Whether the quarter's row fixes the rubric (false: the contract's current one, the quarter not yet begun). */
  rubricFixed: boolean;
  campaign: QuarterCampaign | null;
}

/** The parts of a contract the builder needs (so a caller holding the row need not read it again). */
export interface InputContract {
  id: string;
  serviceType: ServiceType;
  rubricVersionId: string | null;
}

/** The quarter's campaign with the invites it issued; null when it has none. */
export async function campaignOf(db: Db, q: { orgId: string; contractId: string; period: string }): Promise<QuarterCampaign | null> {
  const [row] = await db
    .select({ id: surveyCampaigns.id, status: surveyCampaigns.status, allowOpenLink: surveyCampaigns.allowOpenLink })
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.orgId, q.orgId), eq(surveyCampaigns.contractId, q.contractId), eq(surveyCampaigns.period, q.period)));
  if (!row) return null;
  const [invites] = await db
    .select({ n: count() })
    .from(surveyInvites)
    .where(and(eq(surveyInvites.orgId, q.orgId), eq(surveyInvites.campaignId, row.id)));
  return { ...row, invitesIssued: invites?.n ?? 0 };
}

/**
 * The `QuarterInput` of a contract's quarter as of `asOf`, with the rubric
 * it is scored with. Null when the contract is not the organisation's (or
 * names a rubric version that is not).
 * @example const built = await buildQuarterInput(db, { orgId, contractId, period: "2026-Q3", asOf: "2026-10-08" });
 * const score = scoreQuarter(built!.rubric, built!.input);
 */
export async function buildQuarterInput(
  db: Db,
  q: { orgId: string; contractId: string; period: string; asOf: string; contract?: InputContract },
): Promise<BuiltQuarterInput | null> {
  const contract = q.contract ?? (await contractOf(db, q.orgId, q.contractId));
  if (!contract || contract.id !== q.contractId) return null;
  const scope = { orgId: q.orgId, contractId: contract.id, period: q.period };
  const [rubric, campaign, findings, events] = await Promise.all([
    quarterRubric(db, { orgId: q.orgId, contract, period: q.period }),
    campaignOf(db, scope),
    findingsForScoring(db, { ...scope, asOf: q.asOf }),
    eventsForScoring(db, { ...scope, asOf: q.asOf }),
  ]);
  if (!rubric) return null;
  const tally = campaign ? await getTally(db, { orgId: q.orgId, campaignId: campaign.id }) : null;
  const input: QuarterInput = {
    period: q.period,
    asOf: q.asOf,
    survey: tally ?? { respondents: 0, questions: {} },
    findings,
    bonuses: events.bonuses,
    vetoes: events.vetoes,
  };
  return { input, rubric: rubric.rubric, ref: rubric.ref, rubricFixed: rubric.fixed, campaign };
}

async function contractOf(db: Db, orgId: string, id: string): Promise<InputContract | null> {
  const [row] = await db
    .select({ id: contracts.id, serviceType: contracts.serviceType, rubricVersionId: contracts.rubricVersionId })
    .from(contracts)
    .where(and(eq(contracts.orgId, orgId), eq(contracts.id, id)));
  return row ?? null;
}
