import { close, mkdirSync, openSync, write, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChunkSink } from './buffered-lines.js';

/** A synchronous append slower than this means a slow disk: from then on the sink writes off the event loop. */
const SLOW_WRITE_MS = 20;

/**
 * A log file, appended to (O_APPEND: several gateway processes may share it, each chunk lands
 * whole). Its directory is created and the file opened on first use, then kept open. A chunk (the
 * lines of one event-loop turn) is appended synchronously: on a local disk that is one write(2) into
 * the page cache, far cheaper than handing it to the thread pool and waking the loop when it is done
 * (two context switches on the gateway's core per chunk). Should one append ever take longer than
 * SLOW_WRITE_MS, later ones go through the thread pool, so a slow disk cannot stall requests.
 */
export function fileSink(path: string): ChunkSink {
  let fd: number | undefined;
  let offLoop = false;
  const append = (data: Buffer, from: number, done: (error?: Error | null) => void): void => {
    write(fd as number, data, from, data.length - from, null, (error, written) => {
      if (error) done(error);
      else if (from + written < data.length) append(data, from + written, done);
      else done();
    });
  };
  return {
    name: path,
    write(chunk, done) {
      const data = Buffer.from(chunk, 'utf8');
      try {
        if (fd === undefined) {
          mkdirSync(dirname(path), { recursive: true });
          fd = openSync(path, 'a');
        }
        if (offLoop) return append(data, 0, done);
        const started = performance.now();
        let from = 0;
        while (from < data.length) from += writeSync(fd, data, from, data.length - from);
        if (performance.now() - started > SLOW_WRITE_MS) offLoop = true;
      } catch (error) {
        return done(error as Error);
      }
      done();
    },
    close() {
      if (fd === undefined) return Promise.resolve();
      const open = fd;
      fd = undefined;
      // A file that never opened has nothing to close; a failed close has nothing left to lose.
      return new Promise((resolve) => close(open, () => resolve()));
    },
  };
}

/** A stream the process does not own (stdout for `--log-to-stdout`): written to, never closed. */
export function streamSink(name: string, stream: NodeJS.WritableStream): ChunkSink {
  // The write callback reports errors (EPIPE when stdout's reader is gone); an 'error' event
  // without a listener would crash the gateway instead.
  if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
  return {
    name,
    write(chunk, done) {
      stream.write(chunk, done);
    },
    close: () => Promise.resolve(),
  };
}
