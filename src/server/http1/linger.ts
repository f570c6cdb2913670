import type { Socket } from 'node:net';
import { LINGER_IDLE_MS, LINGER_MAX_BYTES, LINGER_TOTAL_MS } from '../../data-plane/index.js';

/**
 * "Lingering close", as nginx does it (and data-plane/lingering-close.ts for node:http): the answer
 * went out before the client finished sending its body. The answer leaves with a FIN; what the
 * client still sends is read (the connection's parser keeps framing it, and drops it) until the
 * body is complete (the connection closes then), the client goes quiet for `LINGER_IDLE_MS`, or
 * `LINGER_TOTAL_MS` or `LINGER_MAX_BYTES` pass; so the client reads the answer rather than a reset.
 */
export function lingerThenClose(socket: Socket): void {
  socket.end();
  const started = performance.now();
  const firstByte = socket.bytesRead;
  let lastByte = firstByte;
  let lastProgress = started;
  const check = setInterval(() => {
    const now = performance.now();
    if (socket.bytesRead !== lastByte) {
      lastByte = socket.bytesRead;
      lastProgress = now;
    }
    if (lastByte - firstByte > LINGER_MAX_BYTES || now - lastProgress >= LINGER_IDLE_MS || now - started >= LINGER_TOTAL_MS)
      socket.destroy();
  }, 250);
  check.unref();
  socket.once('close', () => clearInterval(check));
  if (socket.isPaused()) socket.resume();
}
