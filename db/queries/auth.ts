/**
 * Accounts, memberships and server-side sessions. Sessions live in the
 * database so that signing out (or disabling a user) revokes them at once.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit";
import { auditFields } from "../query-helpers";
import type { Db } from "../client";
import { newId, newToken } from "../ids";
import { loginAttempts, memberships, organisations, passwordResets, sessions, users, type Role } from "../schema";
import type { WriteContext } from "./context";

/** A session ends 14 days after sign-in whatever happens… */
export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 14;
/** …and after 8 hours without a request. */
export const SESSION_IDLE_MS = 1000 * 60 * 60 * 8;
/** Last-seen is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 1000 * 60 * 5;
/** A password-reset link works once, within a day. */
export const PASSWORD_RESET_TTL_MS = 1000 * 60 * 60 * 24;

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
 * null when it is unknown, revoked, expired, idle for longer than
 * SESSION_IDLE_MS, the user is disabled or no
 * longer a member of the session's organisation.
 */
export async function findLiveSession(db: Db, sessionId: string, now: Date) {
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      org: organisations,
      role: memberships.role,
      contractorId: memberships.contractorId,
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
        gt(sql`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`, new Date(now.getTime() - SESSION_IDLE_MS).toISOString()),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** When the session was last seen (its sign-in until the first refresh). */
export function lastSeenOf(session: { lastSeenAt: string | null; createdAt: string }): string {
  return session.lastSeenAt ?? session.createdAt;
}

/**
 * Records that the session is in use, at most every SESSION_TOUCH_MS (the
 * condition is in the statement, so concurrent requests write once).
 */
export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now.toISOString() })
    .where(
      and(
        eq(sessions.id, sessionId),
        sql`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt}) < ${new Date(now.getTime() - SESSION_TOUCH_MS).toISOString()}`,
      ),
    );
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

/**
 * Sign-in limits. Per (account, address) strictly: a guesser gets 5 checks per
 * window. Per address across accounts: 20. Per account loosely: once the
 * account has `perAccount` recent failures from anywhere, an address that has
 * failed against it may not try again (with a Retry-After that grows with the
 * attack), but an address with no recent failures still gets its check — so
 * the owner signing in from their own machine is never locked out by others.
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perPair: 5,
  perAddress: 20,
  perAccount: 20,
  /** Retry-After when the account is under attack: doubles per `perAccount` failures, up to the window. */
  accountBaseRetryS: 60,
} as const;

export type LoginClaim = { ok: true; attemptId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Claims one password check for `account` from `address`: records the attempt
 * (as a failure until `markLoginSucceeded`) and checks the counts in ONE
 * statement, so concurrent guesses cannot all pass a check made before any of
 * them is recorded. The password is verified only when this returns ok.
 */
export async function claimLoginCheck(
  db: Db,
  input: { account: string; address: string; now: Date },
): Promise<LoginClaim> {
  const id = newId();
  const key = `email:${input.account}`;
  const now = input.now.toISOString();
  const since = new Date(input.now.getTime() - LOGIN_LIMITS.windowMs).toISOString();
  const t = loginAttempts;
  const c = (column: typeof t.key | typeof t.address | typeof t.attemptedAt | typeof t.succeeded | typeof t.id) =>
    sql.identifier(column.name);
  // Failures of this account from this address since the window opened or its last success, whichever is later.
  const pairFailures = sql`(select count(*) from ${t} p where p.${c(t.key)} = ${key} and p.${c(t.address)} = ${input.address}
    and p.${c(t.succeeded)} = 0 and p.${c(t.attemptedAt)} > max(${since}, coalesce((select max(s.${c(t.attemptedAt)}) from ${t} s
      where s.${c(t.key)} = ${key} and s.${c(t.address)} = ${input.address} and s.${c(t.succeeded)} = 1), '')))`;
  const addressFailures = sql`(select count(*) from ${t} a where a.${c(t.address)} = ${input.address}
    and a.${c(t.succeeded)} = 0 and a.${c(t.attemptedAt)} > ${since})`;
  const accountFailures = sql`(select count(*) from ${t} k where k.${c(t.key)} = ${key}
    and k.${c(t.succeeded)} = 0 and k.${c(t.attemptedAt)} > ${since})`;
  const claimed = await db.all<{ id: string }>(sql`
    insert into ${t} (${c(t.id)}, ${c(t.key)}, ${c(t.address)}, ${c(t.attemptedAt)}, ${c(t.succeeded)})
    select ${id}, ${key}, ${input.address}, ${now}, 0
    where ${pairFailures} < ${LOGIN_LIMITS.perPair}
      and ${addressFailures} < ${LOGIN_LIMITS.perAddress}
      and (${pairFailures} = 0 or ${accountFailures} < ${LOGIN_LIMITS.perAccount})
    returning ${c(t.id)} as id`);
  if (claimed.length === 1) return { ok: true, attemptId: id };
  // Refused: nothing was written. Work out how long to wait (a read; the claim above was the decision).
  const [row] = await db.all<{ pair: number; address: number; account: number; pairOldest: string | null; addressOldest: string | null }>(sql`
    select ${pairFailures} as pair, ${addressFailures} as address, ${accountFailures} as account,
      (select min(p.${c(t.attemptedAt)}) from ${t} p where p.${c(t.key)} = ${key} and p.${c(t.address)} = ${input.address}
        and p.${c(t.succeeded)} = 0 and p.${c(t.attemptedAt)} > ${since}) as pairOldest,
      (select min(a.${c(t.attemptedAt)}) from ${t} a where a.${c(t.address)} = ${input.address}
        and a.${c(t.succeeded)} = 0 and a.${c(t.attemptedAt)} > ${since}) as addressOldest`);
  const untilLeaves = (oldest: string | null) =>
    oldest ? Math.ceil((Date.parse(oldest) + LOGIN_LIMITS.windowMs - input.now.getTime()) / 1000) : 0;
  const waits = [1];
  if (row && Number(row.pair) >= LOGIN_LIMITS.perPair) waits.push(untilLeaves(row.pairOldest));
  if (row && Number(row.address) >= LOGIN_LIMITS.perAddress) waits.push(untilLeaves(row.addressOldest));
  if (row && Number(row.account) >= LOGIN_LIMITS.perAccount) waits.push(accountRetryAfter(Number(row.account)));
  return { ok: false, retryAfterSeconds: Math.max(...waits) };
}

/** 60 s, 120 s, 240 s … as the failures against the account pile up, never more than the window. */
export function accountRetryAfter(accountFailures: number): number {
  const steps = Math.max(0, Math.floor(accountFailures / LOGIN_LIMITS.perAccount) - 1);
  return Math.min(LOGIN_LIMITS.accountBaseRetryS * 2 ** Math.min(steps, 20), LOGIN_LIMITS.windowMs / 1000);
}

/** The claimed check found the right password: the pair's failures stop counting. */
export async function markLoginSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}

// ---------------------------------------------------------------- password resets

/**
 * An admin starts a password reset for a member of their organisation: a
 * one-time link (only the token's hash is stored; see `hashToken` in
 * ./invitations). Earlier unused links of the user stop working.
 */
export async function createPasswordReset(
  db: Db,
  ctx: WriteContext,
  input: { userId: string; tokenHash: string; now: Date },
): Promise<{ ok: true; expiresAt: string } | { ok: false; error: "not_found" }> {
  const [member] = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)))
    .limit(1);
  if (!member) return { ok: false, error: "not_found" };
  const at = input.now.toISOString();
  const row = {
    id: newId(),
    orgId: ctx.orgId,
    userId: input.userId,
    tokenHash: input.tokenHash,
    createdByUserId: ctx.actorUserId,
    createdAt: at,
    expiresAt: new Date(input.now.getTime() + PASSWORD_RESET_TTL_MS).toISOString(),
  };
  await db.batch([
    db.update(passwordResets).set({ usedAt: at }).where(and(eq(passwordResets.userId, input.userId), isNull(passwordResets.usedAt))),
    db.insert(passwordResets).values(row),
    recordAudit(db, {
      ...auditFields(ctx, at),
      action: "user.password_reset_start",
      entity: "user",
      entityId: input.userId,
      before: null,
      after: { email: member.email, expiresAt: row.expiresAt },
    }),
  ]);
  return { ok: true, expiresAt: row.expiresAt };
}

const liveReset = (tokenHash: string, now: Date) =>
  and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now.toISOString()));

/** The person a live reset link is for (e-mail only, to show on the page); null when used or expired. */
export async function findPasswordReset(db: Db, query: { tokenHash: string; now: Date }) {
  const [row] = await db
    .select({ email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(liveReset(query.tokenHash, query.now))
    .limit(1);
  return row ?? null;
}

/**
 * Uses a reset link: sets the new (already hashed) password, consumes the
 * link and revokes every session of the user, in one transaction that awaits
 * nothing but its own statements.
 */
export async function completePasswordReset(
  db: Db,
  input: { tokenHash: string; passwordHash: string; now: Date; ip?: string | null },
): Promise<{ ok: true; userId: string } | { ok: false; error: "not_found" }> {
  return db.transaction(async (tx) => {
    const [reset] = await tx.select().from(passwordResets).where(liveReset(input.tokenHash, input.now)).limit(1);
    if (!reset) return { ok: false, error: "not_found" } as const;
    const at = input.now.toISOString();
    await tx.update(passwordResets).set({ usedAt: at }).where(eq(passwordResets.id, reset.id));
    await tx.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, reset.userId));
    await tx.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, reset.userId), isNull(sessions.revokedAt)));
    await recordAudit(tx, {
      orgId: reset.orgId,
      actorUserId: reset.userId,
      ip: input.ip ?? null,
      at,
      action: "user.password_reset",
      entity: "user",
      entityId: reset.userId,
      before: null,
      after: { sessionsRevoked: true },
    });
    return { ok: true, userId: reset.userId } as const;
  });
}

export type { Role };
