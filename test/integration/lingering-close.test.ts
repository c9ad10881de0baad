/**
 * server/lingering-close.ts on a real Express server: a client still uploading
 * when the server refuses its body receives the refusal every time, the
 * connection drains what still arrives (without it, Node closes a socket with
 * unread bytes, which resets it: a race the client loses now and then, when
 * its write fails before it has read the answer, as forms-server.e2e did on a
 * loaded CI machine), and a client that never stops sending is cut off after
 * the grace bytes.
 */
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { lingeringClose } from "../../server/lingering-close";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Answers every POST with a 413 and `Connection: close` after reading 16 KB of the body, as app/utils/body.ts does. */
function refusingServer(options: Parameters<typeof lingeringClose>[0]): Promise<number> {
  const app = express();
  app.use(lingeringClose(options));
  app.post("*", (req, res) => {
    let read = 0;
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read < 16 * 1024) return;
      req.off("data", onData);
      req.pause();
      res.status(413).set("Connection", "close").type("text/plain").send("too large");
    };
    req.on("data", onData);
  });
  return new Promise((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve((server!.address() as AddressInfo).port));
  });
}

type Outcome = { status: number; body: string } | { error: string };

/** Sends `total` bytes chunked as fast as the socket takes them (or forever), stopping when the answer arrives. */
function flood(port: number, total = Infinity): Promise<Outcome> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/", headers: { "Transfer-Encoding": "chunked" } }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!answered) resolve({ error: error.code ?? error.message });
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("the lingering close", () => {
  it("delivers the refusal to a client that is still sending, every time", async () => {
    const port = await refusingServer({});
    const outcomes: Outcome[] = [];
    for (let attempt = 0; attempt < 25; attempt++) outcomes.push(await flood(port, 32 * 1024 * 1024));
    expect(outcomes).toEqual(Array.from({ length: 25 }, () => ({ status: 413, body: "too large" })));
  });

  it("cuts off a client that keeps sending after the refusal, once the grace bytes are read", async () => {
    const port = await refusingServer({ graceBytes: 1024 * 1024, graceMs: 60_000 });
    const socketClosed = new Promise<{ bytesRead: number; ms: number }>((resolve) => {
      server!.once("connection", (socket) => {
        const started = Date.now();
        socket.once("close", () => resolve({ bytesRead: socket.bytesRead, ms: Date.now() - started }));
      });
    });
    // A raw socket that ignores the answer and writes until the server closes.
    const net = await import("node:net");
    const client = net.connect(port, "127.0.0.1");
    client.on("error", () => undefined);
    client.write("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    const chunk = Buffer.from(`10000\r\n${"a".repeat(0x10000)}\r\n`);
    const pump = () => {
      while (!client.destroyed && client.write(chunk));
      if (!client.destroyed) client.once("drain", pump);
    };
    pump();
    const { bytesRead } = await socketClosed;
    client.destroy();
    // 16 KB read by the route, the grace megabyte, and what was in flight: not the endless stream.
    expect(bytesRead).toBeGreaterThan(1024 * 1024);
    expect(bytesRead).toBeLessThan(8 * 1024 * 1024);
  });

  it("leaves a connection whose body was read to the end to close at once", async () => {
    const app = express();
    app.use(lingeringClose({ graceMs: 60_000 }));
    app.post("*", express.text({ type: "*/*" }), (_req, res) => res.set("Connection", "close").send("ok"));
    const port = await new Promise<number>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve((server!.address() as AddressInfo).port));
    });
    const closedWithin = new Promise<number>((resolve) => {
      server!.once("connection", (socket) => {
        const started = Date.now();
        socket.once("close", () => resolve(Date.now() - started));
      });
    });
    const answer = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "small" });
    expect(await answer.text()).toBe("ok");
    // Not held for the 60 s grace: closed as Node closes it.
    expect(await closedWithin).toBeLessThan(30_000);
  });
});
