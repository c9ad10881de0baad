/**
 * Organisation settings (issue 12): the renewal policy procurement's
 * recommendations use and the tender view's default horizon. Until an admin
 * saves them, the scoring module's defaults and six months.
 */
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import type { Db } from "../client";
import { orgSettings } from "../schema";
import { nowIso } from "../time";
import { DEFAULT_RENEWAL_POLICY } from "../../scoring/renewal";
import type { RenewalPolicy } from "../../scoring/types";
import { DEFAULT_TENDER_HORIZON, isTenderHorizon, type TenderHorizon } from "../../domain/procurement";
import { DEFAULT_APPEAL_WINDOW_DAYS, MAX_APPEAL_WINDOW_DAYS, MIN_APPEAL_WINDOW_DAYS } from "../../domain/appeals";
import { DEFAULT_QUIET_HOURS, type QuietHours } from "../../domain/reminders";
import type { WriteContext } from "./context";

export interface OrgSettings {
  renewalPolicy: RenewalPolicy;
  tenderHorizonMonths: TenderHorizon;
  /** Working days of a quarter's appeal window (issue 14). */
  appealWindowDays: number;
  /** When group messages wait for the morning, in the organisation's zone (issue 15). */
  quietHours: QuietHours;
  /** False while no admin has saved them (every value is the default). */
  saved: boolean;
  updatedAt: string | null;
}

/** The defaults an organisation starts with. */
export const DEFAULT_ORG_SETTINGS: OrgSettings = Object.freeze({
  renewalPolicy: { ...DEFAULT_RENEWAL_POLICY },
  tenderHorizonMonths: DEFAULT_TENDER_HORIZON,
  appealWindowDays: DEFAULT_APPEAL_WINDOW_DAYS,
  quietHours: DEFAULT_QUIET_HOURS,
  saved: false,
  updatedAt: null,
});

/**
 * The organisation's settings, or the defaults when none are saved.
 * @example const { renewalPolicy } = await getOrgSettings(db, { orgId });
 */
export async function getOrgSettings(db: Db, q: { orgId: string }): Promise<OrgSettings> {
  const [row] = await db.select().from(orgSettings).where(eq(orgSettings.orgId, q.orgId));
  if (!row) return { ...DEFAULT_ORG_SETTINGS, renewalPolicy: { ...DEFAULT_RENEWAL_POLICY }, quietHours: { ...DEFAULT_QUIET_HOURS } };
  return {
    renewalPolicy: {
      minQuarters: row.renewalMinQuarters,
      renewMinAverage: row.renewMinAverage,
      renewMinQuarter: row.renewMinQuarter,
      conditionalMinAverage: row.conditionalMinAverage,
      failStreakToReject: row.failStreakToReject,
    },
    tenderHorizonMonths: isTenderHorizon(row.tenderHorizonMonths) ? row.tenderHorizonMonths : DEFAULT_TENDER_HORIZON,
    appealWindowDays: row.appealWindowDays,
    quietHours: { from: row.quietFrom, to: row.quietTo },
    saved: true,
    updatedAt: row.updatedAt,
  };
}

export interface SetOrgSettingsInput {
  renewalPolicy: RenewalPolicy;
  tenderHorizonMonths: TenderHorizon;
}

/**
 * Saves the organisation's settings with an audit entry (before → after) in
 * one batch; saving what is already stored writes nothing. The route checks
 * the role (admin) and validates with its zod schema; the table's CHECKs
 * refuse what slips past.
 */
export async function setOrgSettings(db: Db, ctx: WriteContext, input: SetOrgSettingsInput): Promise<{ ok: true; changed: boolean }> {
  const before = await getOrgSettings(db, { orgId: ctx.orgId });
  const after = { renewalPolicy: { ...input.renewalPolicy }, tenderHorizonMonths: input.tenderHorizonMonths };
  const beforeValues = { renewalPolicy: before.renewalPolicy, tenderHorizonMonths: before.tenderHorizonMonths };
  if (before.saved && JSON.stringify(beforeValues) === JSON.stringify(after)) return { ok: true, changed: false };
  const at = nowIso();
  const p = input.renewalPolicy;
  const values = {
    renewalMinQuarters: p.minQuarters,
    renewMinAverage: p.renewMinAverage,
    renewMinQuarter: p.renewMinQuarter,
    conditionalMinAverage: p.conditionalMinAverage,
    failStreakToReject: p.failStreakToReject,
    tenderHorizonMonths: input.tenderHorizonMonths,
    updatedAt: at,
    updatedBy: ctx.actorUserId,
  };
  await db.batch([
    db.insert(orgSettings).values({ orgId: ctx.orgId, ...values }).onConflictDoUpdate({ target: orgSettings.orgId, set: values }),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "organisation.settings",
      entity: "organisation",
      entityId: ctx.orgId,
      before: before.saved ? beforeValues : null,
      after,
      ip: ctx.ip ?? null,
      at,
    }),
  ]);
  return { ok: true, changed: true };
}

/**
 * Saves the organisation's appeal window (issue 14): working days, from
 * MIN_APPEAL_WINDOW_DAYS to MAX_APPEAL_WINDOW_DAYS, with an audit entry in one
 * batch; the same value again writes nothing. A first save writes the row
 * with the policy and horizon as they stand (the defaults).
 */
export async function setAppealWindowDays(db: Db, ctx: WriteContext, input: { days: number }): Promise<{ ok: true; changed: boolean } | { ok: false; error: "invalid" }> {
  const days = input.days;
  if (!Number.isInteger(days) || days < MIN_APPEAL_WINDOW_DAYS || days > MAX_APPEAL_WINDOW_DAYS) return { ok: false, error: "invalid" };
  const before = await getOrgSettings(db, { orgId: ctx.orgId });
  if (before.saved && before.appealWindowDays === days) return { ok: true, changed: false };
  const at = nowIso();
  const p = before.renewalPolicy;
  const changed = { appealWindowDays: days, updatedAt: at, updatedBy: ctx.actorUserId };
  await db.batch([
    db
      .insert(orgSettings)
      .values({
        orgId: ctx.orgId,
        renewalMinQuarters: p.minQuarters,
        renewMinAverage: p.renewMinAverage,
        renewMinQuarter: p.renewMinQuarter,
        conditionalMinAverage: p.conditionalMinAverage,
        failStreakToReject: p.failStreakToReject,
        tenderHorizonMonths: before.tenderHorizonMonths,
        ...changed,
      })
      .onConflictDoUpdate({ target: orgSettings.orgId, set: changed }),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "organisation.appeal_window",
      entity: "organisation",
      entityId: ctx.orgId,
      before: { appealWindowDays: before.appealWindowDays },
      after: { appealWindowDays: days },
      ip: ctx.ip ?? null,
      at,
    }),
  ]);
  return { ok: true, changed: true };
}
