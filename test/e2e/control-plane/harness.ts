import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { ControlPlane, createRestJsonHandler, type SigV4Verifier } from '../../../src/control-plane/index.js';
import { ManualClock, SequenceIds } from '../../../src/model/index.js';
import { MemoryStore, SqliteStore, type Store } from '../../../src/store/index.js';

export const REGION = 'us-east-2';
export const ACCOUNT = '123456789012';
export const TEST_KEYS = { accessKeyId: 'AKIDPORTICOE2E', secretAccessKey: 'portico-e2e-secret' };
export const LISTENER_ARN =
  'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

export interface Harness {
  controlPlane: ControlPlane;
  server: Server;
  endpoint: string;
  client(credentials?: { accessKeyId: string; secretAccessKey: string }): ApiGatewayV2Client;
  /** What the handler logged at error level (unexpected failures). */
  errors: { details: object; message: string }[];
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1:0 with the rest-json handler over a real store. */
export async function startControlPlane(
  options: { auth?: SigV4Verifier; store?: 'sqlite' | 'memory'; bodyBudgetBytes?: number } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-cp-'));
  const store: Store = options.store === 'memory' ? new MemoryStore() : new SqliteStore(join(dir, 'state.db'));
  const controlPlane = new ControlPlane({
    store,
    clock: new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0)),
    ids: new SequenceIds('e2e'),
    region: REGION,
    accountId: ACCOUNT,
    apiEndpoint: (apiId) => `http://${apiId}.execute-api.localhost:4566`,
  });
  const errors: Harness['errors'] = [];
  const logger = { error: (details: object, message: string) => void errors.push({ details, message }), debug: () => undefined };
  let n = 0;
  const handler = createRestJsonHandler(controlPlane, {
    logger,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.bodyBudgetBytes !== undefined ? { bodyBudgetBytes: options.bodyBudgetBytes } : {}),
    requestId: () => `req-${++n}`,
  });
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: ApiGatewayV2Client[] = [];
  return {
    controlPlane,
    server,
    endpoint,
    errors,
    client(credentials = TEST_KEYS) {
      const client = new ApiGatewayV2Client({ endpoint, region: REGION, credentials, maxAttempts: 1 });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      try {
        store.close();
      } catch {
        // a test may have closed it already
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The error an SDK call rejects with, for asserting name/status/requestId. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number; requestId?: string } };
  }
  throw new Error('expected the call to fail');
}
