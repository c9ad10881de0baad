/**
 * Accounts, memberships and server-side sessions. Sessions live in the
 * database so that signing out (or disabling a user) revokes them at once.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit";
import type { Db } from "../client";
import { newId, newToken } from "../ids";
import { loginAttempts, memberships, organisations, sessions, users, type Role } from "../schema";

export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 14;

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return user ?? null;
}

/** The organisations a user belongs to, with the role in each, by name. */
export async function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .select({ orgId: organisations.id, orgName: organisations.name, timeZone: organisations.timeZone, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
}

export async function createSession(
  db: Db,
  input: { userId: string; orgId: string; userAgent?: string | null; ip?: string | null; now: Date },
): Promise<{ id: string; expiresAt: string }> {
  const id = newToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_TTL_MS).toISOString();
  const at = input.now.toISOString();
  await db.batch([
    db.insert(sessions).values({
      id,
      userId: input.userId,
      orgId: input.orgId,
      createdAt: at,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    }),
    // The session id is a bearer secret: the trail names the user, never the id.
    recordAudit(db, {
      orgId: input.orgId,
      actorUserId: input.userId,
      action: "user.sign_in",
      entity: "user",
      entityId: input.userId,
      before: null,
      after: { expiresAt },
      ip: input.ip ?? null,
      at,
    }),
  ]);
  return { id, expiresAt };
}

/**
 * The live session with its user, organisation and the user's role there;
 * null when it is unknown, revoked, expired, the user is disabled or no
 * longer a member of the session's organisation.
 */
export async function findLiveSession(db: Db, sessionId: string, now: Date) {
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      org: organisations,
      role: memberships.role,
      orgCount: sql<number>`(select count(*) from memberships m where m.user_id = ${sessions.userId})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, sessions.orgId))
    .innerJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.orgId, sessions.orgId)))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now.toISOString()),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Moves a session to another organisation of the same user; false when the user is not a member there. */
export async function switchSessionOrg(db: Db, input: { sessionId: string; userId: string; orgId: string }) {
  const [current] = await db.select({ orgId: sessions.orgId }).from(sessions).where(eq(sessions.id, input.sessionId));
  const isMember = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.orgId, input.orgId)));
  if (!current || isMember.length === 0) return false;
  const [result] = await db.batch([
    db
    .update(sessions)
    .set({ orgId: input.orgId })
    .where(
      and(
        eq(sessions.id, input.sessionId),
        eq(sessions.userId, input.userId),
        sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${input.userId} and ${memberships.orgId} = ${input.orgId})`,
      ),
    ),
    recordAudit(db, {
      orgId: input.orgId,
      actorUserId: input.userId,
      action: "user.switch_org",
      entity: "user",
      entityId: input.userId,
      before: { orgId: current.orgId },
      after: { orgId: input.orgId },
    }),
  ]);
  return result.rowsAffected === 1;
}

export async function revokeSession(db: Db, sessionId: string, now: Date) {
  const [live] = await db
    .select({ userId: sessions.userId, orgId: sessions.orgId })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  if (!live) return;
  const at = now.toISOString();
  await db.batch([
    db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt))),
    recordAudit(db, {
      orgId: live.orgId,
      actorUserId: live.userId,
      action: "user.sign_out",
      entity: "user",
      entityId: live.userId,
      before: null,
      after: null,
      at,
    }),
  ]);
}

export async function revokeUserSessions(db: Db, userId: string, now: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function recordLoginAttempt(db: Db, keys: string[], succeeded: boolean, now: Date) {
  if (keys.length === 0) return;
  await db.insert(loginAttempts).values(
    keys.map((key) => ({ id: newId(), key, attemptedAt: now.toISOString(), succeeded })),
  );
}

/** Failed attempts for `key` since `since` (ISO), or since its last success if later. */
export async function countRecentFailures(db: Db, key: string, since: string): Promise<number> {
  const [row] = await db
    .select({ failures: sql<number>`count(*)` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.key, key),
        gt(loginAttempts.attemptedAt, since),
        eq(loginAttempts.succeeded, false),
        sql`${loginAttempts.attemptedAt} > coalesce((select max(a2.attempted_at) from login_attempts a2 where a2.key = ${key} and a2.succeeded = 1), '')`,
      ),
    );
  return Number(row?.failures ?? 0);
}

export type { Role };
