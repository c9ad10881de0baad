/**
 * Where uploaded photos live: `KAOPING_UPLOADS` (default `data/uploads`,
 * relative to the working directory), outside the web root — files are
 * served only through the signed-in route that checks the organisation.
 * Several app servers need one shared folder (README).
 */
import path from "node:path";

export function uploadsDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.KAOPING_UPLOADS?.trim() || path.join("data", "uploads"));
}
