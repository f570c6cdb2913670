import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Http1Handlers } from './exchanges.js';
import { unconsumeSocket } from './feed.js';
import { releaseParser, type RequestParser } from './llhttp.js';

/**
 * An upgrade request of the own server is in its turn: its connection is handed over (the server no
 * longer reads it: `consumed`, llhttp stops reading the socket), and a WebSocket API takes the
 * socket, or it is answered as the plain request it also is.
 */
export function handOverUpgrade(
  request: IncomingMessage,
  socket: Socket,
  head: Buffer,
  parser: RequestParser,
  consumed: boolean,
  handlers: Http1Handlers,
): void {
  socket.setTimeout(0);
  if (consumed) unconsumeSocket(socket, parser);
  releaseParser(parser);
  (socket as { readableFlowing: boolean | null }).readableFlowing = null;
  if (handlers.upgrade?.(request, socket, head) === true) return;
  answerAsRequest(request, socket, head, handlers.request, handlers.adopt);
}

/**
 * An upgrade request nobody took (an HTTP API, the control plane, `Upgrade: h2c`…) is answered as the
 * plain request it also is, as API Gateway answers it, on node:http's ServerResponse over the socket;
 * then the connection goes on (`goOn`: back to the server it came from) with the bytes that followed
 * the head (`head`: a request pipelined behind it in the same packet), as a keep-alive connection,
 * and what follows is answered too. An upgrade request that declares a body closes the connection
 * after its answer instead: the parser stopped at its head and gave that body away in `head`, so
 * nothing after it could be framed. Both servers of the edge (node:http and the own one) answer so.
 */
export function answerAsRequest(
  req: IncomingMessage,
  socket: Socket,
  head: Buffer,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  goOn: (socket: Socket) => void,
): void {
  const res = new ServerResponse(req);
  const declaresBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  res.shouldKeepAlive = !declaresBody;
  res.assignSocket(socket);
  res.on('finish', () => {
    res.detachSocket(socket);
    // The answer said `connection: close` (an error while a body was left unread…): it closes.
    const closes = (res as ServerResponse & { _last?: boolean })._last === true;
    if (declaresBody || closes || !socket.writable || socket.destroyed) return void socket.end();
    if (head.length > 0) socket.unshift(head);
    goOn(socket);
  });
  handler(req, res);
}
