/**
 * Creating an organisation with its first administrator: the one way both
 * `npm run org:create` (scripts/org-create.ts) and the demo seed do it. The
 * password arrives already hashed (server/password.ts), so db/ never sees a
 * password and nothing here waits on hashing.
 */
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import type { Db } from "../client";
import { newId } from "../ids";
import { uniqueViolation } from "../query-helpers";
import { memberships, organisations, users, type Organisation } from "../schema";
import { nowIso } from "../time";
import { PATROL_TARGETS, type PatrolTarget } from "../../domain/findings";
import type { WriteContext } from "./context";

export interface CreateOrganisationInput {
  name: string;
  slug: string;
  timeZone: string;
  admin: { email: string; name: string; passwordHash: string };
}

export type CreateOrganisationResult =
  | { ok: true; org: Organisation; adminUserId: string; createdUser: boolean }
  | { ok: false; error: "slug_taken" };

/**
 * Inserts the organisation and makes `admin` its administrator, all in one
 * batch with their audit entries. An e-mail that already has an account (in
 * another organisation) keeps its name and password: this is the operator's
 * own command, the one place a membership is made without an invitation.
 *
 * The organisation's entry has no orgId, like every event outside an
 * organisation (db/schema/audit.ts), and no actor: the system made it.
 */
export async function createOrganisation(db: Db, input: CreateOrganisationInput): Promise<CreateOrganisationResult> {
  const [clash] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, input.slug)).limit(1);
  if (clash) return { ok: false, error: "slug_taken" };
  const email = input.admin.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, email)).limit(1);
  const at = nowIso();
  const org: Organisation = { id: newId(), name: input.name, slug: input.slug, timeZone: input.timeZone, patrolTarget: "weekly", createdAt: at };
  const user = existing ?? { id: newId(), name: input.admin.name.trim() };
  const membership = { id: newId(), orgId: org.id, userId: user.id, role: "admin" as const, createdAt: at };
  try {
    await db.batch([
      db.insert(organisations).values(org),
      recordAudit(db, { orgId: null, actorUserId: null, action: "organisation.create", entity: "organisation", entityId: org.id, before: null, after: org, at }),
      ...(existing ? [] : [db.insert(users).values({ id: user.id, email, name: user.name, passwordHash: input.admin.passwordHash, createdAt: at })]),
      db.insert(memberships).values(membership),
      recordAudit(db, {
        orgId: org.id,
        actorUserId: null,
        action: "membership.create",
        entity: "membership",
        entityId: membership.id,
        before: null,
        // Never the password hash.
        after: { userId: user.id, email, name: user.name, role: "admin", createdUser: !existing },
        at,
      }),
    ]);
  } catch (error) {
    if (uniqueViolation(error)?.includes("organisations.slug")) return { ok: false, error: "slug_taken" };
    throw error;
  }
  return { ok: true, org, adminUserId: user.id, createdUser: !existing };
}

/**
 * Sets how often each grid cell should be patrolled (the monthly patrol view's
 * target). Admin only: the route checks the role; this writes the caller's own
 * organisation and its audit entry in one batch.
 */
export async function setPatrolTarget(
  db: Db,
  ctx: WriteContext,
  input: { target: PatrolTarget },
): Promise<{ ok: true } | { ok: false; error: "not_found" | "invalid" }> {
  if (!(PATROL_TARGETS as readonly string[]).includes(input.target)) return { ok: false, error: "invalid" };
  const [org] = await db.select({ target: organisations.patrolTarget }).from(organisations).where(eq(organisations.id, ctx.orgId));
  if (!org) return { ok: false, error: "not_found" };
  if (org.target === input.target) return { ok: true };
  await db.batch([
    db.update(organisations).set({ patrolTarget: input.target }).where(eq(organisations.id, ctx.orgId)),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "organisation.patrol_target",
      entity: "organisation",
      entityId: ctx.orgId,
      before: { patrolTarget: org.target },
      after: { patrolTarget: input.target },
      ip: ctx.ip ?? null,
    }),
  ]);
  return { ok: true };
}
