import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChunkSink } from './buffered-lines.js';

/**
 * A log file, appended to (O_APPEND: several gateway processes may share it, each chunk lands
 * whole). Its directory is created on first use; the file is opened once and kept open.
 */
export function fileSink(path: string): ChunkSink {
  let handle: Promise<FileHandle> | undefined;
  const opened = (): Promise<FileHandle> =>
    (handle ??= mkdir(dirname(path), { recursive: true }).then(() => open(path, 'a')));
  return {
    name: path,
    write(chunk, done) {
      opened()
        .then((file) => file.appendFile(chunk, 'utf8'))
        .then(() => done(), done);
    },
    async close() {
      if (handle === undefined) return;
      try {
        await (await handle).close();
      } catch {
        // A file that never opened has nothing to close; the failure was reported when writing.
      }
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
