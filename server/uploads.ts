/**
 * Where uploaded photos live: `KAOPING_UPLOADS` (default `data/uploads`,
 * relative to the working directory), outside the web root — files are
 * served only through the signed-in route that checks the organisation.
 * Several app servers need one shared folder (README).
 *
 * Layout: `<orgId>/<id>.jpg` and `<orgId>/<id>.thumb.jpg`, names generated
 * here (never the uploader's file name). Every stored photo is a JPEG.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";

export function uploadsDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.KAOPING_UPLOADS?.trim() || path.join("data", "uploads"));
}

/** Fresh storage keys for one photo of the organisation. */
export function photoKeys(orgId: string, id: string = randomUUID()): { storageKey: string; thumbKey: string } {
  return { storageKey: `${orgId}/${id}.jpg`, thumbKey: `${orgId}/${id}.thumb.jpg` };
}

/** The file of a storage key under `dir`; refuses a key that would leave it. */
export function uploadPath(key: string, dir: string = uploadsDir()): string {
  const file = path.resolve(dir, key);
  if (!file.startsWith(dir + path.sep)) throw new Error(`storage key outside the uploads folder: ${key}`);
  return file;
}

/**
 * Where uploads wait while a request is read and checked: inside the uploads
 * folder (same disk, shared like it), never served, emptied as each request
 * ends (`discardStaged`, or `storePhotos` once it has written the photos).
 */
export function stagingDir(dir: string = uploadsDir()): string {
  return path.join(dir, ".staging");
}
