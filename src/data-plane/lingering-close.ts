import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a lingering close waits for the next piece of the abandoned upload, at most. */
export const LINGER_IDLE_MS = 5_000;
/** How long a lingering close lasts at most, however steadily the client keeps sending. */
export const LINGER_TOTAL_MS = 30_000;
/** Bytes a lingering close reads and discards at most. */
export const LINGER_MAX_BYTES = 256 * 1024 * 1024;

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
export function lingerOnClose(socket: Socket, request: IncomingMessage): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    const started = performance.now();
    let discarded = 0;
    let idle: NodeJS.Timeout | undefined;
    const close = (): void => {
      clearTimeout(idle);
      socket.off('data', onData);
      socket.destroy();
    };
    const arm = (): void => {
      clearTimeout(idle);
      const left = LINGER_TOTAL_MS - (performance.now() - started);
      idle = setTimeout(close, Math.max(0, Math.min(LINGER_IDLE_MS, left)));
    };
    const onData = (chunk: Buffer): void => {
      discarded += chunk.length;
      if (discarded > LINGER_MAX_BYTES) close();
      else arm();
    };
    socket.on('data', onData);
    socket.once('end', close);
    socket.once('close', () => clearTimeout(idle));
    // The whole request arrived after all: nothing is left unread, the close can be a plain one.
    if (request.complete) return void close();
    request.once('end', close);
    request.resume();
    arm();
    socket.end();
    return this;
  };
}
