import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { linePieces, sharedStdout } from './shared-stdout.js';
import { parseWorkers } from './worker-count.js';

describe('stdout shared by the workers (--workers with --log-to-stdout)', () => {
  it('cuts a chunk of lines into whole-line pieces a pipe writes atomically; a longer line goes alone', () => {
    const chunk = Buffer.from(['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(30), 'd'.repeat(5)].map((l) => `${l}\n`).join(''));
    const pieces = linePieces(chunk, 24).map(String);
    expect(pieces).toEqual([`${'a'.repeat(10)}\n${'b'.repeat(10)}\n`, `${'c'.repeat(30)}\n`, `${'d'.repeat(5)}\n`]);
    expect(Buffer.concat(linePieces(chunk, 24)).equals(chunk)).toBe(true);
  });

  it('writes each piece only after the last one is out, so the stream never merges them into one larger write', async () => {
    const writes: string[] = [];
    let inFlight = 0;
    let most = 0;
    const target = new Writable({
      highWaterMark: 1 << 20,
      write(chunk: Buffer, _encoding, done) {
        inFlight++;
        most = Math.max(most, inFlight);
        writes.push(chunk.toString());
        setImmediate(() => {
          inFlight--;
          done();
        });
      },
    });
    const stdout = sharedStdout(target, 32);
    const lines = Array.from({ length: 20 }, (_, i) => `{"requestId":"${String(i).padStart(8, '0')}"}`);
    await new Promise<void>((resolve, reject) => stdout.write(`${lines.join('\n')}\n`, (error) => (error ? reject(error) : resolve())));
    expect(most).toBe(1);
    expect(writes.every((w) => Buffer.byteLength(w) <= 32 || w.split('\n').length === 2)).toBe(true);
    expect(writes.join('').split('\n').filter(Boolean)).toEqual(lines);
  });
});

describe('--workers', () => {
  it('takes a number of processes or "auto" (one per core), and says what it expected otherwise', () => {
    expect(parseWorkers('1')).toBe(1);
    expect(parseWorkers('4')).toBe(4);
    expect(parseWorkers('auto', () => 6)).toBe(6);
    expect(parseWorkers(undefined)).toBe(1);
    for (const bad of ['0', '-2', '1.5', 'two', '1000'])
      expect(() => parseWorkers(bad)).toThrow(
        `--workers ${bad}: expected a number of gateway processes from 1 to 256, or "auto" (one per core)`,
      );
  });
});
