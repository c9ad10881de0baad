/**
 * Tenancy and identity: organisations, users, their memberships, server-side
 * sessions and login attempts (for rate limiting).
 *
 * Foreign keys never cascade: a user or organisation with business data is
 * disabled/archived, never deleted, so ON DELETE RESTRICT turns a mistaken
 * delete into an error instead of silently erasing history.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { col, createdAtColumn, idColumn } from "./columns";

export const organisations = sqliteTable("organisations", {
  id: idColumn(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /** IANA zone that decides what "today" is for the organisation (deadlines, quarters). */
  timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
  createdAt: createdAtColumn(),
});
export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;

/** `org_id` of a tenant table: required, restricts deletion of the organisation. */
export const orgIdColumn = () =>
  text("org_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "restrict" });

export const users = sqliteTable(
  "users",
  {
    id: idColumn(),
    /** Stored lower-cased (the CHECK refuses anything else) so the UNIQUE index is case-insensitive. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAtColumn(),
    disabledAt: text("disabled_at"),
  },
  (t) => [check("users_email_lower", sql`${col(t.email)} = lower(${col(t.email)})`)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const ROLES = ["admin", "supervisor", "procurement", "staff"] as const;
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
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("memberships_org_user_unique").on(t.orgId, t.userId),
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
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_org_user_idx").on(t.orgId, t.userId)],
);
export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

/** One row per sign-in attempt; `key` is "email:…" or "ip:…" so both can be throttled. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: idColumn(),
    key: text("key").notNull(),
    attemptedAt: text("attempted_at").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
  },
  (t) => [index("login_attempts_key_at_idx").on(t.key, t.attemptedAt)],
);
export type LoginAttempt = typeof loginAttempts.$inferSelect;
export type NewLoginAttempt = typeof loginAttempts.$inferInsert;
