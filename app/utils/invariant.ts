/**
 * Throws a Response (404 by default) when `condition` is false, so a loader can
 * check route params in one line and the error boundary shows the right page.
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
