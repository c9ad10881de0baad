/**
 * Password sign-in. Each password check is first claimed in the database
 * (`claimLoginCheck`: the attempt recorded and the limits checked in one
 * statement), so the limits hold across concurrent requests and processes;
 * over a limit, the password is not even checked.
 */
import type { Role } from "../../db/schema";
import { claimLoginCheck, findUserByEmail, listMembershipsOfUser, markLoginSucceeded } from "../../db/queries/auth";
import { decoyHash, verifyPassword } from "./password.server";
import { db } from "~/db.server";

export type LoginOutcome =
  | { ok: true; userId: string; orgId: string; role: Role }
  | { ok: false; reason: "invalid" | "no_membership" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

export async function attemptLogin(input: { email: string; password: string; ip: string; now: Date }): Promise<LoginOutcome> {
  const account = input.email.trim().toLowerCase();
  const claim = await claimLoginCheck(db(), { account, address: input.ip, now: input.now });
  if (!claim.ok) return { ok: false, reason: "locked", retryAfterSeconds: claim.retryAfterSeconds };
  const user = await findUserByEmail(db(), account);
  // Verify against a decoy for unknown or disabled accounts so timing tells nothing.
  const valid = await verifyPassword(user && !user.disabledAt ? user.passwordHash : await decoyHash(), input.password);
  if (!user || user.disabledAt || !valid) return { ok: false, reason: "invalid" };
  // The right password: this address's failures against the account stop counting.
  await markLoginSucceeded(db(), claim.attemptId);
  const orgs = await listMembershipsOfUser(db(), user.id);
  const first = orgs[0];
  if (!first) return { ok: false, reason: "no_membership" };
  return { ok: true, userId: user.id, orgId: first.orgId, role: first.role };
}
