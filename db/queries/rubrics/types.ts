/**
 * The shapes of the organisation rubric queries (issue 13): versions, drafts,
 * publishing, and the finalised quarters the what-if re-scores.
 */
import type { Grade, QuarterInput, Rubric, ServiceType } from "../../../scoring/types";
import type { RubricStatus } from "../../schema";

/** One organisation rubric version, without its rubric JSON. */
export interface RubricVersionRow {
  id: string;
  serviceType: ServiceType;
  /** `Rubric.id`: the organisation's own id for the type, e.g. "catering-demo". */
  rubricId: string;
  /** The admin's label, e.g. "2027.1": unique per organisation and service type. */
  version: string;
  status: RubricStatus;
  /** "rubricId@version" it was copied from ("catering@2026.2" for a default). */
  basedOn: string | null;
  publishedAt: string | null;
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

export type RubricVersionDetail = RubricVersionRow & { rubric: Rubric };

/** Where a draft starts: the built-in default of its type, or one of the organisation's versions. */
export type DraftSource = { kind: "default" } | { kind: "version"; id: string };

export type CreateDraftResult = { ok: true; id: string } | { ok: false; error: "not_found" | "version_taken" | "invalid" };

export type SaveDraftResult =
  | { ok: true }
  | { ok: false; error: "not_found" | "not_draft" | "version_taken" | "reused_id"; path?: string }
  | { ok: false; error: "invalid"; path: string; message: string };

export type DeleteDraftResult = { ok: true } | { ok: false; error: "not_found" | "not_draft" | "in_use" };

export type PublishResult =
  | { ok: true; fromPeriod: string; contracts: number; retired: string[] }
  | { ok: false; error: "not_found" | "not_draft" | "ineligible_contract" | "invalid" };

/** A contract and the rubric version in force for it (for /rubrics). */
export interface ContractRubricRow {
  contractId: string;
  title: string;
  contractorName: string;
  serviceType: ServiceType;
  status: "active" | "ended" | "terminated";
  /** The organisation version in force; null = the built-in default of the type. */
  rubricVersionId: string | null;
  /** "catering@2026.2" for the built-in default, the organisation version's label ("2027.1") otherwise. */
  rubricLabel: string;
  /** The first quarter the version applies to; null = since the contract's start. */
  fromPeriod: string | null;
}

/**
 * A finalised contract-quarter, as the what-if re-scores it (scoring/what-if.ts
 * defines the same shape; this one stands until it is on main).
 */
export interface WhatIfQuarter {
  contractId: string;
  period: string;
  input: QuarterInput;
  finalised: { total: number; grade: Grade; vetoed: boolean; provisional: boolean };
}
