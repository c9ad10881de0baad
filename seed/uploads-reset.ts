/**
 * `db:seed -- --reset` empties the uploads folder of this configuration
 * (`uploadsDir()`: KAOPING_UPLOADS or data/uploads) along with the demo
 * database: the photos of the old demo belong to rows that no longer exist.
 *
 * Deleting files from a folder named by an environment variable is only safe
 * when the folder is what it claims to be, so the reset first checks it and
 * refuses — deleting nothing — anything odd: the file-system root, the working
 * directory, the home directory or a folder above either, a folder that holds
 * the database file, a symlink or a file instead of a folder, or any entry an
 * uploads folder never holds. An uploads folder holds only organisation
 * folders (`<orgId>/`) of stored photos (`<id>.jpg`, `<id>.thumb.jpg`, as
 * `photoKeys` names them) and the staging folder `.staging/` of uploads in
 * progress.
 */
import { lstatSync, readdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { DemoResetRefused } from "./demo";

const ORG_FOLDER = /^[A-Za-z0-9_-]{1,64}$/;
const STORED_PHOTO = /^[A-Za-z0-9_-]{1,64}(\.thumb)?\.jpg$/;
const STAGING = ".staging";

/** `inner` is `outer` or inside it. */
function within(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Checks that `dir` may be emptied and returns the entries to delete (empty
 * when the folder does not exist yet). Throws `DemoResetRefused` otherwise.
 * @example planUploadsReset("/srv/kaoping/data/uploads", { databaseFile: "/srv/kaoping/data/kaoping.db" })
 */
export function planUploadsReset(
  dir: string,
  opts: { databaseFile: string; cwd?: string; home?: string },
): string[] {
  const folder = path.resolve(dir);
  const refuse = (why: string): never => {
    throw new DemoResetRefused(`the uploads folder ${folder} ${why}; nothing was deleted.`);
  };
  if (folder === path.parse(folder).root) refuse("is the root of the file system");
  for (const [name, place] of [
    ["working directory", opts.cwd ?? process.cwd()],
    ["home directory", opts.home ?? homedir()],
  ] as const) {
    if (within(path.resolve(place), folder)) refuse(`is the ${name} or a folder above it`);
  }
  if (within(path.resolve(opts.databaseFile), folder)) refuse("holds the database file");

  let stat;
  try {
    stat = lstatSync(folder);
  } catch {
    return []; // nothing uploaded yet
  }
  if (stat.isSymbolicLink()) refuse("is a symbolic link");
  if (!stat.isDirectory()) refuse("is not a folder");

  const entries: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.name === STAGING && entry.isDirectory()) {
      entries.push(full);
      continue;
    }
    if (!entry.isDirectory() || !ORG_FOLDER.test(entry.name)) refuse(`holds ${entry.name}, which is not an organisation's photo folder`);
    for (const file of readdirSync(full, { withFileTypes: true })) {
      if (!file.isFile() || !STORED_PHOTO.test(file.name)) refuse(`holds ${path.join(entry.name, file.name)}, which is not a stored photo`);
    }
    entries.push(full);
  }
  return entries;
}

/** Deletes what `planUploadsReset` returned; the uploads folder itself stays (empty). */
export function emptyUploads(entries: readonly string[]): void {
  for (const entry of entries) rmSync(entry, { recursive: true, force: true });
}
