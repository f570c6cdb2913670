import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../lib/targets.mjs';

const a = (rps, p50us = 1000, { rss = 50 * 2 ** 20, cpuUsPerReq = Number.NaN } = {}) => ({
  rps,
  p50us,
  p99us: p50us * 3,
  rss,
  cpuUsPerReq,
  runs: 3,
  failedRuns: 0,
  errors: 0,
});
const titles = new Map([
  ['get-small', 'GET small'],
  ['latency', 'latency'],
]);

function results({ portico = 20_000, cpu = 40, fastify = 10_000, sharedPortico = 150 } = {}) {
  return new Map([
    [
      'get-small',
      new Map([
        ['direct', a(60_000)],
        ['portico', a(portico, 1000, { cpuUsPerReq: cpu })],
        ['nginx', a(40_000)],
        ['fastify-http-proxy', a(fastify)],
        ['undici-bare', a(15_000)],
      ]),
    ],
    [
      'latency',
      new Map([
        ['direct', a(9_000, 50)],
        ['portico', a(5_000, 160)],
        ['nginx', a(7_000, 150)],
        ['undici-bare', a(2_000, 400)],
      ]),
    ],
    [
      'latency-shared',
      new Map([
        ['direct', a(9_000, 50)],
        ['portico', a(5_000, sharedPortico)],
        ['undici-bare', a(2_000, 200)],
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
  it('checks every target within the run: CPU per request, ratios, added latency', () => {
    const targets = evaluateTargets(results(), { medianMs: 280 }, { routes: [1, 10_000], titles });
    expect(find(targets, '≤ 45 µs')).toMatchObject({ measured: '40.0 µs', met: true });
    expect(find(targets, '0.45× nginx')).toMatchObject({ measured: '0.50×', met: true });
    expect(find(targets, '1.6× fastify')).toMatchObject({ measured: '2.00×', met: true });
    expect(find(targets, '1.25× node:http + undici')).toMatchObject({ measured: '1.33×', met: true });
    expect(find(targets, '10,000 routes')).toMatchObject({ measured: '4.0% slower', met: true });
    // Own core: Portico adds 110 µs, nginx 100 µs: within 20 µs. One core: 100 µs against 150 µs.
    expect(find(targets, 'its own core')).toMatchObject({ met: true });
    expect(find(targets, 'everything on one core')).toMatchObject({ met: true });
    expect(find(targets, 'RSS')).toMatchObject({ measured: '50 MiB', met: true });
    expect(find(targets, 'Cold start')).toMatchObject({ measured: '280 ms', met: true });
  });

  it('misses what is missed', () => {
    const targets = evaluateTargets(
      results({ cpu: 60, fastify: 14_000, sharedPortico: 300 }),
      { medianMs: 320 },
      { routes: [1, 10_000], titles },
    );
    expect(find(targets, '≤ 45 µs').met).toBe(false);
    expect(find(targets, '1.6× fastify')).toMatchObject({ measured: '1.43×', met: false });
    expect(find(targets, 'everything on one core').met).toBe(false);
    expect(find(targets, 'Cold start').met).toBe(false);
  });

  it('says "not measured" (undefined) when a contender has no valid run', () => {
    const r = results();
    r.get('get-small').set('nginx', { ...a(Number.NaN), runs: 0 });
    const targets = evaluateTargets(r, undefined, { routes: [1, 10_000], titles });
    expect(find(targets, '0.45× nginx').met).toBeUndefined();
    expect(find(targets, 'Cold start')).toBeUndefined();
  });
});
