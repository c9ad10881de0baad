/**
 * Password hashing for the app, the org:create command and the demo seed
 * (which must not import from app/). Hashing is slow on purpose: callers hash
 * before any database write, never inside one.
 */
import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/**
 * A hash of a random password, verified against when the e-mail is unknown, so
 * the answer takes as long for unknown addresses as for wrong passwords.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash("decoy-password-that-matches-nothing");
  return decoy;
}
