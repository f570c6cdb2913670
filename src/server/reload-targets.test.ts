import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../model/index.js';
import { createLogger } from '../observability/index.js';
import { createLoggedTargetMap } from './reload-targets.js';

describe('createLoggedTargetMap', () => {
  it('logs a target leaving the rotation (with why and for how long) and coming back, once each', () => {
    const lines: { level: number; msg: string }[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    const clock = new ManualClock();
    const map = createLoggedTargetMap(
      { 'my-lb': ['http://127.0.0.1:4001', 'http://127.0.0.1:4002'] },
      { aliases: {}, ca: [], clock, logger: createLogger({ level: 'info', destination }), quarantineMs: 5_000 },
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4002'), { code: 'ECONNREFUSED' });
    map.health.markFailed('http://127.0.0.1:4002', refused);
    map.health.markFailed('http://127.0.0.1:4002', refused);
    clock.advance(5_000);
    map.health.markOk('http://127.0.0.1:4002');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [
        40,
        'Target http://127.0.0.1:4002 could not be connected to (ECONNREFUSED): out of the rotation for 5 s, requests go to the other targets',
      ],
      [30, 'Target http://127.0.0.1:4002 answered again: back in the rotation'],
    ]);
  });
});
