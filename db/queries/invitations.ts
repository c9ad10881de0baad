/**
 * Invitations to join an organisation (issue 9.2). The admin's answer is the
 * same whether or not the e-mail has an account, and nobody joins without
 * accepting: an existing account accepts while signed in, a new person sets
 * a name and password through the link. Only the token's SHA-256 is stored.
 * Everything is audited in the inviting organisation only.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit";
import type { Db } from "../client";
import { newId } from "../ids";
import { auditFields, uniqueViolation } from "../query-helpers";
import { contractors, invitations, memberships, organisations, users, type Role } from "../schema";
import type { WriteContext } from "./context";
import { contractorLinkFor, newMemberAccountStatements, type ContractorLinkError } from "./members";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The stored form of a one-time link's token (invitations, password resets). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Not accepted, revoked or expired — and, for a contractor person's
 * invitation, its contractor not archived since: archiving a contractor voids
 * the invitations of its people (a link would otherwise make someone a person
 * of a contractor that no longer serves the organisation).
 */
const pending = (now: Date) =>
  and(
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now.toISOString()),
    sql`(${invitations.contractorId} is null or not exists (select 1 from ${contractors} c where c.id = ${invitations.contractorId} and c.archived_at is not null))`,
  );

/**
 * Invites `email` with `role` — for the "contractor" role linked to
 * `contractorId`, an active contractor of this organisation (required for that
 * role, refused for the others: `contractorLinkFor`). Refused otherwise only
 * when the e-mail is already a member of this organisation (which the admin's own member list shows);
 * whether the e-mail has an account anywhere else changes nothing in the
 * answer or in the audit entry. An earlier pending invitation of the same
 * e-mail here is revoked, so one link is live per person.
 */
export async function createInvitation(
  db: Db,
  ctx: WriteContext,
  input: { email: string; role: Role; contractorId?: string | null; tokenHash: string; now: Date },
): Promise<{ ok: true; id: string; expiresAt: string } | { ok: false; error: "already_member" | ContractorLinkError }> {
  const email = input.email.trim().toLowerCase();
  const link = await contractorLinkFor(db, { orgId: ctx.orgId, role: input.role, contractorId: input.contractorId });
  if (!link.ok) return link;
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(users.email, email)))
    .limit(1);
  if (member) return { ok: false, error: "already_member" };
  const at = input.now.toISOString();
  const row = {
    id: newId(),
    orgId: ctx.orgId,
    email,
    role: input.role,
    contractorId: link.contractorId,
    tokenHash: input.tokenHash,
    invitedByUserId: ctx.actorUserId,
    createdAt: at,
    expiresAt: new Date(input.now.getTime() + INVITATION_TTL_MS).toISOString(),
  };
  await db.batch([
    db.update(invitations).set({ revokedAt: at }).where(and(eq(invitations.orgId, ctx.orgId), eq(invitations.email, email), pending(input.now))),
    db.insert(invitations).values(row),
    recordAudit(db, {
      ...auditFields(ctx, at),
      action: "invitation.create",
      entity: "invitation",
      entityId: row.id,
      before: null,
      after: { email, role: row.role, ...(row.contractorId ? { contractorId: row.contractorId } : {}), expiresAt: row.expiresAt },
    }),
  ]);
  return { ok: true, id: row.id, expiresAt: row.expiresAt };
}

/** The organisation's pending invitations, newest first is not needed: by e-mail. */
export async function listPendingInvitations(db: Db, query: { orgId: string; now: Date }) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      contractorName: contractors.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(contractors, and(eq(contractors.id, invitations.contractorId), eq(contractors.orgId, invitations.orgId)))
    .where(and(eq(invitations.orgId, query.orgId), pending(query.now)))
    .orderBy(asc(invitations.email))
    .limit(500);
}

/** Revokes a pending invitation of the organisation; another organisation's id is not found. */
export async function revokeInvitation(db: Db, ctx: WriteContext, input: { id: string; now: Date }) {
  const [row] = await db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.id, input.id), eq(invitations.orgId, ctx.orgId), pending(input.now)))
    .limit(1);
  if (!row) return { ok: false, error: "not_found" } as const;
  const at = input.now.toISOString();
  await db.batch([
    db.update(invitations).set({ revokedAt: at }).where(and(eq(invitations.id, row.id), eq(invitations.orgId, ctx.orgId))),
    recordAudit(db, {
      ...auditFields(ctx, at),
      action: "invitation.revoke",
      entity: "invitation",
      entityId: row.id,
      before: { email: row.email, role: row.role },
      after: null,
    }),
  ]);
  return { ok: true } as const;
}

const invitationView = {
  id: invitations.id,
  orgId: invitations.orgId,
  orgName: organisations.name,
  email: invitations.email,
  role: invitations.role,
  /** Whose person a "contractor" invitation makes them (shown on the invitation). */
  contractorName: contractors.name,
  expiresAt: invitations.expiresAt,
};

const contractorOfInvitation = and(eq(contractors.id, invitations.contractorId), eq(contractors.orgId, invitations.orgId));

/** The pending invitation a link's token opens, with its organisation's name; null when used, revoked or expired. */
export async function findInvitationByToken(db: Db, query: { tokenHash: string; now: Date }) {
  const [row] = await db
    .select(invitationView)
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .leftJoin(contractors, contractorOfInvitation)
    .where(and(eq(invitations.tokenHash, query.tokenHash), pending(query.now)))
    .limit(1);
  return row ?? null;
}

/** Pending invitations waiting for the signed-in person's own e-mail (shown after sign-in). */
export async function listInvitationsForEmail(db: Db, query: { email: string; now: Date }) {
  return db
    .select(invitationView)
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .leftJoin(contractors, contractorOfInvitation)
    .where(and(eq(invitations.email, query.email.trim().toLowerCase()), pending(query.now)))
    .orderBy(asc(organisations.name))
    .limit(50);
}

export type AcceptResult = { ok: true; orgId: string; role: Role } | { ok: false; error: "not_found" };

/**
 * The signed-in user accepts an invitation addressed to their own e-mail.
 * A transaction with nothing but its statements: the invitation is read and
 * consumed under the same lock, so it is used once.
 */
export async function acceptInvitation(db: Db, input: { id: string; userId: string; email: string; now: Date; ip?: string | null }): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, input.id), eq(invitations.email, input.email.trim().toLowerCase()), pending(input.now)))
      .limit(1);
    if (!inv) return { ok: false, error: "not_found" } as const;
    const at = input.now.toISOString();
    await tx.update(invitations).set({ acceptedAt: at, acceptedByUserId: input.userId }).where(eq(invitations.id, inv.id));
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.orgId, inv.orgId), eq(memberships.userId, input.userId)))
      .limit(1);
    if (!member) {
      const membershipId = newId();
      // The invitation's contractor link comes along (the same CHECK holds both rows).
      await tx
        .insert(memberships)
        .values({ id: membershipId, orgId: inv.orgId, userId: input.userId, role: inv.role, contractorId: inv.contractorId, createdAt: at });
      await recordAudit(tx, {
        orgId: inv.orgId,
        actorUserId: input.userId,
        ip: input.ip ?? null,
        at,
        action: "membership.create",
        entity: "membership",
        entityId: membershipId,
        before: null,
        after: {
          userId: input.userId,
          email: inv.email,
          role: inv.role,
          ...(inv.contractorId ? { contractorId: inv.contractorId } : {}),
          invitationId: inv.id,
          createdUser: false,
        },
      });
    }
    return { ok: true, orgId: inv.orgId, role: inv.role } as const;
  });
}

export type AcceptNewResult =
  | { ok: true; userId: string; orgId: string; role: Role }
  | { ok: false; error: "not_found" | "email_has_account" };

/**
 * A new person accepts through the link: their account and membership are
 * created and the invitation consumed in one transaction that awaits nothing
 * but its own statements (the password arrives hashed), so a link is used once.
 */
export async function acceptInvitationWithNewAccount(
  db: Db,
  input: { tokenHash: string; name: string; passwordHash: string; now: Date; ip?: string | null },
): Promise<AcceptNewResult> {
  try {
    return await db.transaction(async (tx) => {
      const [inv] = await tx.select().from(invitations).where(and(eq(invitations.tokenHash, input.tokenHash), pending(input.now))).limit(1);
      if (!inv) return { ok: false, error: "not_found" } as const;
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email)).limit(1);
      if (existing) return { ok: false, error: "email_has_account" } as const;
      const statements = newMemberAccountStatements(
        tx,
        { orgId: inv.orgId, actorUserId: null, ip: input.ip ?? null },
        { email: inv.email, name: input.name, role: inv.role, contractorId: inv.contractorId, passwordHash: input.passwordHash },
        { invitationId: inv.id },
      );
      await statements.user;
      await statements.membership;
      await statements.audit;
      await tx.update(invitations).set({ acceptedAt: input.now.toISOString(), acceptedByUserId: statements.userId }).where(eq(invitations.id, inv.id));
      return { ok: true, userId: statements.userId, orgId: inv.orgId, role: inv.role } as const;
    });
  } catch (error) {
    if (uniqueViolation(error)?.includes("users.email")) return { ok: false, error: "email_has_account" };
    throw error;
  }
}
