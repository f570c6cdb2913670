import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock, SequenceIds } from '../model/index.js';
import { MemoryStore, SqliteStore, type Store } from '../store/index.js';
import { ControlPlane } from './control-plane.js';
import { ServiceError } from './service-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'portico-route-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function controlPlane(store: Store = new MemoryStore()): ControlPlane {
  return new ControlPlane({
    store,
    clock: new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0)),
    ids: new SequenceIds(`keys${Math.random().toString(36).slice(2, 6)}`),
    region: 'us-east-2',
    accountId: '000000000000',
    apiEndpoint: (apiId) => `http://${apiId}.execute-api.localhost:4566`,
  });
}

function conflictOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).type).toBe('ConflictException');
    return (error as ServiceError).message;
  }
  throw new Error('expected a ConflictException');
}

describe('route keys are unique per API (the route-key index)', () => {
  it('refuses the same method and path shape, whatever the parameter names, and names the route holding it', () => {
    const cp = controlPlane();
    const { apiId } = cp.run('CreateApi', { name: 'pets', protocolType: 'HTTP' });
    const held = cp.run('CreateRoute', { apiId, routeKey: 'GET /pets/{id}' });
    expect(conflictOf(() => cp.run('CreateRoute', { apiId, routeKey: 'GET /pets/{petId}' }))).toBe(
      `Route with key GET /pets/{id} already exists for this API (${held.routeId}).`,
    );
    // Other methods, shapes and APIs are free.
    cp.run('CreateRoute', { apiId, routeKey: 'POST /pets/{id}' });
    cp.run('CreateRoute', { apiId, routeKey: 'GET /pets/{proxy+}' });
    const other = cp.run('CreateApi', { name: 'other', protocolType: 'HTTP' });
    cp.run('CreateRoute', { apiId: other.apiId, routeKey: 'GET /pets/{id}' });
  });

  it('follows UpdateRoute and DeleteRoute: an old key is free again, a new one is taken', () => {
    const cp = controlPlane();
    const { apiId } = cp.run('CreateApi', { name: 'pets', protocolType: 'HTTP' });
    const route = cp.run('CreateRoute', { apiId, routeKey: 'GET /a' });
    cp.run('UpdateRoute', { apiId, routeId: route.routeId, routeKey: 'GET /b' });
    expect(cp.store.list('routeKeys', apiId)).toEqual([{ routeId: route.routeId, routeKey: 'GET /b' }]);
    const again = cp.run('CreateRoute', { apiId, routeKey: 'GET /a' });
    expect(conflictOf(() => cp.run('CreateRoute', { apiId, routeKey: 'GET /b' }))).toContain(route.routeId);
    // Updating a route to its own key (or other members only) is not a conflict with itself.
    cp.run('UpdateRoute', { apiId, routeId: route.routeId, routeKey: 'GET /b', operationName: 'b' });
    expect(conflictOf(() => cp.run('UpdateRoute', { apiId, routeId: route.routeId, routeKey: 'GET /a' }))).toContain(again.routeId);
    cp.run('DeleteRoute', { apiId, routeId: route.routeId });
    cp.run('CreateRoute', { apiId, routeKey: 'GET /b' });
    // One entry per route: nothing stale is left behind.
    expect(
      cp.store
        .list('routeKeys', apiId)
        .map((entry) => entry.routeKey)
        .sort(),
    ).toEqual(['GET /a', 'GET /b']);
  });

  it('forgets the keys written by a failed batch', () => {
    const cp = controlPlane();
    const { apiId } = cp.run('CreateApi', { name: 'pets', protocolType: 'HTTP' });
    const kept = cp.run('CreateRoute', { apiId, routeKey: 'GET /kept' });
    expect(() =>
      cp.batch(() => {
        cp.run('CreateRoute', { apiId, routeKey: 'GET /new' });
        cp.run('UpdateRoute', { apiId, routeId: kept.routeId, routeKey: 'GET /moved' });
        cp.run('CreateRoute', { apiId, routeKey: 'GET /new' });
      }),
    ).toThrow(/already exists/);
    cp.run('CreateRoute', { apiId, routeKey: 'GET /new' });
    cp.run('CreateRoute', { apiId, routeKey: 'GET /moved' });
    expect(conflictOf(() => cp.run('CreateRoute', { apiId, routeKey: 'GET /kept' }))).toContain(kept.routeId);
  });

  it('starts afresh after DeleteApi and ReimportApi', () => {
    const cp = controlPlane();
    const { apiId } = cp.run('CreateApi', { name: 'pets', protocolType: 'HTTP' });
    cp.run('CreateRoute', { apiId, routeKey: 'GET /old' });
    const document = {
      openapi: '3.0.1',
      info: { title: 'pets', version: '1' },
      paths: {
        '/pets': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'HTTP_PROXY',
              httpMethod: 'GET',
              uri: 'https://example.com/pets',
              payloadFormatVersion: '1.0',
            },
          },
        },
      },
    };
    cp.run('ReimportApi', { apiId, body: JSON.stringify(document) });
    cp.run('CreateRoute', { apiId, routeKey: 'GET /old' });
    expect(conflictOf(() => cp.run('CreateRoute', { apiId, routeKey: 'GET /pets' }))).toMatch(/^Route with key GET \/pets already exists/);
    const imported = cp.run('ImportApi', { body: JSON.stringify(document) });
    expect(conflictOf(() => cp.run('CreateRoute', { apiId: imported.apiId, routeKey: 'GET /pets' }))).toMatch(/already exists/);
    cp.run('DeleteApi', { apiId: imported.apiId });
    expect(cp.store.list('routeKeys', imported.apiId)).toEqual([]);
  });

  it('answers routeSettings by the exact route key', () => {
    const cp = controlPlane();
    const { apiId } = cp.run('CreateApi', { name: 'pets', protocolType: 'HTTP' });
    cp.run('CreateRoute', { apiId, routeKey: 'GET /pets/{id}' });
    const stage = cp.run('CreateStage', { apiId, stageName: 'dev', routeSettings: { 'GET /pets/{id}': { throttlingRateLimit: 5 } } });
    expect(stage.routeSettings?.['GET /pets/{id}']).toMatchObject({ throttlingRateLimit: 5 });
    expect(() =>
      cp.run('CreateStage', { apiId, stageName: 'qa', routeSettings: { 'GET /pets/{petId}': { throttlingRateLimit: 5 } } }),
    ).toThrow('Unable to find Route by key GET /pets/{petId} within the provided RouteSettings');
  });

  it('is built once for a state file written before the index existed', () => {
    const file = join(dir, 'before-index.db');
    const first = new SqliteStore(file);
    const cp = controlPlane(first);
    const { apiId } = cp.run('CreateApi', { name: 'pets', protocolType: 'HTTP' });
    const held = cp.run('CreateRoute', { apiId, routeKey: 'GET /pets' });
    // What an older Portico left behind: the routes, no index and no index version.
    first.deleteAll('routeKeys', apiId);
    first.delete('indexVersion', '', 'indexes');
    first.close();
    const reopened = controlPlane(new SqliteStore(file));
    expect(conflictOf(() => reopened.run('CreateRoute', { apiId, routeKey: 'GET /pets' }))).toContain(held.routeId);
    reopened.store.close();
  });
});
