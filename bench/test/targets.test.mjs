import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../lib/targets.mjs';

const a = (rps, p50us = 1000, rss = 50 * 2 ** 20) => ({ rps, p50us, p99us: p50us * 3, rss, runs: 3, failedRuns: 0, errors: 0 });
const titles = new Map([
  ['get-small', 'GET small'],
  ['latency', 'latency'],
]);

function results({ portico = 20_000, fastGateway = 10_000 } = {}) {
  return new Map([
    [
      'get-small',
      new Map([
        ['direct', a(60_000)],
        ['portico', a(portico)],
        ['nginx', a(40_000)],
        ['fast-gateway', a(fastGateway)],
        ['fastify-http-proxy', a(9_000)],
        ['http-proxy', a(8_000)],
      ]),
    ],
    [
      'latency',
      new Map([
        ['direct', a(9_000, 50)],
        ['portico', a(5_000, 250)],
        ['nginx', a(7_000, 150)],
        ['fast-gateway', a(2_000, 400)],
        ['fastify-http-proxy', a(2_000, 400)],
        ['http-proxy', a(2_000, 400)],
      ]),
    ],
    [
      'routes',
      new Map([
        ['direct', a(60_000)],
        ['portico-routes-1', a(20_000)],
        ['portico-routes-10000', a(19_200)],
      ]),
    ],
  ]);
}

const find = (targets, text) => targets.find((t) => t.target.includes(text));

describe('evaluateTargets', () => {
  it('checks every target as a ratio within the run', () => {
    const targets = evaluateTargets(results(), { medianMs: 420 }, { routes: [1, 10_000], titles });
    expect(find(targets, 'GET small: req/s ≥ 1.7×').met).toBe(true);
    expect(find(targets, '0.35× nginx')).toMatchObject({ measured: '0.50×', met: true });
    expect(find(targets, '10,000 routes')).toMatchObject({ measured: '4.0% slower', met: true });
    // Portico adds 200 µs, nginx 100 µs: exactly 2×, still within.
    expect(find(targets, 'added p50')).toMatchObject({ met: true });
    expect(find(targets, 'RSS')).toMatchObject({ measured: '50 MiB', met: true });
    expect(find(targets, 'Cold start')).toMatchObject({ measured: '420 ms', met: true });
  });

  it('misses the Node-gateway target when any one gateway is within 1.7×', () => {
    const targets = evaluateTargets(results({ fastGateway: 12_000 }), undefined, { routes: [1, 10_000], titles });
    expect(find(targets, 'GET small: req/s ≥ 1.7×').met).toBe(false);
    expect(find(targets, 'GET small: req/s ≥ 1.7×').measured).toContain('1.67× fast-gateway');
    expect(find(targets, 'Cold start')).toBeUndefined();
  });

  it('gives the bare node:http + undici reference as context, not as a Node gateway to beat', () => {
    const r = results();
    r.get('get-small').set('undici-bare', a(16_000));
    const targets = evaluateTargets(r, undefined, { routes: [1, 10_000], titles });
    expect(find(targets, 'GET small: req/s ≥ 1.7×').measured).not.toContain('undici');
    expect(find(targets, 'loses little to')).toMatchObject({ measured: '1.25× its req/s', met: 'info' });
    expect(find(targets, 'loses little to').target).toContain('(0.40× nginx)');
  });

  it('says "not measured" (undefined) when a contender has no valid run', () => {
    const r = results();
    r.get('get-small').set('nginx', { ...a(Number.NaN), runs: 0 });
    const targets = evaluateTargets(r, undefined, { routes: [1, 10_000], titles });
    expect(find(targets, '0.35× nginx').met).toBeUndefined();
  });
});
