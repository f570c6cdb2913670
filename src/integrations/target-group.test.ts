import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../model/index.js';
import { TargetGroup } from './target-group.js';
import { TargetHealth, type TargetHealthEvent } from './target-health.js';
import { UpstreamPools, type Upstream } from './upstream-pools.js';

const pools = new UpstreamPools();
afterAll(() => pools.close());

function group(count: number, quarantineMs = 10_000) {
  const clock = new ManualClock();
  const events: TargetHealthEvent[] = [];
  const health = new TargetHealth({ clock, quarantineMs, onEvent: (event) => events.push(event) });
  const upstreams = Array.from({ length: count }, (_, i) => pools.upstream(`http://127.0.0.1:${4001 + i}`));
  return { clock, events, health, upstreams, group: new TargetGroup(upstreams, health) };
}

const ports = (list: (Upstream | undefined)[]) => list.map((u) => (u === undefined ? undefined : Number(new URL(u.origin).port)));

describe('TargetGroup', () => {
  it('round-robins over every target while all are healthy', () => {
    const { group: g } = group(3);
    expect(ports(Array.from({ length: 6 }, () => g.pick()))).toEqual([4001, 4002, 4003, 4001, 4002, 4003]);
  });

  it('skips a target that failed until its quarantine is over (on the injected clock), then tries it again', () => {
    const { group: g, health, upstreams, clock, events } = group(3);
    health.markFailed(upstreams[1]!.key, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(ports(Array.from({ length: 4 }, () => g.pick()))).toEqual([4001, 4003, 4001, 4003]);
    clock.advance(9_999);
    expect(ports([g.pick(), g.pick()])).toEqual([4001, 4003]);
    clock.advance(1);
    expect(ports([g.pick(), g.pick(), g.pick()])).toEqual([4001, 4002, 4003]);
    expect(events).toEqual([{ kind: 'out', target: 'http://127.0.0.1:4002', forMs: 10_000, error: expect.any(Error) }]);
  });

  it('a target that answers is back at once, and says so once', () => {
    const { health, upstreams, events } = group(2);
    health.markFailed(upstreams[0]!.key);
    health.markFailed(upstreams[0]!.key);
    health.markOk(upstreams[0]!.key);
    health.markOk(upstreams[0]!.key);
    expect(events.map((event) => event.kind)).toEqual(['out', 'back']);
    expect(health.isOut(upstreams[0]!.key)).toBe(false);
  });

  it('fails open: with every target out it still round-robins over all of them', () => {
    const { group: g, health, upstreams } = group(3);
    for (const upstream of upstreams) health.markFailed(upstream.key);
    expect(ports([g.pick(), g.pick(), g.pick(), g.pick()])).toEqual([4001, 4002, 4003, 4001]);
  });

  it('fails over to a target not tried yet, preferring those in the rotation, and never twice to the same', () => {
    const { group: g, health, upstreams } = group(3);
    const [a, b, c] = upstreams as [Upstream, Upstream, Upstream];
    health.markFailed(a.key);
    expect(ports([g.failover([a])])).toEqual([4002]);
    health.markFailed(b.key);
    expect(ports([g.failover([a, b])])).toEqual([4003]);
    health.markFailed(c.key);
    expect(g.failover([a, b, c])).toBeUndefined();
  });

  it('fails over to a quarantined target only when no target is in the rotation', () => {
    const { group: g, health, upstreams } = group(3);
    const [a, b, c] = upstreams as [Upstream, Upstream, Upstream];
    health.markFailed(b.key);
    health.markFailed(a.key);
    // c is still in the rotation: b (out) is not offered.
    expect(g.failover([a])).toBe(c);
    health.markFailed(c.key);
    expect(g.failover([a, c])).toBe(b);
  });

  it('keeps one health per connection: the same URL in two groups shares it, another TLS name does not', () => {
    const health = new TargetHealth({ clock: new ManualClock() });
    const first = pools.upstream('https://127.0.0.1:4443');
    const again = pools.upstream('https://127.0.0.1:4443/base');
    const named = pools.upstream('https://127.0.0.1:4443', { serverName: 'backend.internal' });
    expect(again.key).toBe(first.key);
    expect(again.pool).toBe(first.pool);
    expect(named.key).not.toBe(first.key);
    health.markFailed(first.key);
    expect(health.isOut(again.key)).toBe(true);
    expect(health.isOut(named.key)).toBe(false);
    expect(pools.upstream('http://127.0.0.1:4080', { serverName: 'ignored.for.http' }).key).toBe('http://127.0.0.1:4080');
  });
});
