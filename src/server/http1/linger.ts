import type { Socket } from 'node:net';
import { closeWhenUploadStops } from '../../data-plane/index.js';

/**
 * "Lingering close", as nginx does it (and data-plane/lingering-close.ts for node:http): the answer
 * went out before the client finished sending its body. The answer leaves with a FIN; what the
 * client still sends is read (the connection's parser keeps framing it, and drops it) until the
 * body is complete (the connection closes then) or the client stops sending (`closeWhenUploadStops`),
 * so the client reads the answer rather than a reset.
 */
export function lingerThenClose(socket: Socket): void {
  socket.end();
  closeWhenUploadStops(socket);
  if (socket.isPaused()) socket.resume();
}
