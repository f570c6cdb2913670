import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a lingering close waits for the next piece of the abandoned upload, at most. */
export const LINGER_IDLE_MS = 5_000;
/** How long a lingering close lasts at most, however steadily the client keeps sending. */
export const LINGER_TOTAL_MS = 30_000;
/** Bytes a lingering close reads and discards at most. */
export const LINGER_MAX_BYTES = 256 * 1024 * 1024;

export interface LingerLimits {
  readonly idleMs: number;
  readonly totalMs: number;
  readonly maxBytes: number;
}

const DEFAULT_LINGER: LingerLimits = { idleMs: LINGER_IDLE_MS, totalMs: LINGER_TOTAL_MS, maxBytes: LINGER_MAX_BYTES };

/**
 * "Lingering close", as nginx does it (its `lingering_close`): the gateway answered before the
 * client finished sending its body (413 over the payload quota, an error mid-upload) and closes the
 * connection after that answer. Closing a socket with unread bytes in it makes the kernel reset the
 * connection, and a client that reads the response only once its upload is done (Node's `fetch`)
 * then gets EPIPE or ECONNRESET instead of the answer. So the close waits: the answer goes out
 * with a FIN, and what the client still sends is read and thrown away until it stops sending, goes
 * quiet for `LINGER_IDLE_MS`, or passes `LINGER_TOTAL_MS` or `LINGER_MAX_BYTES`; then the socket closes.
 *
 * node:http closes a `connection: close` response's socket with `destroySoon()` once the response
 * is written: that one call, on this one socket, is replaced; its parser keeps consuming (and
 * dropping, the request being dumped) the rest of the body.
 */
export function lingerOnClose(socket: Socket, request: IncomingMessage, limits: LingerLimits = DEFAULT_LINGER): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    // node:http feeds the socket to its parser natively ('data' is not emitted): progress is read
    // from `bytesRead`.
    closeWhenUploadStops(socket, limits);
    socket.once('end', () => socket.destroy());
    // The whole request arrived after all: nothing is left unread, the close can be a plain one.
    if (request.complete) return void socket.destroy();
    request.once('end', () => socket.destroy());
    request.resume();
    socket.end();
    return this;
  };
}

/**
 * The watch of a lingering close, whichever server reads the socket: it is destroyed once the client
 * stops sending (nothing new in `bytesRead` for `idleMs`), or past `totalMs` or `maxBytes`, checked a
 * few times per idle period.
 */
export function closeWhenUploadStops(socket: Socket, limits: LingerLimits = DEFAULT_LINGER): void {
  const { idleMs, totalMs, maxBytes } = limits;
  const started = performance.now();
  const firstByte = socket.bytesRead;
  let lastByte = firstByte;
  let lastProgress = started;
  const check = setInterval(
    () => {
      const now = performance.now();
      const read = socket.bytesRead;
      if (read !== lastByte) {
        lastByte = read;
        lastProgress = now;
      }
      if (read - firstByte > maxBytes || now - lastProgress >= idleMs || now - started >= totalMs) socket.destroy();
    },
    Math.max(1, Math.min(250, idleMs / 4)),
  );
  socket.once('close', () => clearInterval(check));
}
