import { describe, expect, it } from 'vitest';
import { HOSTILE_RESPONSES } from './hostile-responses.test-support.js';
import { bytes, differences, parseWithOurs, splitAt } from './parser-probe.test-support.js';

/*
 * What a broken or hostile backend can send (hostile-responses.ts), at the parser: each response
 * ends as its table row says, whole and cut into two reads at every offset or one byte per read;
 * a response the table says is refused early is refused from the bytes so far, without waiting for
 * its end or the close (the cases that once waited: a bare-LF head, status 000 or 099).
 */

describe('response parser: hostile responses', () => {
  for (const hostile of HOSTILE_RESPONSES)
    it(`${hostile.name}: ${hostile.expect.ending}`, () => {
      const data = bytes(hostile.text);
      const whole = parseWithOurs(hostile.method, [data]);
      expect(whole.violations).toEqual([]);
      expect(whole).toMatchObject(hostile.expect);
      if (hostile.expect.ending === 'refused') expect(whole.code).toBe('malformed');
      if (hostile.expect.ending === 'cut') expect(whole.code).toBe('closed');
      // Every offset of a response up to 2 KiB; of a longer one, the first 512, every 61st and the last 64.
      const cuts: number[][] = [];
      for (let at = 1; at < data.length; at++)
        if (data.length <= 2_048 || at <= 512 || at % 61 === 0 || at > data.length - 64) cuts.push([at]);
      if (data.length <= 2_048) cuts.push(Array.from({ length: data.length }, (_, at) => at));
      const mismatches: string[] = [];
      for (const offsets of cuts) {
        const ours = parseWithOurs(hostile.method, splitAt(data, offsets));
        const found = [...ours.violations, ...differences(ours, whole)];
        if (ours.rest !== whole.rest) found.push(`rest ${ours.rest} ≠ ${whole.rest}`);
        if (found.length > 0) mismatches.push(`${offsets.length > 1 ? 'one byte per read' : `cut at ${offsets[0]}`}: ${found.join('; ')}`);
      }
      expect({ count: mismatches.length, first: mismatches.slice(0, 3) }).toEqual({ count: 0, first: [] });
      if (hostile.refusedBy !== undefined) {
        // No close and no more bytes: the refusal cannot have waited for either.
        const prefix = data.subarray(0, hostile.refusedBy);
        expect(parseWithOurs(hostile.method, [prefix])).toMatchObject({ ending: 'refused', code: 'malformed' });
        expect(parseWithOurs(hostile.method, splitAt(prefix, [prefix.length - 1]))).toMatchObject({ ending: 'refused' });
      }
    });
});
