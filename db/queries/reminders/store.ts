/**
 * Storing reminders once (issue 15): each candidate becomes a notification
 * under the unique (organisation, person, rule, object, day) index with
 * INSERT … ON CONFLICT DO NOTHING, so the same run twice, a restart or two
 * server processes running at once create each reminder exactly once.
 */
import type { Db } from "../../client";
import { newId } from "../../ids";
import { notifications } from "../../schema";
import { nowIso } from "../../time";
import type { ReminderCandidate } from "./types";

/** How many rows one INSERT carries (SQLite's bound-parameter limit is far above 9 × this). */
const CHUNK = 200;

/** Stores the candidates for `day`; returns how many were new. */
export async function storeReminders(db: Db, q: { orgId: string; day: string; candidates: readonly ReminderCandidate[] }): Promise<number> {
  let created = 0;
  const at = nowIso();
  for (let i = 0; i < q.candidates.length; i += CHUNK) {
    const rows = q.candidates.slice(i, i + CHUNK).map((c) => ({
      id: newId(),
      orgId: q.orgId,
      userId: c.userId,
      rule: c.rule,
      objectKind: c.objectKind,
      objectId: c.objectId,
      day: q.day,
      link: c.link,
      params: c.params,
      createdAt: at,
    }));
    const inserted = await db.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id });
    created += inserted.length;
  }
  return created;
}
