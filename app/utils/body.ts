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
 * - File parts of a multipart body are not read into the form: uploads will
 *   get their own streaming reader (to disk, with their own limit). Until
 *   then `readFormBody` ignores them; the byte limit still covers them.
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

function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Reads at most `maxBytes` of the body. Throws `tooLargeResponse()` when the
 * declared length or the bytes actually received pass the limit.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLargeResponse();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // Stop here: what is already read is dropped, the rest stays unread on the socket.
      if (total > maxBytes) throw tooLargeResponse();
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
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
