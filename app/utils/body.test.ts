import { describe, expect, it } from "vitest";
import { readBodyBytes, readFormBody } from "./body";

/** A chunked body (no Content-Length) of `chunks` × 64 KB, counting what the reader pulled. */
function streamingRequest(chunks: number, headers: Record<string, string> = {}) {
  const chunk = new TextEncoder().encode("a=".padEnd(64 * 1024, "x"));
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(chunk);
    },
  });
  const request = new Request("http://x/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

async function thrown(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("readFormBody", () => {
  it("stops a chunked body at the limit with a 413 that closes the connection", async () => {
    const { request, pulled } = streamingRequest(800); // 50 MB
    const response = await thrown(() => readFormBody(request, { maxBytes: 256 * 1024 }));
    expect(response.status).toBe(413);
    expect(response.headers.get("Connection")).toBe("close");
    expect(await response.text()).toContain("过大");
    // 256 KB is 4 chunks; the stream's queue may hold one more. Nowhere near the 800 sent.
    expect(pulled()).toBeLessThanOrEqual(6);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const { request, pulled } = streamingRequest(800, { "Content-Length": String(50 * 1024 * 1024) });
    expect((await thrown(() => readBodyBytes(request, 1024))).status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("reads a body under the limit whole, however it is chunked", async () => {
    const { request } = streamingRequest(3);
    const body = await readFormBody(request, { maxBytes: 256 * 1024 });
    expect(body.ok && body.entries.length).toBe(1);
  });

  it("does not read a body that is not a form", async () => {
    const { request, pulled } = streamingRequest(800, { "Content-Type": "application/json" });
    expect(await readFormBody(request)).toEqual({ ok: false, reason: "unsupported" });
    expect(pulled()).toBeLessThanOrEqual(1);
  });
});
