import type { Socket } from 'node:net';
import { HTTPParser, type ParseError, type RequestParser } from './llhttp.js';

/** The parts of a socket's libuv stream handle (TCPWrap) that feeding a parser natively needs; node:http's server uses the same. */
interface StreamHandle {
  isStreamBase?: boolean;
  _consumed?: boolean;
  reading: boolean;
  readStart(): number;
  readStop(): number;
}

interface HandleSocket {
  _handle: StreamHandle | null;
  _unrefTimer?: () => void;
}

function handleOf(socket: Socket): StreamHandle | null {
  return (socket as unknown as HandleSocket)._handle;
}

/**
 * Lets llhttp read a plain TCP socket itself, as node:http's server does (`parser.consume`): each
 * read is parsed in C++ from one buffer the process reuses, and only the parser's callbacks and
 * `onExecute` (bytes parsed, or the error) reach JavaScript. No Buffer is allocated per read (with
 * 'data' events every read gets a 64 KiB allocation, trimmed to its size: the heap fragments under
 * load) and no stream event is emitted. The socket's `pause`/`resume` still stop and start reading
 * (through its 'pause' and 'resume' events, as node:http does), and its 'end' and 'close' still come.
 * False when the socket has no stream handle of its own, or one already consumed: 'data' events then.
 */
export function consumeSocket(socket: Socket, parser: RequestParser, onExecute: (parsed: number | ParseError) => void): boolean {
  const handle = handleOf(socket);
  if (handle === null || handle.isStreamBase !== true || handle._consumed === true || socket.readableLength > 0) return false;
  handle._consumed = true;
  parser.consume(handle);
  parser[HTTPParser.kOnExecute] = onExecute;
  socket.on('pause', stopReading);
  socket.on('resume', onResume);
  return true;
}

/**
 * The parser stops reading the socket: what arrives next is the socket's own again ('data' events,
 * or buffered until someone reads), and reading goes on if it was paused.
 */
export function unconsumeSocket(socket: Socket, parser: RequestParser): void {
  parser.unconsume();
  parser[HTTPParser.kOnExecute] = undefined;
  socket.off('pause', stopReading);
  socket.off('resume', onResume);
  const handle = handleOf(socket);
  if (handle === null) return;
  handle._consumed = false;
  // The stream's own read state never saw these reads (nothing was pushed): it would not restart them.
  startReading.call(socket);
}

/** A read arrived without a 'data' event: the socket's idle timer starts again (node:http does the same). */
export function readArrived(socket: Socket): void {
  (socket as unknown as HandleSocket)._unrefTimer?.();
}

function stopReading(this: Socket): void {
  const handle = handleOf(this);
  if (handle === null || !handle.reading) return;
  handle.reading = false;
  handle.readStop();
}

// 'resume' is emitted a tick after `resume()`: a `pause()` in between wins.
function onResume(this: Socket): void {
  if (!this.isPaused()) startReading.call(this);
}

function startReading(this: Socket): void {
  const handle = handleOf(this);
  if (handle === null || handle.reading || this.destroyed) return;
  handle.reading = true;
  handle.readStart();
}
