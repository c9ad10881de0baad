/**
 * What an uploaded file is, judged by its bytes — never by its name or the
 * type the browser declared. JPEG, PNG and WebP go to sharp as they are; HEIC
 * (iPhones) is converted to JPEG first with heic-convert, because sharp's
 * prebuilt libheif reads only AVIF.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import sharp, { type Metadata } from "sharp";

/** Every photo is at most this large as uploaded (the issue: 10 MB each). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * Decoding bound (a "decompression bomb" guard): 10 MB of PNG can claim
 * 30000×30000 pixels. 50 megapixels is above any phone camera (48 MP) and
 * keeps one decode under ~150 MB.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

export type PhotoFormat = "jpeg" | "png" | "webp" | "heic";

/** HEIF brands of HEVC-coded images (iPhone photos are `heic`; `mif1` is generic HEIF). */
const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The format the first bytes show, or null when they are not one of ours. Needs the first 12 bytes. */
export function sniffFormat(head: Uint8Array): PhotoFormat | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return "png";
  if (head.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (head.length >= 12 && ascii(4, 8) === "ftyp" && HEIC_BRANDS.has(ascii(8, 12))) return "heic";
  return null;
}

export type CheckedPhoto = { ok: true; path: string; width: number; height: number } | { ok: false; problem: "notImage" | "tooManyPixels" };

/**
 * Checks the staged file at `file` (of the sniffed `format`): HEIC is
 * converted in place (`file` then holds a JPEG), sharp must read the header,
 * find a size within `MAX_INPUT_PIXELS` and decode the pixels. The caller removes the
 * file when the answer is not ok.
 */
export async function checkPhoto(file: string, format: PhotoFormat): Promise<CheckedPhoto> {
  if (format === "heic") {
    try {
      await convertHeic(file);
    } catch {
      return { ok: false, problem: "notImage" };
    }
  }
  let meta: Metadata;
  try {
    meta = await sharp(file).metadata();
  } catch {
    return { ok: false, problem: "notImage" };
  }
  // sharp may read formats we do not accept (a GIF renamed .heic cannot get here: sniffing came first).
  const expected = format === "heic" ? "jpeg" : format;
  if (meta.format !== expected || !meta.width || !meta.height) return { ok: false, problem: "notImage" };
  if (meta.width * meta.height > MAX_INPUT_PIXELS) return { ok: false, problem: "tooManyPixels" };
  try {
    // A right header over broken pixel data (a damaged PNG) must be refused here, not fail later in
    // storePhotos. JPEG decodes at 1/8 scale for this (shrink-on-load), so the check is cheap for photos.
    await sharp(file, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS }).resize({ width: 64, height: 64, fit: "inside" }).raw().toBuffer();
  } catch {
    return { ok: false, problem: "notImage" };
  }
  return { ok: true, path: file, width: meta.width, height: meta.height };
}

async function convertHeic(file: string): Promise<void> {
  // Loaded on demand: heic-convert brings a WebAssembly decoder few requests need.
  const { default: convert } = await import("heic-convert");
  const jpeg = await convert({ buffer: await readFile(file), format: "JPEG", quality: 0.92 });
  await rm(file, { force: true });
  await writeFile(file, new Uint8Array(jpeg), { flag: "wx" });
}

