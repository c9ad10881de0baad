import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { RequestHandler } from "express";

/**
 * The "TCP reset problem" (RFC 9112 §9.6): when the server answers before the
 * body has arrived (a 413 with `Connection: close`) and then closes a socket
 * whose receive buffer still holds unread bytes, the kernel sends a reset, and
 * a reset makes the client's kernel throw away the answer it had received but
 * not yet read. The browser shows "connection reset" instead of our page.
 *
 * Node closes such a connection with `socket.destroySoon()`. This middleware
 * replaces that, for connections whose request body is unfinished, with a
 * lingering close: half-close (our FIN follows the answer), keep reading and
 * discarding what still arrives, and destroy the socket when the client closes
 * its side, or after `graceMs`, or after `graceBytes` more bytes, whichever is
 * first, so a client that never stops costs us a bounded amount of reading and
 * no memory.
 */
export function lingeringClose({ graceMs = 2_000, graceBytes = 8 * 1024 * 1024 }: { graceMs?: number; graceBytes?: number } = {}): RequestHandler {
  return (req, _res, next) => {
    const socket = req.socket as LingeringSocket;
    if (!socket.currentRequest) {
      const destroySoon = socket.destroySoon.bind(socket);
      socket.destroySoon = () => {
        // One socket serves several requests in turn (keep-alive): the one current when Node closes is the one to drain.
        const body = socket.currentRequest;
        if (body && !body.readableEnded) linger(socket, body, graceMs, graceBytes);
        else destroySoon();
      };
    }
    socket.currentRequest = req;
    next();
  };
}

type LingeringSocket = Socket & { currentRequest?: IncomingMessage };

function linger(socket: Socket, body: IncomingMessage, graceMs: number, graceBytes: number): void {
  socket.end();
  const done = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(done, graceMs);
  timer.unref();
  let drained = 0;
  // Whatever the app attached to the body (a paused reader) must not receive what is discarded.
  body.removeAllListeners("data");
  body.removeAllListeners("readable");
  body.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > graceBytes) done();
  });
  body.once("end", done);
  body.once("error", done);
  socket.once("end", done);
  socket.once("close", () => clearTimeout(timer));
  body.resume();
}
