import { describe, expect, it } from 'vitest';
import { MetricsRegistry, silentLogger } from '../../observability/index.js';
import { Coordination, type Workers } from './coordination.js';
import type { ToWorker } from './messages.js';
import type { PooledWorker } from './worker-pool.js';

/** The worker processes at their boundary: what the primary sends each of them, recorded. */
function workers(count: number): Workers & { sent: [number, ToWorker][]; list: PooledWorker[] } {
  const list: PooledWorker[] = [];
  for (let i = 1; i <= count; i++) list.push({ id: i, pid: 1000 + i, phase: 'ready', configured: true, applied: 0, replacement: false });
  const sent: [number, ToWorker][] = [];
  return {
    sent,
    list,
    get workers() {
      return list;
    },
    send: (worker, message) => void sent.push([worker.id, message]),
    broadcast: (message) => {
      for (const worker of list) if (worker.configured) sent.push([worker.id, message]);
    },
  };
}

const synced = (pool: ReturnType<typeof workers>) =>
  pool.sent.filter(([, m]) => m.t === 'synced').map(([id, m]) => [id, (m as { id: number }).id]);

function snapshotOf(requests: number) {
  const registry = new MetricsRegistry();
  for (let i = 0; i < requests; i++) registry.stage('api', '$default').record(200, 1, 1, 1);
  return registry.snapshot();
}

describe('keeping the workers in step (--workers)', () => {
  it('answers a sync only once every configured worker serves the change, so a client reads its write on any worker', () => {
    const pool = workers(2);
    const coordination = new Coordination(pool, silentLogger());
    coordination.changed();
    expect(pool.sent.filter(([, m]) => m.t === 'config')).toEqual([
      [1, { t: 'config', version: 1 }],
      [2, { t: 'config', version: 1 }],
    ]);
    const [first, second] = pool.list as [PooledWorker, PooledWorker];
    coordination.sync(first, 7);
    coordination.applied(first, 1);
    expect(synced(pool)).toEqual([]);
    coordination.applied(second, 1);
    expect(synced(pool)).toEqual([[1, 7]]);
    // Nothing changed since: a sync is answered at once.
    coordination.sync(second, 8);
    expect(synced(pool)).toEqual([
      [1, 7],
      [2, 8],
    ]);
  });

  it('does not wait for a worker that is still starting (it reads the state fresh) or that exited', () => {
    const pool = workers(3);
    const [first, starting, dying] = pool.list as [PooledWorker, PooledWorker, PooledWorker];
    starting.configured = false;
    const coordination = new Coordination(pool, silentLogger());
    coordination.changed();
    coordination.sync(first, 1);
    coordination.applied(first, 1);
    expect(synced(pool)).toEqual([]);
    pool.list.splice(pool.list.indexOf(dying), 1);
    coordination.exited(dying);
    expect(synced(pool)).toEqual([[1, 1]]);
  });

  it("gathers every ready worker's snapshot for one metrics answer, and keeps the counts of a worker that exited", async () => {
    const pool = workers(2);
    const [first, second] = pool.list as [PooledWorker, PooledWorker];
    const coordination = new Coordination(pool, silentLogger());
    const gathered = coordination.gather();
    const asked = pool.sent.filter(([, m]) => m.t === 'snapshot');
    expect(asked.map(([id]) => id)).toEqual([1, 2]);
    const id = (asked[0]?.[1] as { id: number }).id;
    coordination.snapshot(first, id, snapshotOf(3));
    coordination.snapshot(second, id, snapshotOf(4));
    const merged = await gathered;
    expect(merged.stages[0]?.metrics.Count).toBe(7);
    expect(merged.workers).toEqual([
      { pid: 1001, Count: 3 },
      { pid: 1002, Count: 4 },
    ]);
    // The second worker dies during the next gathering: the answer comes without it, its counts kept.
    const next = coordination.gather();
    const nextId = (pool.sent.at(-1)?.[1] as { id: number }).id;
    coordination.snapshot(first, nextId, snapshotOf(5));
    pool.list.splice(1, 1);
    coordination.exited(second);
    const after = await next;
    expect(after.stages[0]?.metrics.Count).toBe(9);
    expect(after.workers).toEqual([{ pid: 1001, Count: 5 }]);
  });

  it('flushes the access logs of every ready worker', async () => {
    const pool = workers(2);
    const [first, second] = pool.list as [PooledWorker, PooledWorker];
    const coordination = new Coordination(pool, silentLogger());
    let done = false;
    const flushed = coordination.flush().then(() => (done = true));
    const id = (pool.sent.at(-1)?.[1] as { id: number }).id;
    coordination.flushed(first, id);
    await Promise.resolve();
    expect(done).toBe(false);
    coordination.flushed(second, id);
    await flushed;
    expect(done).toBe(true);
  });
});
