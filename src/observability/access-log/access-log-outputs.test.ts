import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { AccessLogOutputs } from './access-log-outputs.js';

const ARN = 'arn:aws:logs:us-east-2:123456789012:log-group:/aws/http-api/test';

/** Portico's own log lines, parsed. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; events: () => { level: number; msg: string }[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const logger = createLogger({ level: 'info', destination: stream });
  return {
    logger,
    events: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string }),
  };
}

/** A destination whose writes complete only when the test says so (a slow disk or a stalled pipe). */
function stalledStream(): { stream: Writable; received: () => string; release: () => void } {
  let received = '';
  let held: (() => void)[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.toString();
      held.push(() => callback());
    },
  });
  return {
    stream,
    received: () => received,
    release: () => {
      const callbacks = held;
      held = [];
      for (const callback of callbacks) callback();
    },
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('AccessLogOutputs', () => {
  it('bounds the memory of a destination that falls behind: drops lines, says so once, and says when it caught up', async () => {
    const { logger, events } = capturedLogger();
    const slow = stalledStream();
    const outputs = new AccessLogOutputs({ stdout: slow.stream, logger, maxBufferedChars: 100, flushAfterMs: 0 });
    const writer = outputs.writerFor(ARN);
    if (writer === undefined) throw new Error('expected a writer');
    const line = (n: number): string => `line-${String(n).padStart(15, '0')}`; // 20 characters, 21 with the newline
    for (let n = 1; n <= 10; n++) writer.write(line(n)); // 4 fit in 100 characters
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.received()).toBe(`${[1, 2, 3, 4].map(line).join('\n')}\n`);
    for (let n = 11; n <= 13; n++) writer.write(line(n)); // still in flight: dropped too
    slow.release();
    writer.write('after'); // room again once the chunk in flight is written
    await new Promise((resolve) => setImmediate(resolve));
    slow.release();
    await outputs.idle();
    expect(slow.received()).toBe(`${[1, 2, 3, 4].map(line).join('\n')}\nafter\n`);
    expect(events().map((e) => e.msg)).toEqual([
      'access log is falling behind: dropping lines until it catches up',
      'access log caught up after dropping 9 lines',
    ]);
  });

  it('reports a log file it cannot write once, and drops its lines without failing anything', async () => {
    const { logger, events } = capturedLogger();
    const dir = mkdtempSync(join(tmpdir(), 'portico-outputs-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'aws'), 'a file where the log directory should be');
    const outputs = new AccessLogOutputs({ dir, logger });
    const writer = outputs.writerFor(ARN);
    writer?.write('one');
    await outputs.idle();
    writer?.write('two');
    await outputs.idle();
    const errors = events().filter((e) => e.level >= 50);
    expect(errors.map((e) => e.msg)).toEqual(['access log cannot be written: its lines are dropped from now on']);
    await outputs.close();
  });

  it('appends to an existing file and flushes what is buffered on close', async () => {
    const { logger } = capturedLogger();
    const dir = mkdtempSync(join(tmpdir(), 'portico-outputs-'));
    dirs.push(dir);
    const first = new AccessLogOutputs({ dir, logger });
    first.writerFor(ARN)?.write('from the first run');
    await first.close();
    const second = new AccessLogOutputs({ dir, logger });
    second.writerFor(ARN)?.write('from the second run');
    await second.close();
    expect(readFileSync(join(dir, 'aws', 'http-api', 'test.log'), 'utf8')).toBe('from the first run\nfrom the second run\n');
  });

  it('writes nothing, and warns once, when there is neither a directory nor stdout', () => {
    const { logger, events } = capturedLogger();
    const outputs = new AccessLogOutputs({ logger });
    expect(outputs.enabled).toBe(false);
    expect(outputs.writerFor(ARN)).toBeUndefined();
    expect(outputs.writerFor(ARN)).toBeUndefined();
    expect(events().map((e) => e.msg)).toEqual([
      'access log for log group /aws/http-api/test is not written: start Portico with a project directory, --log-dir or --log-to-stdout',
    ]);
  });
});
