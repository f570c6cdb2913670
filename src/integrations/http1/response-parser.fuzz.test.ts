import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LLHTTP_DIFFERENCES } from './llhttp-differences.test-support.js';
import { parseWithLlhttp } from './llhttp-reference.test-support.js';
import { bytes, differences, parseWithOurs, splitAt, type Outcome } from './parser-probe.test-support.js';
import { RESPONSE_SAMPLES } from './response-samples.test-support.js';

/*
 * Mutated valid responses (response-samples.ts) against the parser's promises, for a bounded time:
 * it throws nothing but UpstreamError, reports no body before the final head, no more body bytes
 * than it was given, nothing after the end (parser-probe.ts checks these); it reads the bytes the
 * same whole or cut into reads; and where llhttp and we both accept the bytes, we agree with it,
 * unless llhttp-differences.ts explains why not.
 *
 * Replay a failure with the FUZZ_SEED and FUZZ_ITERATION its message prints. FUZZ_MS and
 * FUZZ_ITERATIONS set the budget (default 2.5 s, at most 100,000 iterations).
 */

const BUDGET_MS = Number(process.env.FUZZ_MS ?? 2_500);
const MAX_ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 100_000);
const SEED = process.env.FUZZ_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.FUZZ_SEED);
const ONLY = process.env.FUZZ_ITERATION === undefined ? undefined : Number(process.env.FUZZ_ITERATION);

/** Random integers below `n`, from a seed (SplitMix32): the same seed, the same run. */
type Random = (n: number) => number;
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) % n;
  };
}

const INSERTS = [
  '\r',
  '\n',
  '\0',
  ':',
  ' ',
  '\t',
  ',',
  ';',
  '0',
  '1',
  '7',
  'f',
  '-',
  '\r\n',
  '\r\n\r\n',
  '0\r\n\r\n',
  'HTTP/1.1 200 OK\r\n',
];

/** Line starts (0 and every byte after a LF). */
function lineStarts(data: Buffer): number[] {
  const starts = [0];
  for (let at = data.indexOf(10); at >= 0 && at + 1 < data.length; at = data.indexOf(10, at + 1)) starts.push(at + 1);
  return starts;
}

/** One random change: a byte set or flipped, an insertion, a deletion, a truncation, a line duplicated, a CR dropped, a number replaced. */
function mutateOnce(data: Buffer, random: Random): Buffer {
  const at = random(data.length + 1);
  const join = (...parts: (Buffer | string)[]): Buffer =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? bytes(part) : part)));
  switch (random(8)) {
    case 0: {
      const copy = Buffer.from(data);
      if (at < copy.length) copy[at] = random(2) === 0 ? random(256) : (copy[at] as number) ^ (1 << random(8));
      return copy;
    }
    case 1:
      return join(data.subarray(0, at), INSERTS[random(INSERTS.length)] as string, data.subarray(at));
    case 2:
      return join(data.subarray(0, at), data.subarray(Math.min(data.length, at + 1 + random(4))));
    case 3:
      return data.subarray(0, at);
    case 4: {
      const starts = lineStarts(data);
      const line = random(starts.length);
      const end = starts[line + 1] ?? data.length;
      return join(data.subarray(0, end), data.subarray(starts[line] as number, end), data.subarray(end));
    }
    case 5: {
      const cr = data.indexOf('\r\n', at);
      return cr < 0 ? data : join(data.subarray(0, cr), data.subarray(cr + 1));
    }
    case 6: {
      // A number (a status, a length, a chunk size) replaced by another, sometimes a huge one.
      let digit = at;
      while (digit < data.length && !((data[digit] as number) >= 48 && (data[digit] as number) <= 57)) digit++;
      let end = digit;
      while (end < data.length && (data[end] as number) >= 48 && (data[end] as number) <= 57) end++;
      const value = random(4) === 0 ? '9'.repeat(1 + random(25)) : String(random(1_000));
      return digit >= data.length ? data : join(data.subarray(0, digit), value, data.subarray(end));
    }
    default: {
      const copy = Buffer.from(data);
      if (at < copy.length) copy[at] = random(2) === 0 ? 13 : 10;
      return copy;
    }
  }
}

/** Bytes as a JS string literal, every byte outside printable ASCII escaped (so that a failure shows what was sent). */
const literal = (data: Buffer): string =>
  `'${[...data].map((c) => (c >= 0x20 && c < 0x7f && c !== 0x27 && c !== 0x5c ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`)).join('')}'`;

const accepted = (outcome: Outcome): boolean => outcome.ending === 'framed' || outcome.ending === 'at-close';

describe('response parser fuzz', () => {
  it(`keeps its promises and agrees with llhttp on mutated responses (seed ${SEED})`, async () => {
    const started = performance.now();
    const counts = { iterations: 0, comparedWithLlhttp: 0, oursRefused: 0, llhttpRefused: 0, excused: 0 };
    for (let i = ONLY ?? 0; ; i++) {
      if (ONLY !== undefined ? i > ONLY : counts.iterations >= MAX_ITERATIONS || performance.now() - started > BUDGET_MS) break;
      const random = seeded((SEED + Math.imul(i, 0x9e3779b9)) >>> 0);
      const sample = RESPONSE_SAMPLES[random(RESPONSE_SAMPLES.length)] as (typeof RESPONSE_SAMPLES)[number];
      let data = bytes(sample.text);
      // Mostly one change: a mutant close to a valid response is the one both parsers still read.
      for (let n = random(4) === 0 ? 2 + random(2) : 1; n > 0; n--) data = mutateOnce(data, random);
      const cuts = Array.from({ length: random(5) }, () => random(data.length + 1)).sort((a, b) => a - b);
      const pieces = splitAt(data, cuts);
      const fail = (problem: string): never => {
        const input = `${sample.name} (${sample.method}) mutated, cut at [${cuts.join(', ')}]: ${literal(data)}`;
        throw new Error(`${problem}\n  input: ${input}\n  replay: FUZZ_SEED=${SEED} FUZZ_ITERATION=${i}`);
      };
      counts.iterations++;
      const whole = parseWithOurs(sample.method, [data]);
      const ours = parseWithOurs(sample.method, pieces);
      if (whole.violations.length > 0 || ours.violations.length > 0)
        fail(`broken promise: ${[...whole.violations, ...ours.violations].join('; ')}`);
      const split = differences(ours, whole);
      if (split.length > 0 || ours.rest !== whole.rest)
        fail(`read differently when cut into reads: ${split.join('; ')} (rest ${ours.rest}, ${whole.rest})`);
      const theirs = await parseWithLlhttp(sample.method, pieces);
      if (ours.ending === 'refused') counts.oursRefused++;
      if (theirs.ending === 'refused') counts.llhttpRefused++;
      if (!accepted(ours) || !accepted(theirs)) continue;
      const text = data.toString('latin1');
      if (LLHTTP_DIFFERENCES.some((difference) => difference.covers?.(text))) {
        counts.excused++;
        continue;
      }
      counts.comparedWithLlhttp++;
      const found = differences(ours, theirs);
      if (found.length > 0) fail(`ours ≠ llhttp (${theirs.code ?? 'no error'}): ${found.join('; ')}`);
    }
    const ms = performance.now() - started;
    console.info(`response parser fuzz: seed ${SEED}, ${JSON.stringify(counts)} in ${ms.toFixed(0)} ms`);
    expect(counts.iterations).toBeGreaterThan(0);
    // Not a degenerate run: a fair share of the mutants is still compared with llhttp.
    if (ONLY === undefined && counts.iterations >= 100) expect(counts.comparedWithLlhttp).toBeGreaterThan(counts.iterations / 10);
  }, 60_000);
});
