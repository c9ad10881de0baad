/**
 * Members of an organisation: users and their role there. A user (an e-mail)
 * can belong to several organisations; "removing" someone deletes only the
 * membership, never the user, whose name stays on the records they made.
 */
import { and, asc, count, eq, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import { recordAudit } from "../audit";
import { auditFields, likeSql, uniqueViolation } from "../query-helpers";
import { newId } from "../ids";
import { contractors, gridCells, memberships, users, type Role } from "../schema";
import { nowIso } from "../time";
import { pageBounds, type PageQuery, type Paged, type WriteContext } from "./context";

export interface MemberRow {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** The contractor a contractor person is linked to (null for the centre's own roles). */
  contractorId: string | null;
  contractorName: string | null;
  joinedAt: string;
  disabledAt: string | null;
}

const memberColumns = {
  membershipId: memberships.id,
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  contractorId: memberships.contractorId,
  contractorName: contractors.name,
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
      .leftJoin(contractors, and(eq(contractors.id, memberships.contractorId), eq(contractors.orgId, memberships.orgId)))
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
    .leftJoin(contractors, and(eq(contractors.id, memberships.contractorId), eq(contractors.orgId, memberships.orgId)))
    .where(and(eq(memberships.orgId, query.orgId), eq(memberships.userId, query.userId)))
    .limit(1);
  return row ?? null;
}

export interface NewMemberAccountInput {
  email: string;
  name: string;
  role: Role;
  /** Already hashed (server/password.ts): db/ never sees a password. */
  passwordHash: string;
  /** Required for the "contractor" role (a contractor of the same organisation), refused for the others. */
  contractorId?: string | null;
}

/** Why a role and contractor do not go together (memberships' and invitations' CHECK, said before writing). */
export type ContractorLinkError = "contractor_required" | "contractor_not_allowed" | "contractor_not_found" | "contractor_archived";

/**
 * The contractor a member with `role` is linked to: null for the centre's own
 * roles, an active contractor of the organisation for "contractor". Another
 * organisation's contractor is the same "not found" as an unknown id.
 */
export async function contractorLinkFor(
  db: Reader,
  query: { orgId: string; role: Role; contractorId?: string | null },
): Promise<{ ok: true; contractorId: string | null } | { ok: false; error: ContractorLinkError }> {
  const contractorId = query.contractorId?.trim() || null;
  if (query.role !== "contractor") return contractorId ? { ok: false, error: "contractor_not_allowed" } : { ok: true, contractorId: null };
  if (!contractorId) return { ok: false, error: "contractor_required" };
  const [row] = await db
    .select({ id: contractors.id, archivedAt: contractors.archivedAt })
    .from(contractors)
    .where(and(eq(contractors.orgId, query.orgId), eq(contractors.id, contractorId)))
    .limit(1);
  if (!row) return { ok: false, error: "contractor_not_found" };
  if (row.archivedAt) return { ok: false, error: "contractor_archived" };
  return { ok: true, contractorId: row.id };
}

export type NewMemberAccountResult =
  | { ok: true; userId: string; membershipId: string }
  | { ok: false; error: "email_taken" | ContractorLinkError };

/**
 * Creates a brand-new account and its membership, for the demo seed and for
 * a person accepting an invitation with a new account. An e-mail that already
 * has an account is refused, never joined: an existing person joins another
 * organisation only by accepting an invitation themselves (db/queries/invitations.ts).
 */
export async function createMemberAccount(db: Db, ctx: WriteContext, input: NewMemberAccountInput): Promise<NewMemberAccountResult> {
  const link = await contractorLinkFor(db, { orgId: ctx.orgId, role: input.role, contractorId: input.contractorId });
  if (!link.ok) return link;
  const statements = newMemberAccountStatements(db, ctx, { ...input, contractorId: link.contractorId });
  try {
    await db.batch([statements.user, statements.membership, statements.audit]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("users.email")) return { ok: false, error: "email_taken" };
    throw error;
  }
  return { ok: true, userId: statements.userId, membershipId: statements.membershipId };
}

/**
 * The statements of `createMemberAccount`, for callers that add their own to the
 * same batch. `input.contractorId` must have passed `contractorLinkFor` (the CHECK
 * refuses a mismatch anyway).
 */
export function newMemberAccountStatements(db: DbOrTx, ctx: WriteContext, input: NewMemberAccountInput, extraAudit: Record<string, unknown> = {}) {
  const at = nowIso();
  const email = input.email.trim().toLowerCase();
  const user = { id: newId(), email, name: input.name.trim(), passwordHash: input.passwordHash, createdAt: at };
  const contractorId = input.contractorId ?? null;
  const membership = { id: newId(), orgId: ctx.orgId, userId: user.id, role: input.role, contractorId, createdAt: at };
  return {
    userId: user.id,
    membershipId: membership.id,
    user: db.insert(users).values(user),
    membership: db.insert(memberships).values(membership),
    audit: recordAudit(db, {
      ...auditFields(ctx, at),
      action: "membership.create",
      entity: "membership",
      entityId: membership.id,
      before: null,
      // Never the password hash.
      after: { userId: user.id, email, name: user.name, role: membership.role, ...(contractorId ? { contractorId } : {}), createdUser: true, ...extraAudit },
    }),
  };
}

export type MemberChangeResult = { ok: true } | { ok: false; error: "not_found" | "last_admin" | ContractorLinkError };

/**
 * Changes a member's role — to "contractor" only with a contractor of the
 * organisation (`contractorLinkFor`), and away from it dropping the link, so
 * the CHECK (a contractor exactly for that role) always holds. Refuses to
 * demote the organisation's last active admin, or nobody could manage it any more.
 *
 * A transaction rather than a batch: the count of admins must be read under
 * the same lock as the write, or two admins demoting each other at once could
 * both succeed. It awaits nothing but its own statements.
 */
export async function setMemberRole(
  db: Db,
  ctx: WriteContext,
  input: { userId: string; role: Role; contractorId?: string | null },
): Promise<MemberChangeResult> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id, role: memberships.role, contractorId: memberships.contractorId, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)))
      .limit(1);
    if (!member) return { ok: false, error: "not_found" } as const;
    const link = await contractorLinkFor(tx, { orgId: ctx.orgId, role: input.role, contractorId: input.contractorId });
    if (!link.ok) return link;
    if (member.role === input.role && member.contractorId === link.contractorId) return { ok: true } as const;
    if (member.role === "admin" && input.role !== "admin" && (await otherActiveAdmins(tx, ctx.orgId, input.userId)) === 0) {
      return { ok: false, error: "last_admin" } as const;
    }
    const at = nowIso();
    await tx.update(memberships).set({ role: input.role, contractorId: link.contractorId }).where(eq(memberships.id, member.id));
    await recordAudit(tx, {
      ...auditFields(ctx, at),
      action: "membership.role",
      entity: "membership",
      entityId: member.id,
      before: { userId: input.userId, email: member.email, role: member.role, ...(member.contractorId ? { contractorId: member.contractorId } : {}) },
      after: { userId: input.userId, email: member.email, role: input.role, ...(link.contractorId ? { contractorId: link.contractorId } : {}) },
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

