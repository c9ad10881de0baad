/**
 * The one reader of request bodies. It reads `request.body` as a stream and
 * counts bytes as they arrive, so a chunked body (no Content-Length) or one
 * that lies about its length is refused at the limit instead of being read
 * whole into memory first.
 *
 * - Over the limit: throws a 413 Response with `Connection: close`, so the
 *   client gets the answer and the rest of its upload is never read (the
 *   stream is left paused, not cancelled: cancelling would destroy the socket
 *   before the 413 is written). app/entry.server.tsx carries the header over
 *   onto the rendered page or `.data` answer, which Remix would otherwise drop.
 * - Only `application/x-www-form-urlencoded` and `multipart/form-data` are
 *   forms; anything else (JSON, text, no body at all) is a `"unsupported"`
 *   refusal the caller answers with 400 and a message.
 * - File parts of a multipart body are not read into the form: uploads have
 *   their own streaming reader (~/utils/multipart.server: files to disk, each
 *   with its own limit), which reads the body through `boundedChunks` below,
 *   so the same byte count and 413 apply. `readFormBody` ignores file parts;
 *   the byte limit still covers them.
 *
 * Not named `.server`: `parseForm` in the browser-safe ~/utils/forms calls it,
 * and only plain web APIs are used; actions never reach the browser bundle.
 */
import { msg } from "./messages";

/** Forms are small: 256 KB is far above any of ours (a contract with 500 sites is ~25 KB). */
export const DEFAULT_MAX_BYTES = 256 * 1024;

export type BodyRefusal = "unsupported" | "unreadable";
export type FormBody = { ok: true; entries: [string, string][] } | { ok: false; reason: BodyRefusal };

/** The 413 every route answers for a body over its limit, in both languages (the error page localises it too). */
export function tooLargeResponse(): Response {
  return new Response("提交的内容过大。/ The submitted form is too large.", {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
  });
}

/** Whether an answer should close the connection: a refused body may still be arriving. */
export function closesConnection(status: number): boolean {
  return status === 413;
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The body's media type, lower case, without parameters (multipart/form-data). */
export function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * The body's chunks as they arrive, at most `maxBytes` in all. Throws
 * `tooLargeResponse()` when the declared length or the bytes actually received
 * pass the limit; what was read before is the caller's to drop.
 */
export async function* boundedChunks(request: Request, maxBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLargeResponse();
  if (!request.body) return;
  const reader = request.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      // Stop here: the rest stays unread on the socket.
      if (total > maxBytes) throw tooLargeResponse();
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Reads at most `maxBytes` of the body into memory (`boundedChunks`: 413 past the limit). */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of boundedChunks(request, maxBytes)) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The text fields of a posted form, in order, read once and within `maxBytes`. */
export async function readFormBody(request: Request, { maxBytes = DEFAULT_MAX_BYTES }: { maxBytes?: number } = {}): Promise<FormBody> {
  const type = mediaType(request);
  if (!FORM_TYPES.includes(type)) {
    // Still bounded: a refused body is not read at all.
    return { ok: false, reason: "unsupported" };
  }
  const bytes = await readBodyBytes(request, maxBytes);
  let formData: FormData;
  try {
    // The bytes are already bounded; the platform's parser does the rest (percent-decoding, multipart boundaries).
    formData = await new Response(bytes, { headers: { "Content-Type": request.headers.get("Content-Type")! } }).formData();
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const entries: [string, string][] = [];
  for (const [name, value] of formData.entries()) if (typeof value === "string") entries.push([name, value]);
  return { ok: true, entries };
}

/** The form error shown for a refused body. */
export function refusalMessage(reason: BodyRefusal | "malformed"): string {
  return reason === "unsupported" ? msg("form.unsupported") : reason === "malformed" ? msg("form.malformed") : msg("form.unreadable");
}
