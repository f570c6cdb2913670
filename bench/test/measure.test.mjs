import { describe, expect, it } from 'vitest';
import { aggregate, median, rotate } from '../lib/measure.mjs';

const run = (rps, extra = {}) => ({
  rps,
  p50us: rps / 10,
  p99us: rps,
  non2xx: 0,
  socketErrors: 0,
  rss: rps * 1000,
  proxyCpu: 0.5,
  ...extra,
});

describe('aggregate', () => {
  it('takes medians over the valid runs and the largest RSS', () => {
    const a = aggregate([run(100), run(300), run(200)]);
    expect(a).toMatchObject({ runs: 3, failedRuns: 0, errors: 0, rps: 200, p50us: 20, p99us: 200, rss: 300_000 });
  });

  it('leaves out runs that failed or saw errors, and says so', () => {
    const a = aggregate([run(100), run(50_000, { non2xx: 12 }), { error: 'wrk exited with 1' }, run(300)]);
    expect(a.runs).toBe(2);
    expect(a.failedRuns).toBe(2);
    expect(a.errors).toBe(12);
    expect(a.rps).toBe(200);
    expect(a.firstError).toBe('wrk exited with 1');
  });

  it('has no numbers when no run was valid', () => {
    expect(Number.isNaN(aggregate([{ error: 'x' }]).rps)).toBe(true);
  });
});

describe('median and rotate', () => {
  it('median of odd and even counts, ignoring NaN', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2, Number.NaN])).toBe(2.5);
  });

  it('rotates the contender order a step every repetition', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
  });
});
