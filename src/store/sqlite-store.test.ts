import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';
import { runStoreContract } from './store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'portico-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
runStoreContract('sqlite file', () => new SqliteStore(join(dir, `contract-${++n}.db`)));
runStoreContract('sqlite :memory:', () => new SqliteStore(':memory:'));

describe('SqliteStore on disk', () => {
  it('keeps everything across a close and reopen, in order', () => {
    const file = join(dir, 'nested', 'state.db');
    const first = new SqliteStore(file);
    first.put('vpcLinks', '', 'v1', {
      vpcLinkId: 'v1',
      name: 'link',
      securityGroupIds: [],
      subnetIds: ['subnet-1'],
      tags: {},
      createdDate: '2026-01-01T00:00:00Z',
      vpcLinkStatus: 'AVAILABLE',
      vpcLinkStatusMessage: 'VPC link is ready to route traffic',
      vpcLinkVersion: 'V2',
    });
    first.put('terraform', '', 'aws_x.y', { address: 'aws_x.y', resourceType: 'aws_x', ids: { id: '1' }, attributes: {}, computed: {} });
    first.close();
    const second = new SqliteStore(file);
    expect(second.get('vpcLinks', '', 'v1')?.subnetIds).toEqual(['subnet-1']);
    expect(second.list('terraform', '').map((r) => r.address)).toEqual(['aws_x.y']);
    second.close();
  });

  it('builds the record counts of a state file written before they were kept, once, and keeps them from then on', () => {
    const file = join(dir, 'before-counts.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE records_v1 (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      collection TEXT NOT NULL, parent TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
      UNIQUE (collection, parent, id))`);
    const insert = old.prepare('INSERT INTO records_v1 (collection, parent, id, json) VALUES (?, ?, ?, ?)');
    for (const id of ['r1', 'r2', 'r3']) insert.run('routes', 'api1', id, JSON.stringify({ routeId: id, routeKey: `GET /${id}` }));
    insert.run('routes', 'api2', 'r4', JSON.stringify({ routeId: 'r4', routeKey: 'GET /r4' }));
    old.close();
    const store = new SqliteStore(file);
    expect([store.count('routes', 'api1'), store.count('routes', 'api2'), store.count('apis', '')]).toEqual([3, 1, 0]);
    store.delete('routes', 'api1', 'r1');
    store.close();
    const reopened = new SqliteStore(file);
    expect([reopened.count('routes', 'api1'), reopened.count('routes', 'api2')]).toEqual([2, 1]);
    reopened.close();
  });
  it('rolls back one savepoint among thousands in one transaction, the others kept across a reopen', () => {
    // As an apply: one transaction, one savepoint per operation, far past the 64 KiB SQLite keeps a
    // statement journal in before (temp_store = MEMORY keeps it there).
    const file = join(dir, 'savepoints.db');
    const first = new SqliteStore(file);
    const record = (i: number) => ({
      address: `aws_x.r[${i}]`,
      resourceType: 'aws_x',
      ids: { id: String(i) },
      attributes: { pad: 'p'.repeat(300) },
      computed: {},
    });
    first.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        try {
          first.transaction(() => {
            first.put('terraform', '', `aws_x.r[${i}]`, record(i));
            if (i === 1500) throw new Error('refused');
          });
        } catch (error) {
          if (!(error instanceof Error) || error.message !== 'refused') throw error;
        }
      }
    });
    first.close();
    const second = new SqliteStore(file);
    expect(second.count('terraform', '')).toBe(2999);
    expect(second.get('terraform', '', 'aws_x.r[1500]')).toBeUndefined();
    expect(second.get('terraform', '', 'aws_x.r[2999]')?.ids).toEqual({ id: '2999' });
    second.close();
  });
});
