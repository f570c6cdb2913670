import { describe, expect, it } from 'vitest';
import type { Api } from '../model/index.js';
import type { Store } from './store.js';

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
    tags: { team: 'core' },
  };
}

/** One behaviour suite every Store implementation must pass. */
export function runStoreContract(name: string, open: () => Store | Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    it('returns what was put, and nothing for unknown ids', async () => {
      const store = await open();
      store.put('apis', '', 'a1', api('a1'));
      expect(store.get('apis', '', 'a1')).toEqual(api('a1'));
      expect(store.get('apis', '', 'nope')).toBeUndefined();
      expect(store.get('apis', 'other-parent', 'a1')).toBeUndefined();
      store.close();
    });

    it('never aliases stored values with the caller', async () => {
      const store = await open();
      const value = api('a1');
      store.put('apis', '', 'a1', value);
      value.name = 'changed after put';
      const read = store.get('apis', '', 'a1');
      expect(read?.name).toBe('a1');
      if (read) read.tags['x'] = 'y';
      expect(store.get('apis', '', 'a1')?.tags).toEqual({ team: 'core' });
      store.close();
    });

    it('lists in insertion order and keeps the place of updated records', async () => {
      const store = await open();
      for (const id of ['c', 'a', 'b']) store.put('apis', '', id, api(id));
      store.put('apis', '', 'a', api('a', 'renamed'));
      expect(store.list('apis', '').map((a) => `${a.apiId}:${a.name}`)).toEqual(['c:c', 'a:renamed', 'b:b']);
      expect(store.list('apis', 'elsewhere')).toEqual([]);
      store.close();
    });

    it('keeps parents apart and deletes one or all under a parent', async () => {
      const store = await open();
      store.put('apis', 'p1', 'x', api('x'));
      store.put('apis', 'p1', 'y', api('y'));
      store.put('apis', 'p2', 'x', api('x', 'other'));
      expect(store.delete('apis', 'p1', 'x')).toBe(true);
      expect(store.delete('apis', 'p1', 'x')).toBe(false);
      expect(store.list('apis', 'p1').map((a) => a.apiId)).toEqual(['y']);
      expect(store.deleteAll('apis', 'p1')).toBe(1);
      expect(store.deleteAll('apis', 'p1')).toBe(0);
      expect(store.get('apis', 'p2', 'x')?.name).toBe('other');
      store.close();
    });

    it('rolls back everything a failed transaction wrote, including nested ones', async () => {
      const store = await open();
      store.put('apis', '', 'keep', api('keep'));
      store.put('apis', '', 'second', api('second'));
      expect(() =>
        store.transaction(() => {
          store.put('apis', '', 'new', api('new'));
          store.put('apis', '', 'keep', api('keep', 'modified'));
          store.delete('apis', '', 'second');
          store.transaction(() => store.put('apis', '', 'nested', api('nested')));
          store.deleteAll('apis', '');
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(store.list('apis', '').map((a) => `${a.apiId}:${a.name}`)).toEqual(['keep:keep', 'second:second']);
      store.close();
    });

    it('puts rolled-back deletes back in their places, one transaction per delete as the control plane nests them', async () => {
      const store = await open();
      const ids = Array.from({ length: 50 }, (_, i) => `r${i}`);
      for (const id of ids) store.put('apis', '', id, api(id));
      expect(() =>
        store.transaction(() => {
          for (const id of ids.filter((_, i) => i % 3 === 0)) store.transaction(() => store.delete('apis', '', id));
          store.put('apis', '', 'r1', api('r1', 'renamed'));
          store.put('apis', '', 'late', api('late'));
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(store.list('apis', '').map((a) => `${a.apiId}:${a.name}`)).toEqual(ids.map((id) => `${id}:${id}`));
      // A committed delete and a later put: the new record goes last.
      store.transaction(() => store.delete('apis', '', 'r0'));
      store.put('apis', '', 'r0', api('r0'));
      expect(store.list('apis', '').map((a) => a.apiId)).toEqual([...ids.slice(1), 'r0']);
      store.close();
    });

    it('counts the records under a parent as list would, through puts, updates, deletes and rollbacks', async () => {
      const store = await open();
      const counts = () => [store.count('apis', 'p1'), store.count('apis', 'p2'), store.count('routes', 'p1')];
      expect(counts()).toEqual([0, 0, 0]);
      for (const id of ['a', 'b', 'c']) store.put('apis', 'p1', id, api(id));
      store.put('apis', 'p1', 'b', api('b', 'updated'));
      store.put('apis', 'p2', 'a', api('a'));
      expect(counts()).toEqual([3, 1, 0]);
      expect(() =>
        store.transaction(() => {
          store.put('apis', 'p1', 'd', api('d'));
          store.delete('apis', 'p2', 'a');
          expect(counts()).toEqual([4, 0, 0]);
          store.deleteAll('apis', 'p1');
          expect(counts()).toEqual([0, 0, 0]);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(counts()).toEqual([3, 1, 0]);
      expect(store.delete('apis', 'p1', 'a')).toBe(true);
      expect(store.delete('apis', 'p1', 'a')).toBe(false);
      expect(counts()).toEqual([2, 1, 0]);
      expect(store.deleteAll('apis', 'p1')).toBe(2);
      expect(counts()).toEqual([0, 1, 0]);
      expect(store.count('apis', 'p1')).toBe(store.list('apis', 'p1').length);
      store.close();
    });

    it('keeps the route-key index and the index version as records like any other', async () => {
      const store = await open();
      store.put('routeKeys', 'api1', 'GET /pets/{}', { routeId: 'r1', routeKey: 'GET /pets/{id}' });
      store.put('indexVersion', '', 'indexes', { version: 1 });
      expect(store.get('routeKeys', 'api1', 'GET /pets/{}')).toEqual({ routeId: 'r1', routeKey: 'GET /pets/{id}' });
      expect(store.get('routeKeys', 'api2', 'GET /pets/{}')).toBeUndefined();
      expect(store.get('indexVersion', '', 'indexes')?.version).toBe(1);
      expect(store.deleteAll('routeKeys', 'api1')).toBe(1);
      store.close();
    });

    it('keeps the writes of a committed transaction and of a caught inner failure only the outer ones', async () => {
      const store = await open();
      const result = store.transaction(() => {
        store.put('apis', '', 'outer', api('outer'));
        try {
          store.transaction(() => {
            store.put('apis', '', 'inner', api('inner'));
            throw new Error('inner fails');
          });
        } catch {
          // the outer transaction carries on
        }
        return 42;
      });
      expect(result).toBe(42);
      expect(store.list('apis', '').map((a) => a.apiId)).toEqual(['outer']);
      store.close();
    });
  });
}
