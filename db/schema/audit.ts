/**
 * Who did what, when. Append-only: migration 0001 adds triggers that abort
 * any UPDATE or DELETE, so not even a bug (or a hurried admin with a shell)
 * can rewrite history. Write entries with `recordAudit` in db/audit.ts.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organisations, users } from "./orgs";

export const auditLog = sqliteTable(
  "audit_log",
  {
    /** An integer sequence: the order of entries is the point here, unlike elsewhere. */
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Null for events outside any organisation (e.g. creating one from the command line). */
    orgId: text("org_id").references(() => organisations.id, { onDelete: "restrict" }),
    /** Null for the system itself (start-up jobs, the demo seed). */
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "restrict" }),
    /** "entity.verb", e.g. "contractor.create", "quarter.finalise". */
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: text("before", { mode: "json" }).$type<unknown>(),
    after: text("after", { mode: "json" }).$type<unknown>(),
    at: text("at").notNull(),
    ip: text("ip"),
  },
  (t) => [
    index("audit_log_org_at_idx").on(t.orgId, t.at),
    index("audit_log_org_entity_idx").on(t.orgId, t.entity, t.entityId, t.at),
    index("audit_log_org_actor_at_idx").on(t.orgId, t.actorUserId, t.at),
    index("audit_log_org_action_at_idx").on(t.orgId, t.action, t.at),
  ],
);
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
