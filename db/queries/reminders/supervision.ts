/**
 * The supervisors' reminders (issue 15): fixes waiting for verification for
 * more than the rule's days since the fix, and vetoes waiting for a second
 * supervisor's confirmation (to every supervisor but the one who recorded
 * it: the same person cannot confirm their own veto). One per object, person
 * and day while it stays true.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { addDays } from "../../../scoring/dates";
import type { IsoDate } from "../../../scoring/types";
import type { Db } from "../../client";
import { contracts, findings, memberships, vetoEvents } from "../../schema";
import type { ReminderCandidate } from "./types";

async function supervisorsOf(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["supervisor", "admin"])));
  return rows.map((r) => r.userId);
}

export async function supervisionReminders(
  db: Db,
  q: { orgId: string; today: IsoDate; rules: { verificationWaiting: number | null; vetoPending: boolean } },
): Promise<ReminderCandidate[]> {
  const supervisors = await supervisorsOf(db, q.orgId);
  if (supervisors.length === 0) return [];
  const out: ReminderCandidate[] = [];
  if (q.rules.verificationWaiting !== null) {
    const days = q.rules.verificationWaiting;
    const waiting = await db
      .select({ id: findings.id, note: findings.note, rectifiedOn: findings.rectifiedOn, contract: contracts.title })
      .from(findings)
      .innerJoin(contracts, and(eq(contracts.orgId, q.orgId), eq(contracts.id, findings.contractId)))
      // Fixed more than `days` days ago: on or before today − days − 1.
      .where(and(eq(findings.orgId, q.orgId), eq(findings.status, "rectified"), sql`${findings.rectifiedOn} <= ${addDays(q.today, -days - 1)}`));
    for (const f of waiting) {
      for (const userId of supervisors) {
        out.push({
          rule: "verification_waiting",
          objectKind: "finding",
          objectId: f.id,
          userId,
          link: `/supervisor/findings/${f.id}`,
          params: { days, contract: f.contract, note: f.note.slice(0, 80), rectifiedOn: f.rectifiedOn ?? "" },
        });
      }
    }
  }
  if (q.rules.vetoPending) {
    const pending = await db
      .select({ id: vetoEvents.id, recordedBy: vetoEvents.recordedBy, contract: contracts.title, occurredOn: vetoEvents.occurredOn })
      .from(vetoEvents)
      .innerJoin(contracts, and(eq(contracts.orgId, q.orgId), eq(contracts.id, vetoEvents.contractId)))
      .where(and(eq(vetoEvents.orgId, q.orgId), eq(vetoEvents.status, "pending")));
    for (const v of pending) {
      for (const userId of supervisors) {
        if (userId === v.recordedBy) continue;
        out.push({ rule: "veto_pending", objectKind: "veto", objectId: v.id, userId, link: `/supervisor/events/${v.id}?kind=veto`, params: { contract: v.contract, occurredOn: v.occurredOn } });
      }
    }
  }
  return out;
}
