/**
 * The findings' reminders (issue 15): a rectification deadline tomorrow, and
 * a deadline passed — for the contractor's people (their portal page) and the
 * inspector who recorded it, if still a supervisor or admin of the
 * organisation (their finding page). What is true now only: after downtime an
 * overdue finding is reminded once, the day the scheduler next runs, never
 * once per missed day, and a deadline that was "tomorrow" while the server
 * was down is not reminded late.
 */
import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { addDays } from "../../../scoring/dates";
import type { IsoDate } from "../../../scoring/types";
import type { Db } from "../../client";
import { contracts, findings, memberships, notifications } from "../../schema";
import type { ReminderCandidate } from "./types";

async function openFindings(db: Db, q: { orgId: string; where: ReturnType<typeof and> }) {
  return db
    .select({ id: findings.id, dueOn: findings.dueOn, note: findings.note, createdBy: findings.createdBy, contractorId: contracts.contractorId, contractTitle: contracts.title })
    .from(findings)
    .innerJoin(contracts, and(eq(contracts.orgId, q.orgId), eq(contracts.id, findings.contractId)))
    .where(and(eq(findings.orgId, q.orgId), eq(findings.status, "open"), q.where));
}

/** The recipients of a finding's reminder with the page each opens. */
async function recipients(db: Db, orgId: string, rows: { id: string; createdBy: string; contractorId: string }[]) {
  if (rows.length === 0) return new Map<string, { userId: string; link: string }[]>();
  const contractorIds = [...new Set(rows.map((r) => r.contractorId))];
  const inspectorIds = [...new Set(rows.map((r) => r.createdBy))];
  const [people, inspectors] = await Promise.all([
    db
      .select({ userId: memberships.userId, contractorId: memberships.contractorId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "contractor"), inArray(memberships.contractorId, contractorIds))),
    db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["supervisor", "admin"]), inArray(memberships.userId, inspectorIds))),
  ]);
  const stillInspecting = new Set(inspectors.map((i) => i.userId));
  const out = new Map<string, { userId: string; link: string }[]>();
  for (const r of rows) {
    const list = people.filter((p) => p.contractorId === r.contractorId).map((p) => ({ userId: p.userId, link: `/contractor/findings/${r.id}` }));
    if (stillInspecting.has(r.createdBy)) list.push({ userId: r.createdBy, link: `/supervisor/findings/${r.id}` });
    out.set(r.id, list);
  }
  return out;
}

/** Reminders of findings due tomorrow and of findings overdue not yet reminded as such, on `today`. */
export async function findingReminders(db: Db, q: { orgId: string; today: IsoDate; rules: { dueTomorrow: boolean; overdue: boolean } }): Promise<ReminderCandidate[]> {
  const out: ReminderCandidate[] = [];
  const push = async (rule: "finding_due_tomorrow" | "finding_overdue", rows: Awaited<ReturnType<typeof openFindings>>) => {
    const byFinding = await recipients(db, q.orgId, rows);
    for (const r of rows) {
      for (const to of byFinding.get(r.id) ?? []) {
        out.push({ rule, objectKind: "finding", objectId: r.id, userId: to.userId, link: to.link, params: { dueOn: r.dueOn, contract: r.contractTitle, note: r.note.slice(0, 80) } });
      }
    }
  };
  if (q.rules.dueTomorrow) await push("finding_due_tomorrow", await openFindings(db, { orgId: q.orgId, where: eq(findings.dueOn, addDays(q.today, 1)) }));
  if (q.rules.overdue) {
    const already = db
      .select({ one: sql`1` })
      .from(notifications)
      .where(and(eq(notifications.orgId, q.orgId), eq(notifications.rule, "finding_overdue"), eq(notifications.objectId, findings.id)));
    await push("finding_overdue", await openFindings(db, { orgId: q.orgId, where: and(sql`${findings.dueOn} < ${q.today}`, notExists(already)) }));
  }
  return out;
}
