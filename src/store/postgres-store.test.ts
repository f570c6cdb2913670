import { afterAll, describe, expect, it } from 'vitest';
import { postgresAvailable, testSchema } from '../../test/support/services.js';
import type { Api } from '../model/index.js';
import { PostgresStore } from './postgres-store.js';
import { StoreConflictError } from './store-errors.js';
import { runStoreContract } from './store.contract.js';
import type { Store } from './store.js';

const available = await postgresAvailable();
const schemas: ReturnType<typeof testSchema>[] = [];
const opened: PostgresStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.closed();
  for (const schema of schemas) await schema.drop();
});

/** A fresh schema (nothing in it) unless `url` names one to share. */
async function open(url?: string): Promise<PostgresStore> {
  let target = url;
  if (target === undefined) {
    const schema = testSchema();
    schemas.push(schema);
    target = schema.url;
  }
  const store = await PostgresStore.open({ url: target, catchUpMs: 60_000 });
  opened.push(store);
  return store;
}

function api(apiId: string, name = apiId): Api {
  return {
    apiId,
    name,
    protocolType: 'HTTP',
    apiKeySelectionExpression: '$request.header.x-api-key',
    routeSelectionExpression: '$request.method $request.path',
    createdDate: '2026-01-01T00:00:00Z',
    disableExecuteApiEndpoint: false,
    ipAddressType: 'ipv4',
    tags: {},
  };
}

async function settled(store: Store): Promise<void> {
  await store.settle?.();
}

describe.skipIf(!available)('PostgresStore', () => {
  runStoreContract('postgres', () => open());

  it('keeps every committed write for the next node, in order, and nothing of a rolled-back one', async () => {
    const schema = testSchema();
    schemas.push(schema);
    const first = await open(schema.url);
    for (const id of ['c', 'a', 'b']) first.put('apis', '', id, api(id));
    first.put('routes', 'a', 'r1', { routeId: 'r1' } as never);
    first.put('apis', '', 'a', api('a', 'renamed'));
    expect(() =>
      first.transaction(() => {
        first.put('apis', '', 'd', api('d'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    first.transaction(() => first.delete('apis', '', 'c'));
    await settled(first);
    await first.catchUp();
    const second = await open(schema.url);
    expect(second.list('apis', '').map((a) => `${a.apiId}:${a.name}`)).toEqual(['a:renamed', 'b:b']);
    expect(second.get('routes', 'a', 'r1')).toEqual({ routeId: 'r1' });
  });

  it('refuses the second of two writes based on the same version of an API, and takes it back out', async () => {
    const schema = testSchema();
    schemas.push(schema);
    const a = await open(schema.url);
    const b = await open(schema.url);
    a.put('apis', '', 'x', api('x'));
    await settled(a);
    await b.catchUp();
    // Both nodes read version 1 of api x and write it: whichever reaches the database second is refused.
    a.transaction(() => a.put('apis', '', 'x', { ...(a.get('apis', '', 'x') as Api), name: 'from a' }));
    b.transaction(() => b.put('apis', '', 'x', { ...(b.get('apis', '', 'x') as Api), name: 'from b' }));
    const outcomes = await Promise.allSettled([settled(a), settled(b)]);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
    const [winner, loser] = outcomes[0]?.status === 'fulfilled' ? ['from a', b] : ['from b', a];
    // The refused write was taken back out at once; the catch-up brings the winner's.
    expect(loser.get('apis', '', 'x')?.name).not.toBe(winner === 'from a' ? 'from b' : 'from a');
    await a.catchUp();
    await b.catchUp();
    expect(a.get('apis', '', 'x')?.name).toBe(winner);
    expect(b.get('apis', '', 'x')?.name).toBe(winner);
    // Writes to different APIs never conflict.
    a.put('apis', '', 'y', api('y'));
    b.put('routes', 'x', 'r', { routeId: 'r' } as never);
    await settled(a);
    await settled(b);
  });

  it("hears of another node's write by notification", async () => {
    const schema = testSchema();
    schemas.push(schema);
    const a = await open(schema.url);
    const b = await open(schema.url);
    const heard = new Promise<void>((resolve) => b.subscribe((event) => event.kind === 'changed' && resolve()));
    a.put('apis', '', 'n', api('n', 'notified'));
    await settled(a);
    await heard;
    expect(b.get('apis', '', 'n')?.name).toBe('notified');
    const signal = new Promise<unknown>((resolve) => b.subscribe((event) => event.kind === 'signal' && resolve(event.payload)));
    a.signal({ hello: 'b' });
    expect(await signal).toEqual({ hello: 'b' });
  });

  it('migrates once when several nodes start at the same time', async () => {
    const schema = testSchema();
    schemas.push(schema);
    const nodes = await Promise.all([open(schema.url), open(schema.url), open(schema.url)]);
    nodes[0]?.put('apis', '', 'm', api('m'));
    await settled(nodes[0] as Store);
    expect(nodes.every((node) => node.health().connected)).toBe(true);
  });
});
