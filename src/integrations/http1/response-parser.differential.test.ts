import { describe, expect, it } from 'vitest';
import { LLHTTP_DIFFERENCES } from './llhttp-differences.test-support.js';
import { parseWithLlhttp } from './llhttp-reference.test-support.js';
import { bytes, differences, parseWithOurs, splitAt } from './parser-probe.test-support.js';
import { RESPONSE_SAMPLES } from './response-samples.test-support.js';

/*
 * Our ResponseParser against llhttp as Node's HTTP client uses it: the same bytes, cut into reads
 * every way below, must give the same interim statuses, final status, fields (names, values,
 * order), body bytes and ending (framed, at the close, cut, refused), or be refused by both. The
 * differences we mean are listed, with their reasons, in llhttp-differences.ts and pinned last.
 */

const range = (from: number, to: number, step = 1): number[] => {
  const values: number[] = [];
  for (let at = from; at < to; at += step) values.push(at);
  return values;
};
const ascending = (values: number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

/** Past this size, two-read cuts are sampled: the first and last 64 bytes, every 257th, both sides of each CR and LF in the first 2 KiB. */
const EVERY_OFFSET_UP_TO = 2_048;

interface Cuts {
  readonly name: string;
  readonly offsets: number[];
}

function cutsOf(data: Buffer): Cuts[] {
  const n = data.length;
  const lineEnds: number[] = [];
  for (let at = 0; at < n; at++) if (data[at] === 13 || data[at] === 10) lineEnds.push(at, at + 1);
  const twoReads =
    n <= EVERY_OFFSET_UP_TO
      ? range(1, n)
      : ascending([...range(1, 64), ...range(n - 64, n), ...range(257, n, 257), ...lineEnds.filter((at) => at < EVERY_OFFSET_UP_TO)]);
  const cuts: Cuts[] = [{ name: 'one read', offsets: [] }];
  for (const at of twoReads) cuts.push({ name: `two reads cut at ${at}`, offsets: [at] });
  if (n <= EVERY_OFFSET_UP_TO) cuts.push({ name: 'one byte per read', offsets: range(1, n) });
  for (const size of [2, 3, 7, 64]) cuts.push({ name: `${size}-byte reads`, offsets: range(size, n, size) });
  cuts.push({ name: 'a cut on both sides of every CR and LF', offsets: ascending(lineEnds) });
  return cuts;
}

describe('response parser and llhttp read valid responses alike, however they are cut into reads', () => {
  for (const sample of RESPONSE_SAMPLES)
    it(`${sample.name} (${sample.method})`, async () => {
      const data = bytes(sample.text);
      const whole = parseWithOurs(sample.method, [data]);
      expect(whole.violations).toEqual([]);
      expect({ ending: whole.ending, rest: whole.rest }).toEqual({ ending: sample.ending, rest: sample.rest });
      expect(LLHTTP_DIFFERENCES.filter((difference) => difference.covers?.(sample.text)).map((d) => d.name)).toEqual([]);
      const mismatches: string[] = [];
      for (const cuts of cutsOf(data)) {
        const pieces = splitAt(data, cuts.offsets);
        const ours = parseWithOurs(sample.method, pieces);
        const theirs = await parseWithLlhttp(sample.method, pieces);
        const found = [...ours.violations, ...differences(ours, theirs).map((line) => `ours ≠ llhttp, ${line}`)];
        found.push(...differences(ours, whole).map((line) => `this cut ≠ one read, ${line}`));
        if (ours.rest !== whole.rest) found.push(`rest ${ours.rest} ≠ ${whole.rest} in one read`);
        if (found.length > 0) mismatches.push(`${cuts.name}: ${found.join('; ')}`);
      }
      expect({ count: mismatches.length, first: mismatches.slice(0, 3) }).toEqual({ count: 0, first: [] });
    });
});

describe('where our parser reads a response differently from llhttp, on purpose (llhttp-differences.ts)', () => {
  for (const difference of LLHTTP_DIFFERENCES)
    it(difference.name, async () => {
      const data = bytes(difference.text);
      const ours = parseWithOurs(difference.method, [data]);
      const theirs = await parseWithLlhttp(difference.method, [data]);
      expect(ours.violations).toEqual([]);
      const why = `${difference.name}: ${difference.why}`;
      expect({ ours: ours.ending, llhttp: theirs.ending }, why).toEqual({ ours: difference.ours, llhttp: difference.llhttp });
      // Still a difference: an entry both parsers now agree on is stale and must go.
      expect(differences(ours, theirs), why).not.toEqual([]);
      if (difference.covers !== undefined) expect(difference.covers(difference.text), why).toBe(true);
    });
});
