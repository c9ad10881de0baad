/**
 * Photo uploads for tests: images generated with sharp (no committed
 * binaries), multipart Requests built the way a browser builds them, and a
 * temp uploads folder (KAOPING_UPLOADS) to look into.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { ORIGIN } from "./requests";

/** A noisy RGB image (noise does not compress: realistic sizes), encoded as `format`. */
export async function noisyImage(width: number, height: number, format: "jpeg" | "png" | "webp" = "jpeg", seed = 1): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < pixels.length; i++) {
    // xorshift: fast, deterministic
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pixels[i] = x & 0xff;
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === "jpeg" ? image.jpeg({ quality: 90 }).toBuffer() : format === "png" ? image.png().toBuffer() : image.webp().toBuffer();
}

/** A plain one-colour image. */
export function plainImage(width: number, height: number, colour = { r: 40, g: 120, b: 200 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();
}

export interface Part {
  name: string;
  value: string | { bytes: Uint8Array; filename: string; type?: string };
}

/** A multipart POST of `parts`, as a browser sends it. */
export function multipartRequest(parts: Part[], init: { cookie?: string; path?: string } = {}): Request {
  const form = new FormData();
  for (const part of parts) {
    if (typeof part.value === "string") form.append(part.name, part.value);
    else form.append(part.name, new Blob([new Uint8Array(part.value.bytes)], { type: part.value.type ?? "image/jpeg" }), part.value.filename);
  }
  return new Request(`${ORIGIN}${init.path ?? "/upload"}`, {
    method: "POST",
    headers: { Origin: ORIGIN, ...(init.cookie ? { Cookie: init.cookie } : {}) },
    body: form,
  });
}

/** `photos` parts of `files`. */
export const photoParts = (files: { bytes: Uint8Array; filename?: string; type?: string }[]): Part[] =>
  files.map((f, i) => ({ name: "photos", value: { bytes: f.bytes, filename: f.filename ?? `photo-${i + 1}.jpg`, type: f.type } }));

/** A fresh uploads folder set as KAOPING_UPLOADS; `files()` lists everything in it (staging included), `cleanup()` removes it. */
export async function tempUploads() {
  const dir = await mkdtemp(path.join(tmpdir(), "kaoping-uploads-"));
  const before = process.env.KAOPING_UPLOADS;
  process.env.KAOPING_UPLOADS = dir;
  return {
    dir,
    files: async (): Promise<string[]> => {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
    },
    cleanup: async () => {
      if (before === undefined) delete process.env.KAOPING_UPLOADS;
      else process.env.KAOPING_UPLOADS = before;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
