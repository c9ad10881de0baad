/**
 * What the survey query modules share: the shapes the pages read, the libSQL
 * client under drizzle, and small helpers. Not exported from the folder's
 * index except for the types.
 */
import type { Client } from "@libsql/client";
import { campaignRefusal, type CampaignRefusal, type QuarterState } from "../../../domain/quarter-lock";
import { INVITE_CODE_LENGTH } from "../../../domain/survey-rules";
import type { Rubric, ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import { newHumanCode } from "../../ids";
import type { CampaignStatus } from "../../schema";

/** Why a campaign does not take a response right now. */
export type SurveyClosedReason =
  | "not_open_yet" // status draft, or before opensOn
  | "closed" // status closed, or after closesOn
  | "finalised" // the contract's quarter is finalised
  | "no_open_link" // looked up by the open token, but the campaign takes invites only
  | "invite_used" // looked up by an invite code that has been used
  | "already_participated"; // a signed-in participant who has answered already

/** A question of the campaign's questionnaire (a snapshot of the rubric's). */
export type SurveyQuestion = Rubric["questionnaire"][number];

/** What the public survey page needs; contains no secret but the campaign's own id. */
export interface PublicSurveyCampaign {
  id: string;
  orgId: string;
  /** The organisation's name (the centre running the survey). */
  orgName: string;
  /** The organisation's IANA zone: "today" for this campaign is `today` below. */
  timeZone: string;
  contractorName: string;
  serviceType: ServiceType;
  period: string;
  questionnaire: SurveyQuestion[];
  opensOn: string;
  closesOn: string;
  status: CampaignStatus;
  allowOpenLink: boolean;
  /** The day it is in the organisation's zone at the `now` of the look-up. */
  today: string;
  acceptsResponses: boolean;
  /** null exactly when `acceptsResponses`. */
  reason: SurveyClosedReason | null;
}

/** A campaign as a supervisor of its organisation sees it. */
export interface CampaignDetail {
  id: string;
  orgId: string;
  contractId: string;
  contractTitle: string;
  contractorName: string;
  serviceType: ServiceType;
  period: string;
  rubricId: string;
  rubricVersion: string;
  questionnaire: SurveyQuestion[];
  opensOn: string;
  closesOn: string;
  status: CampaignStatus;
  /** The secret of the open link / QR code (`/s/<openToken>`); show it only to the organisation's staff. */
  openToken: string;
  allowOpenLink: boolean;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  /** The contract quarter's status; "open" when the quarter has no row yet. */
  quarterStatus: QuarterState;
  /** Respondents so far (this count moves with every response; results move only at a release). */
  respondents: number;
  invitesTotal: number;
  invitesUsed: number;
  /** Whether a response would be taken at `now` (the organisation's day). */
  acceptsResponses: boolean;
  reason: SurveyClosedReason | null;
}

export type CampaignListRow = Omit<CampaignDetail, "questionnaire" | "openToken" | "rubricId" | "rubricVersion" | "createdBy">;

/** The quarter-lock decision (domain/quarter-lock.ts) for a campaign row on `today`. */
export function closedReason(
  c: { status: CampaignStatus; opensOn: string; closesOn: string },
  quarterState: QuarterState | null | undefined,
  today: string,
): CampaignRefusal | null {
  return campaignRefusal({ campaignStatus: c.status, opensOn: c.opensOn, closesOn: c.closesOn, today, quarterState });
}

/**
 * The libSQL client under drizzle (`drizzle()` sets `$client`). Raw batches
 * need it for the "write" (BEGIN IMMEDIATE) mode and named arguments.
 */
export function clientOf(db: Db): Client {
  const client = (db as Db & { $client?: Client }).$client;
  if (!client) throw new Error("surveys: needs a drizzle database made by createDb()");
  return client;
}

export type SqlRow = Record<string, unknown>;

export async function queryOne(db: Db, sqlText: string, args: (string | number)[]): Promise<SqlRow | undefined> {
  const rs = await clientOf(db).execute({ sql: sqlText, args });
  return rs.rows[0] as SqlRow | undefined;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function uniqueCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(newHumanCode(INVITE_CODE_LENGTH));
  return [...codes];
}

export function isUniqueViolation(error: unknown, what: string): boolean {
  const text = `${(error as { message?: string })?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`;
  return /UNIQUE constraint failed/i.test(text) && text.includes(what);
}
