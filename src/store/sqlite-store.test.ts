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
});
