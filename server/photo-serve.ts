/**
 * The answer of the photo routes (/files/:id and /files/:id/thumb) once they
 * have checked the viewer and the organisation: the stored JPEG, never
 * sniffed by the browser as anything else, shown inline under its id.
 */
import { readStoredFile } from "./photos";

/** The stored file of `key` as served to its organisation; 404 when the file is missing. */
export async function photoResponse(key: string, id: string, name = id): Promise<Response> {
  const bytes = await readStoredFile(key);
  if (!bytes) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": String(bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      // The id is ours (checked in the database), so it is safe in the header.
      "Content-Disposition": `inline; filename="${name}.jpg"`,
      // A stored photo never changes (its sha256 is recorded), but only its organisation may see it: no shared cache.
      "Cache-Control": "private, max-age=86400",
    },
  });
}
