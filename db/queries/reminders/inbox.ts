/**
 * The in-app inbox (issue 15): a person's notifications in the organisation
 * they are signed in to, unread first, the unread count for the header, and
 * marking read — always the person's own, another's id is the same nothing as
 * an unknown one.
 */
import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../client";
import { notifications, type Notification } from "../../schema";
import { nowIso } from "../../time";
import { pageBounds, type Paged } from "../context";

export type InboxItem = Pick<Notification, "id" | "rule" | "objectKind" | "objectId" | "day" | "link" | "params" | "createdAt" | "readAt">;

const own = (q: { orgId: string; userId: string }) => and(eq(notifications.orgId, q.orgId), eq(notifications.userId, q.userId));

/** The person's notifications: unread first, then newest first. */
export async function listInbox(db: Db, q: { orgId: string; userId: string; page?: number; pageSize?: number }): Promise<Paged<InboxItem>> {
  const { limit, offset, page } = pageBounds(q, 30);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        rule: notifications.rule,
        objectKind: notifications.objectKind,
        objectId: notifications.objectId,
        day: notifications.day,
        link: notifications.link,
        params: notifications.params,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(own(q))
      .orderBy(sql`${notifications.readAt} IS NOT NULL`, desc(notifications.createdAt), asc(notifications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(notifications).where(own(q)),
  ]);
  return { rows, total: total?.n ?? 0, page, pageSize: limit };
}

/** The header's badge: the person's unread notifications in this organisation. */
export async function unreadCount(db: Db, q: { orgId: string; userId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(own(q), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the person's notifications read and gives its link (null: not theirs, or unknown); read stays read. */
export async function markRead(db: Db, q: { orgId: string; userId: string; id: string }): Promise<string | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${nowIso()})` })
    .where(and(own(q), eq(notifications.id, q.id)))
    .returning({ link: notifications.link });
  return row?.link ?? null;
}

/** Marks all the person's unread notifications read; returns how many. */
export async function markAllRead(db: Db, q: { orgId: string; userId: string }): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: nowIso() })
    .where(and(own(q), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
