/**
 * Storing evidence photos: an upload checked by ~/utils/multipart.server
 * (a `StagedPhoto`) becomes a stamped JPEG and its thumbnail under the
 * uploads folder, named by `photoKeys` (never by the uploader's file name).
 *
 * For each photo: auto-rotate by its EXIF orientation, shrink to at most
 * 1600 px on the long side (never enlarge), stamp the day, time (in the
 * organisation's zone) and the label (a cell code) in the bottom-left corner,
 * and write it without any metadata (sharp keeps none unless asked: no EXIF,
 * no GPS, no ICC), with the sha256 of the bytes written.
 *
 * Memory: one photo at a time, one libvips thread, no operation cache, and a
 * pixel limit on decoding (bench/photos.ts measures the peak).
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { StoredPhotoMeta } from "../db/queries/inspections/shared";
import { MAX_INPUT_PIXELS } from "./photo-check";
import { photoKeys, stagingDir, uploadPath, uploadsDir } from "./uploads";

sharp.concurrency(1);
sharp.cache(false);

/** An upload that passed the content check, waiting in the staging folder. */
export interface StagedPhoto {
  /** The temp file (a JPEG, PNG or WebP: HEIC is converted already). */
  path: string;
  width: number;
  height: number;
}

export interface StampOptions {
  /** The organisation whose folder the photos go to (`photoKeys`). */
  orgId: string;
  /** When the photo was taken (the server's `now()` at upload). */
  takenAt: Date;
  /** The organisation's IANA zone, for the stamped day and time. */
  timeZone: string;
  /** What the photo is of, e.g. the cell code "A-03". */
  label: string;
}

/** The long side of a stored photo and of its thumbnail, in pixels. */
export const PHOTO_LONG_SIDE = 1600;
export const THUMB_LONG_SIDE = 320;

/**
 * Writes each staged photo as a stamped JPEG and thumbnail; the metadata for
 * the evidence rows, in order. The staged files are removed whatever
 * happens. If one photo fails, the ones already written are removed and the
 * error is thrown: all or nothing.
 */
export async function storePhotos(staged: readonly StagedPhoto[], stamp: StampOptions): Promise<StoredPhotoMeta[]> {
  const dir = uploadsDir();
  const stored: StoredPhotoMeta[] = [];
  try {
    for (const photo of staged) stored.push(await storeOne(photo, stamp, dir));
    return stored;
  } catch (error) {
    await discardPhotos(stored);
    throw error;
  } finally {
    await discardStaged(staged);
  }
}

async function storeOne(photo: StagedPhoto, stamp: StampOptions, dir: string): Promise<StoredPhotoMeta> {
  const keys = photoKeys(stamp.orgId);
  // Rotated and resized once, to raw pixels, so the stamp is sized to the exact result.
  const { data, info } = await sharp(photo.path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "none" })
    .rotate()
    .resize({ width: PHOTO_LONG_SIDE, height: PHOTO_LONG_SIDE, fit: "inside", withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const overlay = stampSvg(info.width, info.height, stampText(stamp));
  const jpeg = await sharp(data, raw)
    .composite(overlay ? [{ input: overlay, left: 0, top: 0 }] : [])
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
  const thumb = await sharp(jpeg)
    .resize({ width: THUMB_LONG_SIDE, height: THUMB_LONG_SIDE, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();

  const file = uploadPath(keys.storageKey, dir);
  await mkdir(path.dirname(file), { recursive: true });
  // "wx": a generated key never overwrites anything.
  await writeFile(file, jpeg, { flag: "wx" });
  const meta: StoredPhotoMeta = {
    ...keys,
    mimeType: "image/jpeg",
    bytes: jpeg.byteLength,
    width: info.width,
    height: info.height,
    sha256: createHash("sha256").update(jpeg).digest("hex"),
  };
  try {
    await writeFile(uploadPath(keys.thumbKey, dir), thumb, { flag: "wx" });
  } catch (error) {
    await discardPhotos([meta]);
    throw error;
  }
  return meta;
}

/** "2026-11-18 10:05 A-03": the day and minute in `timeZone`, then the label. */
export function stampText({ takenAt, timeZone, label }: Pick<StampOptions, "takenAt" | "timeZone" | "label">): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(takenAt)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${label}`.trim();
}

/**
 * The stamp as an SVG the size of the photo: white text on a dark band in the
 * bottom-left corner, scaled to the photo. Null for a photo too small to
 * carry a legible stamp. CJK labels render with Noto Sans CJK (installed).
 */
function stampSvg(width: number, height: number, text: string): Buffer | null {
  const size = Math.round(Math.max(12, Math.min(40, Math.min(width, height) * 0.035)));
  const band = Math.round(size * 1.8);
  if (height < band * 2 || width < size * 8) return null;
  // Latin digits are ~0.6 em wide, CJK characters 1 em: enough to size the band behind the text.
  const ems = [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.62), 0);
  const boxWidth = Math.min(width, Math.round(ems * size + size));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect x="0" y="${height - band}" width="${boxWidth}" height="${band}" fill="#000" fill-opacity="0.55"/>
<text x="${Math.round(size / 2)}" y="${height - Math.round(band * 0.3)}" font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif" font-size="${size}" fill="#fff">${escapeXml(text)}</text>
</svg>`;
  return Buffer.from(svg);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Removes stored photos and their thumbnails (a write the data layer refused). Missing files are fine. */
export async function discardPhotos(stored: readonly Pick<StoredPhotoMeta, "storageKey" | "thumbKey">[]): Promise<void> {
  const dir = uploadsDir();
  await Promise.all(stored.flatMap((p) => [p.storageKey, p.thumbKey].map((key) => rm(uploadPath(key, dir), { force: true }))));
}

/** Removes staged uploads that will not be stored (the action refused the form after all). */
export async function discardStaged(staged: readonly Pick<StagedPhoto, "path">[]): Promise<void> {
  await Promise.all(staged.map((p) => rm(p.path, { force: true })));
}

/** Staged files older than this are leftovers (a crash, an action that returned without storing or discarding). */
export const STALE_STAGED_MS = 60 * 60 * 1000;

/**
 * Removes leftovers from the staging folder: files older than `maxAgeMs`.
 * Each upload calls it (one readdir of a folder that is normally empty), so
 * nothing piles up on disk however an action ends. Returns how many went.
 */
export async function sweepStaging(maxAgeMs = STALE_STAGED_MS, now = Date.now()): Promise<number> {
  const dir = stagingDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0; // no staging folder yet
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (now - (await stat(file)).mtimeMs > maxAgeMs) {
        await rm(file, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile (another request's cleanup): fine.
    }
  }
  return removed;
}

/** The bytes of a stored file, or null when it is missing (the route answers 404). */
export async function readStoredFile(key: string): Promise<Buffer | null> {
  try {
    return await readFile(uploadPath(key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
