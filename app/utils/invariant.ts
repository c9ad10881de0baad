/**
 * The one way a loader or action answers "no such thing" (or another
 * organisation's thing, which must look the same): throws a Response when
 * `condition` is false, so the route's error boundary shows the right page.
 * The default status is 400; pass `...NOT_FOUND` (or `{ status: 404 }`) for 404.
 */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) {
    throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
  }
}

/** `invariantResponse(found, ...NOT_FOUND)`: an unknown id, or another organisation's, as the same 404. */
export const NOT_FOUND = ["Not found", { status: 404 }] as const satisfies [string, ResponseInit];
