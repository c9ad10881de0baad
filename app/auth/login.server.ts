/**
 * Password sign-in with a failure limit per account and per client address:
 * after too many failures in the window, the password is not even checked.
 */
import { countRecentFailures, findUserByEmail, listMembershipsOfUser, recordLoginAttempt } from "../../db/queries/auth";
import { decoyHash, verifyPassword } from "./password.server";
import { db } from "~/db.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginOutcome =
  | { ok: true; userId: string; orgId: string; role: "admin" | "supervisor" | "procurement" | "staff" }
  | { ok: false; reason: "invalid" | "locked" | "no_membership" };

export async function attemptLogin(input: { email: string; password: string; ip: string; now: Date }): Promise<LoginOutcome> {
  const keys = [`email:${input.email}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
  const since = new Date(input.now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const [accountFailures, addressFailures] = await Promise.all([
    countRecentFailures(db(), `email:${input.email}`, since),
    input.ip ? countRecentFailures(db(), `ip:${input.ip}`, since) : Promise.resolve(0),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, reason: "locked" };
  }
  const user = await findUserByEmail(db(), input.email);
  // Verify against a decoy for unknown or disabled accounts so timing tells nothing.
  const valid = await verifyPassword(user && !user.disabledAt ? user.passwordHash : await decoyHash(), input.password);
  if (!user || user.disabledAt || !valid) {
    await recordLoginAttempt(db(), keys, false, input.now);
    return { ok: false, reason: "invalid" };
  }
  const orgs = await listMembershipsOfUser(db(), user.id);
  const first = orgs[0];
  if (!first) return { ok: false, reason: "no_membership" };
  // A success clears the account's count (failures are counted after the last success).
  await recordLoginAttempt(db(), [`email:${input.email}`], true, input.now);
  return { ok: true, userId: user.id, orgId: first.orgId, role: first.role };
}
