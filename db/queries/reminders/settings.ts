/**
 * The organisation's reminder rules (issue 15): each rule's stored setting
 * over its default (on, with its default days), and the admin's change of one
 * rule, audited "reminders.rule" (before → after) in the same batch.
 */
import { eq } from "drizzle-orm";
import { defaultRuleSettings, isReminderRule, ruleDaysProblem, type ReminderRule, type RuleSetting } from "../../../domain/reminders";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { orgReminderRules } from "../../schema";
import { nowIso } from "../../time";
import type { WriteContext } from "../context";

/** Every rule as it applies in the organisation, in the catalogue's order. */
export async function reminderRulesOf(db: Db, q: { orgId: string }): Promise<RuleSetting[]> {
  const stored = await db.select().from(orgReminderRules).where(eq(orgReminderRules.orgId, q.orgId));
  const byRule = new Map(stored.map((r) => [r.rule, r]));
  return defaultRuleSettings().map((d) => {
    const s = byRule.get(d.rule);
    return s ? { rule: d.rule, enabled: s.enabled, days: d.days === null ? null : (s.days ?? d.days) } : d;
  });
}

export type RuleWriteResult = { ok: true; changed: boolean } | { ok: false; error: "invalid_rule" | "not_allowed" | "required" | "out_of_range" };

/** Stores one rule's setting; the same as what applies already writes nothing. */
export async function setReminderRule(db: Db, ctx: WriteContext, input: { rule: string; enabled: boolean; days: number | null }): Promise<RuleWriteResult> {
  if (!isReminderRule(input.rule)) return { ok: false, error: "invalid_rule" };
  const rule: ReminderRule = input.rule;
  const problem = ruleDaysProblem(rule, input.days);
  if (problem) return { ok: false, error: problem };
  const before = (await reminderRulesOf(db, { orgId: ctx.orgId })).find((r) => r.rule === rule)!;
  if (before.enabled === input.enabled && before.days === input.days) return { ok: true, changed: false };
  const at = nowIso();
  const row = { orgId: ctx.orgId, rule, enabled: input.enabled, days: input.days, updatedAt: at, updatedBy: ctx.actorUserId ?? null };
  await db.batch([
    db
      .insert(orgReminderRules)
      .values(row)
      .onConflictDoUpdate({ target: [orgReminderRules.orgId, orgReminderRules.rule], set: { enabled: row.enabled, days: row.days, updatedAt: at, updatedBy: row.updatedBy } }),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId ?? null,
      ip: ctx.ip ?? null,
      at,
      action: "reminders.rule",
      entity: "organisation",
      entityId: ctx.orgId,
      before: { rule, enabled: before.enabled, days: before.days },
      after: { rule, enabled: input.enabled, days: input.days },
    }),
  ]);
  return { ok: true, changed: true };
}
