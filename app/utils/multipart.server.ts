/**
 * Forms with photos: `parseMultipartForm` is `parseForm` for a
 * `multipart/form-data` body whose file field (`photos`) carries uploads.
 *
 * The body goes through the bounded reader (`boundedChunks`: 413 past the
 * total cap) into busboy, which streams each file to a temp file in the
 * staging folder: at most `maxFiles` files of at most 10 MB are written, so
 * a 1 GB body or 50 files never sit in memory. Each file is then checked by
 * its bytes (server/photo-check.ts); its name and declared type are ignored
 * (storage names come from `photoKeys`).
 *
 * A failure of any kind — a bad file, too many, a field the schema refuses, a
 * body over the cap — removes every staged file before answering, so a
 * refused request leaves nothing in the uploads folder. On success the
 * caller owns `photos`: `storePhotos` (server/photos.ts) consumes them, or
 * `discardStaged` throws them away.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { z } from "zod";
import { MAX_PHOTOS } from "../../domain/findings";
import { checkPhoto, MAX_PHOTO_BYTES, sniffFormat, type PhotoFormat } from "../../server/photo-check";
import { discardStaged, sweepStaging, type StagedPhoto } from "../../server/photos";
import { stagingDir } from "../../server/uploads";
import { boundedChunks, DEFAULT_MAX_BYTES, mediaType, refusalMessage, tooLargeResponse } from "./body";
import { FORM_LIMITS, parseEntries, parseForm, type FormFailure, type Posted, type SchemaFor } from "./forms";
import { msg, type FieldErrors } from "./messages";

export type { StagedPhoto } from "../../server/photos";
export { MAX_PHOTO_BYTES } from "../../server/photo-check";

export type MultipartResult<T> = ({ ok: true; data: T; photos: StagedPhoto[] } & Posted) | FormFailure;

export interface MultipartOptions {
  /** At most this many files in `field` (default MAX_PHOTOS); one more is refused. */
  maxFiles?: number;
  /** The file field (default "photos"); files in other fields are skipped unread. */
  field?: string;
  arrayFields?: readonly string[];
  /** The cap on the whole body; default room for `maxFiles` full-size photos and the text fields. */
  maxBytes?: number;
}

/** A file part as written to the staging folder, before its content is checked. */
interface RawFile {
  index: number;
  path: string;
  head: Buffer;
  bytes: number;
  truncated: boolean;
  /** The name the client gave; only checked, never used for storage. */
  filename: string;
}

type Problem = "notImage" | "tooBig" | "tooManyPixels" | "badName";

/**
 * Browsers send a file's base name only, so a path (`../../x.jpg`, `C:\\x.jpg`),
 * a control character or an overlong name marks a forged request: refused, even
 * though storage never uses the name.
 */
export function suspiciousFilename(name: string): boolean {
  return /[/\\\u0000-\u001f\u007f]/.test(name) || name === "." || name === ".." || name.length > 255;
}

/**
 * Reads and checks a posted form with photos; the same result as `parseForm`
 * plus `photos` (the checked uploads of `field`, in order). Throws the 413 of
 * `tooLargeResponse()` past the body cap, like `parseForm`.
 */
export async function parseMultipartForm<S extends z.core.$ZodType>(
  request: Request,
  schema: SchemaFor<S>,
  opts: MultipartOptions = {},
): Promise<MultipartResult<z.output<S>>> {
  const type = mediaType(request);
  // A form without a file input (or a client that sends none) may post urlencoded: no photos then.
  if (type === "application/x-www-form-urlencoded") {
    const parsed = await parseForm(request, schema, { arrayFields: opts.arrayFields });
    return parsed.ok ? { ...parsed, photos: [] } : parsed;
  }
  if (type !== "multipart/form-data") return refusal("unsupported");

  const maxFiles = opts.maxFiles ?? MAX_PHOTOS;
  await sweepStaging();
  const read = await readMultipart(request, {
    field: opts.field ?? "photos",
    maxFiles,
    maxBytes: opts.maxBytes ?? maxFiles * MAX_PHOTO_BYTES + DEFAULT_MAX_BYTES,
  });
  if (!read.ok) return refusal(read.reason);

  const photos: StagedPhoto[] = [];
  const problems: string[] = [];
  if (read.tooMany) problems.push(msg("photos.errors.tooMany", { max: maxFiles }));
  for (const file of read.files) {
    const problem = await check(file, photos);
    if (problem) problems.push(problemMessage(problem, file.index));
  }

  const parsed = parseEntries(read.entries, schema, opts.arrayFields);
  if (parsed.ok && problems.length === 0) return { ...parsed, photos };

  await discardStaged([...photos, ...read.files.map((f) => ({ path: f.path }))]);
  if (parsed.ok) return { ok: false, fieldErrors: { photos: problems }, intent: parsed.intent, values: parsed.values };
  const fieldErrors: FieldErrors = { ...parsed.fieldErrors };
  if (problems.length > 0) fieldErrors.photos = [...(fieldErrors.photos ?? []), ...problems];
  return { ...parsed, fieldErrors };
}

function refusal(reason: "unsupported" | "unreadable" | "malformed"): FormFailure {
  return { ok: false, fieldErrors: {}, formError: refusalMessage(reason), intent: null, values: {} };
}

function problemMessage(problem: Problem, index: number): string {
  if (problem === "tooBig") return msg("photos.errors.tooBig", { n: index, max: MAX_PHOTO_BYTES / 1024 / 1024 });
  return msg(`photos.errors.${problem}`, { n: index });
}

/** Checks one staged file; a good one is added to `photos`, a bad one's problem returned (the caller removes every file then). */
async function check(file: RawFile, photos: StagedPhoto[]): Promise<Problem | null> {
  if (suspiciousFilename(file.filename)) return "badName";
  if (file.truncated) return "tooBig";
  const format: PhotoFormat | null = sniffFormat(file.head);
  if (!format) return "notImage";
  const checked = await checkPhoto(file.path, format);
  if (!checked.ok) return checked.problem;
  photos.push({ path: checked.path, width: checked.width, height: checked.height });
  return null;
}

type ReadResult =
  | { ok: true; entries: [string, string][]; files: RawFile[]; tooMany: boolean }
  | { ok: false; reason: "unreadable" | "malformed" };

/**
 * Streams the body through busboy: text fields into memory (within
 * `FORM_LIMITS` and DEFAULT_MAX_BYTES in all, as `parseForm` has them), the
 * first `maxFiles` files of `field` to the staging folder (each cut at
 * MAX_PHOTO_BYTES; the rest of an oversized file is read and dropped).
 */
async function readMultipart(request: Request, o: { field: string; maxFiles: number; maxBytes: number }): Promise<ReadResult> {
  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: { "content-type": request.headers.get("Content-Type") ?? "" },
      // Keep the name as sent, so a path in it is seen (and refused) rather than silently cut off.
      preservePath: true,
      limits: {
        // busboy flags a file that reaches the limit as truncated: one byte more, so exactly 10 MB passes.
        fileSize: MAX_PHOTO_BYTES + 1,
        fields: FORM_LIMITS.fields,
        fieldNameSize: FORM_LIMITS.nameLength,
        fieldSize: DEFAULT_MAX_BYTES,
        // Parts beyond any real form: the fields, the photos, and a few files of other inputs.
        parts: FORM_LIMITS.fields + o.maxFiles + 10,
      },
    });
  } catch {
    return { ok: false, reason: "unreadable" }; // no boundary
  }

  const entries: [string, string][] = [];
  const files: RawFile[] = [];
  const writes: Promise<void>[] = [];
  let fieldBytes = 0;
  let seen = 0;
  let tooMany = false;
  let failure: "malformed" | "tooLarge" | null = null;
  const staging = stagingDir();
  await mkdir(staging, { recursive: true });

  bb.on("field", (name, value, info) => {
    fieldBytes += name.length + value.length;
    if (fieldBytes > DEFAULT_MAX_BYTES) failure ??= "tooLarge";
    else if (info.nameTruncated || info.valueTruncated) failure ??= "malformed";
    else entries.push([name, value]);
  });
  bb.on("fieldsLimit", () => (failure ??= "malformed"));
  bb.on("partsLimit", () => (failure ??= "malformed"));
  bb.on("file", (name, stream, info) => {
    if (name !== o.field || failure) return void stream.resume();
    // A file input left empty still posts a part: no name, no bytes. Not a photo, not a problem.
    if (++seen > o.maxFiles) {
      tooMany = true;
      return void stream.resume();
    }
    const file: RawFile = { index: seen, path: path.join(staging, randomUUID()), head: Buffer.alloc(0), bytes: 0, truncated: false, filename: info.filename ?? "" };
    files.push(file);
    const sniff = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (file.head.length < 16) file.head = Buffer.concat([file.head, chunk.subarray(0, 16 - file.head.length)]);
        file.bytes += chunk.length;
        done(null, chunk);
      },
    });
    writes.push(
      pipeline(stream, sniff, createWriteStream(file.path, { flags: "wx" })).then(() => {
        file.truncated = stream.truncated === true;
      }),
    );
  });

  const finished = new Promise<void>((resolve, reject) => {
    bb.on("close", resolve);
    bb.on("error", reject);
  });
  // Destroying busboy on a refusal rejects `finished` ("Unexpected end of form"): expected then, not unhandled.
  finished.catch(() => undefined);
  const cleanUp = async () => {
    bb.destroy();
    await Promise.allSettled(writes);
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
  };

  try {
    for await (const chunk of boundedChunks(request, o.maxBytes)) {
      if (failure) break;
      // Backpressure: busboy waits while a file is written to disk.
      if (!bb.write(chunk)) await Promise.race([new Promise((r) => bb.once("drain", r)), finished]);
    }
    if (!failure) {
      bb.end();
      await finished;
      await Promise.all(writes);
    }
  } catch (error) {
    await cleanUp();
    if (error instanceof Response) throw error;
    return { ok: false, reason: "unreadable" };
  }
  if (failure) {
    await cleanUp();
    if (failure === "tooLarge") throw tooLargeResponse();
    return { ok: false, reason: "malformed" };
  }

  // Empty parts of an untouched file input are dropped here, not counted as photos.
  const empty = files.filter((f) => f.bytes === 0 && f.filename === "");
  await Promise.all(empty.map((f) => rm(f.path, { force: true })));
  const kept = files.filter((f) => !empty.includes(f)).map((f, i) => ({ ...f, index: i + 1 }));
  return { ok: true, entries, files: kept, tooMany };
}
