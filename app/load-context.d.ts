import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce, made by server.ts. */
    cspNonce?: string;
    /** The client's address as the server saw it (behind a proxy: X-Forwarded-For). */
    clientIp?: string;
  }
}
