/**
 * Tenancy and identity: organisations, users, their memberships, server-side
 * sessions and login attempts (for rate limiting).
 *
 * Foreign keys never cascade: a user or organisation with business data is
 * disabled/archived, never deleted, so ON DELETE RESTRICT turns a mistaken
 * delete into an error instead of silently erasing history.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, unique, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { PATROL_TARGETS } from "../../domain/findings";
import { col, createdAtColumn, idColumn } from "./columns";
// A cycle (directory.ts takes orgIdColumn from here): safe because both sides
// use the other only inside functions — orgIdColumn is a hoisted declaration and
// the contractor references are thunks.
import { contractors } from "./directory";

export const organisations = sqliteTable("organisations", {
  id: idColumn(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /** IANA zone that decides what "today" is for the organisation (deadlines, quarters). */
  timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
  /** How often each grid cell should be patrolled: the target of the monthly patrol view. */
  patrolTarget: text("patrol_target", { enum: PATROL_TARGETS }).notNull().default("weekly"),
  createdAt: createdAtColumn(),
});
export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;

/** `org_id` of a tenant table: required, restricts deletion of the organisation. */
export function orgIdColumn() {
  return text("org_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "restrict" });
}

export const users = sqliteTable(
  "users",
  {
    id: idColumn(),
    /** Stored lower-cased (the CHECK refuses anything else) so the UNIQUE index is case-insensitive. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Mainland mobile number, for a group robot's @-mention (issue 15); checked by the form's schema, optional. */
    mobile: text("mobile"),
    createdAt: createdAtColumn(),
    disabledAt: text("disabled_at"),
  },
  (t) => [check("users_email_lower", sql`${col(t.email)} = lower(${col(t.email)})`)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * A contractor's people (服务企业现场负责人) have the "contractor" role, linked
 * to one contractor of the organisation: they see only that contractor's
 * record (issue 14). The other roles are the centre's own people.
 */
export const ROLES = ["admin", "supervisor", "procurement", "staff", "contractor"] as const;
export type Role = (typeof ROLES)[number];

export const memberships = sqliteTable(
  "memberships",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    role: text("role", { enum: ROLES }).notNull(),
    /** Set exactly when the role is "contractor": whose record the member sees. */
    contractorId: text("contractor_id").references((): AnySQLiteColumn => contractors.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("memberships_org_user_unique").on(t.orgId, t.userId),
    check("memberships_contractor_iff_role", sql`(${col(t.role)} = 'contractor') = (${col(t.contractorId)} IS NOT NULL)`),
    // Sign-in asks "which organisations is this user in?" across tenants.
    index("memberships_user_idx").on(t.userId),
  ],
);
export type Membership = typeof memberships.$inferSelect;
export type NewMembership = typeof memberships.$inferInsert;

/** Server-side sessions, so a sign-out, a password change or an admin can revoke them. */
export const sessions = sqliteTable(
  "sessions",
  {
    /** The random session id carried by the cookie (see `newToken()`). */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** The organisation the user is currently working in. */
    orgId: orgIdColumn(),
    createdAt: createdAtColumn(),
    /** The absolute end (14 days after sign-in), whatever the activity. */
    expiresAt: text("expires_at").notNull(),
    /**
     * Last request seen, for the idle timeout; null until the first refresh
     * (then `created_at` counts). Written at most every few minutes, not per request.
     */
    lastSeenAt: text("last_seen_at"),
    revokedAt: text("revoked_at"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_org_user_idx").on(t.orgId, t.userId)],
);
export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

/**
 * One row per password check: `key` is the account ("email:…"), `address` the
 * client's. A row is written (as a failure) before the password is checked,
 * by the same statement that counts the recent failures, and turned into a
 * success afterwards: see `claimLoginCheck` in db/queries/auth.ts.
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: idColumn(),
    key: text("key").notNull(),
    address: text("address").notNull().default(""),
    attemptedAt: text("attempted_at").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
  },
  (t) => [
    index("login_attempts_key_at_idx").on(t.key, t.attemptedAt),
    index("login_attempts_address_at_idx").on(t.address, t.attemptedAt),
  ],
);
export type LoginAttempt = typeof loginAttempts.$inferSelect;
export type NewLoginAttempt = typeof loginAttempts.$inferInsert;

/**
 * An invitation to join an organisation: the admin hands over a one-time link
 * (only the token's SHA-256 is stored). The invited person accepts it
 * themselves, signed in (an existing account) or by setting a name and
 * password (a new one); nobody is added to an organisation without consent.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: idColumn(),
    orgId: orgIdColumn(),
    /** Lower-cased, like users.email. */
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** The contractor an invited contractor person will be linked to (set exactly for that role). */
    contractorId: text("contractor_id").references((): AnySQLiteColumn => contractors.id, { onDelete: "restrict" }),
    tokenHash: text("token_hash").notNull().unique(),
    invitedByUserId: text("invited_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
    expiresAt: text("expires_at").notNull(),
    acceptedAt: text("accepted_at"),
    acceptedByUserId: text("accepted_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    // Sign-in asks "which invitations wait for this e-mail?" across tenants.
    index("invitations_email_idx").on(t.email),
    index("invitations_org_created_idx").on(t.orgId, t.createdAt),
    check("invitations_contractor_iff_role", sql`(${col(t.role)} = 'contractor') = (${col(t.contractorId)} IS NOT NULL)`),
  ],
);
export type Invitation = typeof invitations.$inferSelect;

/**
 * A password reset an admin started for a member: a one-time link (the
 * token's SHA-256 stored); using it sets a new password and revokes every
 * session of the user.
 */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: idColumn(),
    /** The organisation whose admin started it: its audit log records it. */
    orgId: orgIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAtColumn(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("password_resets_org_user_idx").on(t.orgId, t.userId)],
);
export type PasswordReset = typeof passwordResets.$inferSelect;
