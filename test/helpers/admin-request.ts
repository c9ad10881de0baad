/**
 * Calling the administration routes' loaders and actions directly, as a
 * signed-in admin: a migrated temp database installed as the app's database
 * (`installAppDb`), an organisation with its admin (and a second organisation,
 * for cross-tenant checks), and the session cookie the app itself issued.
 */
import { getTableName, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as schema from "../../db/schema";
import type { Db } from "../../db/client";
import { installAppDb } from "./app-db";
import type { TestDb } from "./db";
import { makeMembership, makeOrg, makeUser } from "./factories";
import { get, ORIGIN, settle } from "./requests";

// Before any app module reads the environment: a fixed secret, no data/session-secret file.
process.env.SESSION_SECRET ??= "admin-tests-secret-admin-tests-secret-0123";

export interface SignedIn {
  orgId: string;
  userId: string;
  cookie: string;
}

export interface AdminApp {
  t: TestDb;
  /** The admin of organisation A, signed in. */
  admin: SignedIn;
  /** The admin of organisation B (for another organisation's ids). */
  other: SignedIn;
  cleanup: () => Promise<void>;
}

/** Signs `userId` in to `orgId` through the app's own `startSession`, returning the Cookie header value. */
export async function signIn(userId: string, orgId: string): Promise<string> {
  const { startSession } = await import("~/auth/session.server");
  const setCookie = await startSession(new Request(`${ORIGIN}/login`, { method: "POST" }), { userId, orgId });
  return setCookie.split(";")[0]!;
}

/** A user of `role` in `orgId`, signed in. */
export async function member(db: Db, orgId: string, role: "admin" | "supervisor" | "procurement" | "staff"): Promise<SignedIn> {
  const user = await makeUser(db);
  await makeMembership(db, { orgId, userId: user.id, role });
  return { orgId, userId: user.id, cookie: await signIn(user.id, orgId) };
}

export async function startAdminApp(): Promise<AdminApp> {
  const t = await installAppDb();
  const orgA = await makeOrg(t.db, { name: "甲机关服务中心" });
  const orgB = await makeOrg(t.db, { name: "乙机关服务中心" });
  const admin = await member(t.db, orgA.id, "admin");
  const other = await member(t.db, orgB.id, "admin");
  return { t, admin, other, cleanup: () => t.cleanup() };
}

type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;

/** POSTs form fields to an action; the Response it returned or threw (`data()` results become Responses). */
export function post(
  action: Action,
  path: string,
  fields: Record<string, string | string[] | undefined>,
  cookie: string,
  params: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of value === undefined ? [] : Array.isArray(value) ? value : [value]) body.append(name, v);
  const request = new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: cookie },
    body,
  });
  return settle(() => action({ request, params, context: { clientIp: "203.0.113.7" } }));
}

/** GETs a loader; the Response it returned or threw. */
export function load(loader: Loader, path: string, cookie: string, params: Record<string, string> = {}) {
  return settle(() => loader({ request: get(path, cookie), params, context: {} }));
}

/** What an action answered with `data()`: field errors, form error, usage. */
export interface ActionBody {
  fieldErrors: Record<string, string[]>;
  formError?: string;
  usedBy?: Record<string, number>;
  intent?: string;
}
export async function body(response: Response): Promise<ActionBody> {
  return (await response.json()) as ActionBody;
}

/** The first message key of a field (the part before "|" of `msg()`). */
export function keyOf(messages: string[] | undefined): string | undefined {
  return messages?.[0]?.split("|")[0];
}

const tables = Object.values(schema as Record<string, unknown>).filter((v): v is SQLiteTable => v instanceof SQLiteTable);

/** Row counts of every table, audit_log included: equal before and after means nothing was written. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const name = getTableName(table);
    const [row] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${name}"`));
    out[name] = Number(row?.n ?? 0);
  }
  return out;
}

/** Counts that changed between two `rowCounts`, as { table: delta }. */
export function changed(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(after)) if (n !== before[name]) out[name] = n - (before[name] ?? 0);
  return out;
}
