import { Writable } from 'node:stream';

/**
 * The largest write a pipe takes whole, never interleaved with other writers' (POSIX PIPE_BUF:
 * 4,096 bytes on Linux, the POSIX minimum of 512 elsewhere).
 */
export const PIPE_ATOMIC_BYTES = process.platform === 'linux' ? 4096 : 512;

/** Cut a chunk of whole lines into pieces of at most `limit` bytes, each ending at a line's end (a longer line alone). */
export function linePieces(chunk: Buffer, limit: number): Buffer[] {
  const pieces: Buffer[] = [];
  let start = 0;
  while (start < chunk.length) {
    if (chunk.length - start <= limit) {
      pieces.push(chunk.subarray(start));
      break;
    }
    // The last line end that fits; none fits: the whole (long) line.
    let end = chunk.lastIndexOf(0x0a, start + limit - 1);
    if (end < start) end = chunk.indexOf(0x0a, start + limit);
    if (end < 0) end = chunk.length - 1;
    pieces.push(chunk.subarray(start, end + 1));
    start = end + 1;
  }
  return pieces;
}

/**
 * stdout as several gateway processes share it (`--workers` with `--log-to-stdout`): each write is a
 * run of whole access-log lines small enough for the pipe to take atomically, and the next is
 * written only once the last one is out, so Node never merges them into one larger write. Lines of
 * different workers may alternate; no line is cut by another's.
 */
export function sharedStdout(target: NodeJS.WritableStream = process.stdout, limit = PIPE_ATOMIC_BYTES): Writable {
  // A failed write (EPIPE once the reader is gone) reaches the write callback; unheard, the error
  // event would end the worker instead.
  if (target.listenerCount('error') === 0) target.on('error', () => undefined);
  const writeAll = (pieces: Buffer[], done: (error?: Error | null) => void): void => {
    const next = pieces.shift();
    if (next === undefined) return done();
    target.write(next, (error) => (error ? done(error) : writeAll(pieces, done)));
  };
  return new Writable({
    write(chunk: Buffer | string, encoding, done) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      writeAll(linePieces(bytes, limit), done);
    },
  });
}
