import { describe, expect, it } from 'vitest';
import { BufferedLines, type ChunkSink } from './buffered-lines.js';

const quiet = { falling: () => undefined, recovered: () => undefined, failed: () => undefined };

describe('access-log lines on their way to a file', () => {
  it('writes many lines of one turn as chunks of whole lines small enough for one write(2) each (--workers share the file)', async () => {
    const chunks: string[] = [];
    const sink: ChunkSink = {
      name: 'recording',
      write: (chunk, done) => {
        chunks.push(chunk);
        setImmediate(done);
      },
      close: () => Promise.resolve(),
    };
    const lines = new BufferedLines(sink, 8 * 1024 * 1024, quiet);
    const written = Array.from({ length: 3000 }, (_, i) => `{"requestId":"${i}","pad":"${'x'.repeat(200)}"}`);
    for (const line of written) lines.write(line);
    await lines.idle();
    expect(chunks.length).toBeGreaterThan(1);
    // Node writes a file chunk in calls of at most 512 KiB: each chunk fits in one.
    for (const chunk of chunks) {
      expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(512 * 1024);
      expect(chunk.endsWith('\n')).toBe(true);
    }
    expect(chunks.join('').split('\n').filter(Boolean)).toEqual(written);
  });
});
