/**
 * What the photo field's form shares between page and action, free of React
 * and Node: the size photos are shrunk to, and the `clientKey` a form sends so
 * a retried submission can find what its first attempt already wrote.
 */
import { z } from "zod";

/** The long side of a stored photo; the phone shrinks to the same before uploading. */
export const PHOTO_MAX_SIDE = 1600;

/** The name of the hidden field `<PhotoField>` adds. */
export const CLIENT_KEY_FIELD = "clientKey";

/** The schema entry for `clientKey` (optional: a client without JavaScript may drop it). */
export const clientKeyField = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "form.malformed")
  .optional();

/** A random v4 UUID; `crypto.randomUUID` exists only in secure contexts, and intranets often serve plain http. */
export function randomKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `width`×`height` scaled down (never up) so the long side is at most `max`. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
