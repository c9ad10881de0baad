/**
 * Members of an organisation: users and their role there. A user (an e-mail)
 * can belong to several organisations; "removing" someone deletes only the
 * membership, never the user, whose name stays on the records they made.
 */
import { and, asc, count, eq, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { recordAudit } from "../audit";
import { auditFields, likeSql, uniqueViolation } from "../query-helpers";
import { newId } from "../ids";
import { gridCells, memberships, users, type Role } from "../schema";
import { nowIso } from "../time";
import { pageBounds, type PageQuery, type Paged, type WriteContext } from "./context";

export interface MemberRow {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
  disabledAt: string | null;
}

const memberColumns = {
  membershipId: memberships.id,
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
  disabledAt: users.disabledAt,
};

/**
 * One page of the organisation's members, by name; `q` searches name and e-mail.
 * @example await listMembers(db, { orgId, q: "王", page: 2 })
 */
export async function listMembers(
  db: Db,
  query: { orgId: string; q?: string; role?: Role } & PageQuery,
): Promise<Paged<MemberRow>> {
  const { limit, offset, page } = pageBounds(query);
  const conditions: SQL[] = [eq(memberships.orgId, query.orgId)];
  const q = query.q?.trim();
  if (q) conditions.push(or(likeSql(users.name, q), likeSql(users.email, q.toLowerCase()))!);
  if (query.role) conditions.push(eq(memberships.role, query.role));
  const where = and(...conditions);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0, page, pageSize: limit };
}

/**
 * Active members with one of `roles` as options for a select (patrol leaders
 * are supervisors or admins), by name. Bounded: a centre has hundreds, not millions.
 */
export async function listMemberOptions(
  db: Db,
  query: { orgId: string; roles: readonly Role[] },
): Promise<{ userId: string; name: string; email: string; role: Role }[]> {
  if (query.roles.length === 0) return [];
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, query.orgId), inArray(memberships.role, [...query.roles]), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.email))
    .limit(2000);
}

/** The member `userId` of the organisation, or null (also for another organisation's user). */
export async function getMember(db: Db, query: { orgId: string; userId: string }): Promise<MemberRow | null> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, query.orgId), eq(memberships.userId, query.userId)))
    .limit(1);
  return row ?? null;
}

export interface AddMemberInput {
  email: string;
  name: string;
  role: Role;
  /** Already hashed by the app (db/ never sees a password). Needed only when the e-mail is new. */
  passwordHash?: string | null;
}

export type AddMemberResult =
  | { ok: true; userId: string; membershipId: string; createdUser: boolean }
  | { ok: false; error: "already_member" | "password_required" };

/**
 * Adds someone to the organisation with `role`: creates the user when the
 * e-mail is new (then `passwordHash` is required), otherwise adds a membership
 * to the existing user and leaves their name and password alone.
 */
export async function addMember(db: Db, ctx: WriteContext, input: AddMemberInput): Promise<AddMemberResult> {
  return addMemberOnce(db, ctx, input, false);
}

async function addMemberOnce(db: Db, ctx: WriteContext, input: AddMemberInput, retried: boolean): Promise<AddMemberResult> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const at = nowIso();
  const membership = { id: newId(), orgId: ctx.orgId, role: input.role, createdAt: at };
  try {
    if (existing) {
      const [member] = await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, existing.id)))
        .limit(1);
      if (member) return { ok: false, error: "already_member" };
      const row = { ...membership, userId: existing.id };
      await db.batch([
        db.insert(memberships).values(row),
        recordAudit(db, {
          ...auditFields(ctx, at),
          action: "membership.create",
          entity: "membership",
          entityId: row.id,
          before: null,
          after: { userId: existing.id, email, name: existing.name, role: row.role, createdUser: false },
        }),
      ]);
      return { ok: true, userId: existing.id, membershipId: row.id, createdUser: false };
    }
    if (!input.passwordHash) return { ok: false, error: "password_required" };
    const user = { id: newId(), email, name: input.name.trim(), passwordHash: input.passwordHash, createdAt: at };
    const row = { ...membership, userId: user.id };
    await db.batch([
      db.insert(users).values(user),
      db.insert(memberships).values(row),
      recordAudit(db, {
        ...auditFields(ctx, at),
        action: "membership.create",
        entity: "membership",
        entityId: row.id,
        before: null,
        // Never the password hash.
        after: { userId: user.id, email, name: user.name, role: row.role, createdUser: true },
      }),
    ]);
    return { ok: true, userId: user.id, membershipId: row.id, createdUser: true };
  } catch (error) {
    const columns = uniqueViolation(error);
    if (columns?.includes("memberships.user_id")) return { ok: false, error: "already_member" };
    // Someone created the same e-mail a moment ago: add a membership to that user instead.
    if (columns?.includes("users.email") && !retried) return addMemberOnce(db, ctx, input, true);
    throw error;
  }
}

export type MemberChangeResult = { ok: true } | { ok: false; error: "not_found" | "last_admin" };

/**
 * Changes a member's role. Refuses to demote the organisation's last active
 * admin, or nobody could manage it any more.
 *
 * A transaction rather than a batch: the count of admins must be read under
 * the same lock as the write, or two admins demoting each other at once could
 * both succeed. It awaits nothing but its own statements.
 */
export async function setMemberRole(
  db: Db,
  ctx: WriteContext,
  input: { userId: string; role: Role },
): Promise<MemberChangeResult> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id, role: memberships.role, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)))
      .limit(1);
    if (!member) return { ok: false, error: "not_found" } as const;
    if (member.role === input.role) return { ok: true } as const;
    if (member.role === "admin" && (await otherActiveAdmins(tx, ctx.orgId, input.userId)) === 0) {
      return { ok: false, error: "last_admin" } as const;
    }
    const at = nowIso();
    await tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, member.id));
    await recordAudit(tx, {
      ...auditFields(ctx, at),
      action: "membership.role",
      entity: "membership",
      entityId: member.id,
      before: { userId: input.userId, email: member.email, role: member.role },
      after: { userId: input.userId, email: member.email, role: input.role },
    });
    return { ok: true } as const;
  });
}

export type RemoveMemberResult =
  | { ok: true }
  | { ok: false; error: "not_found" | "last_admin" }
  | { ok: false; error: "in_use"; usedBy: { gridCells: number } };

/**
 * Removes a member from the organisation (the user account stays). Refused for
 * the last active admin, and for a patrol leader of grid cells until the cells
 * have another leader — a cell must not point at someone outside the organisation.
 * A transaction for the same reason as `setMemberRole`.
 */
export async function removeMember(db: Db, ctx: WriteContext, input: { userId: string }): Promise<RemoveMemberResult> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id, role: memberships.role, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)))
      .limit(1);
    if (!member) return { ok: false, error: "not_found" } as const;
    if (member.role === "admin" && (await otherActiveAdmins(tx, ctx.orgId, input.userId)) === 0) {
      return { ok: false, error: "last_admin" } as const;
    }
    const [led] = await tx
      .select({ n: count() })
      .from(gridCells)
      .where(and(eq(gridCells.orgId, ctx.orgId), eq(gridCells.patrolLeaderUserId, input.userId)));
    if ((led?.n ?? 0) > 0) return { ok: false, error: "in_use", usedBy: { gridCells: led!.n } } as const;
    const at = nowIso();
    await tx.delete(memberships).where(eq(memberships.id, member.id));
    await recordAudit(tx, {
      ...auditFields(ctx, at),
      action: "membership.delete",
      entity: "membership",
      entityId: member.id,
      before: { userId: input.userId, email: member.email, name: member.name, role: member.role },
      after: null,
    });
    return { ok: true } as const;
  });
}

type Reader = Pick<Db, "select">;

/** Admins of the organisation other than `userId` whose account is not disabled. */
async function otherActiveAdmins(tx: Reader, orgId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin"), ne(memberships.userId, userId), isNull(users.disabledAt)));
  return row?.n ?? 0;
}

