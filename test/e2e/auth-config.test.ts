import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, describe, expect, it } from 'vitest';
import { startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';

describe('credentials from portico.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-auth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies SigV4 on the control plane with the "auth" pairs of the config file', async () => {
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ auth: ['AKIDCONFIGFILE:config-secret'] }));
    const portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' });
    const client = (secretAccessKey: string) =>
      new ApiGatewayV2Client({
        endpoint: portico.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDCONFIGFILE', secretAccessKey },
        maxAttempts: 1,
      });
    try {
      const good = client('config-secret');
      expect((await good.send(new GetApisCommand({}))).Items).toEqual([]);
      const bad = client('wrong-secret');
      await expect(bad.send(new GetApisCommand({}))).rejects.toMatchObject({
        name: 'InvalidSignatureException',
        $metadata: { httpStatusCode: 403 },
      });
      const unsigned = await send(`${portico.endpoint}/v2/apis`);
      expect(unsigned.status).toBe(403);
      good.destroy();
      bad.destroy();
    } finally {
      await portico.stop();
    }
  });

  it('applies them with --workers too: the control plane and AWS_IAM routes of every worker', async () => {
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ auth: ['AKIDCONFIGFILE:config-secret'] }));
    // Workers are forked from the built files (dist/), as the CLI runs them.
    const { startCluster } = await (await import('../../dist/server/index.js')).loadCluster();
    const cluster = await startCluster({ dir, port: 0, state: ':memory:', logLevel: 'silent' }, 2);
    try {
      const unsigned = await send(`${cluster.endpoint}/v2/apis`);
      expect(unsigned.status).toBe(403);
      const client = new ApiGatewayV2Client({
        endpoint: cluster.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDCONFIGFILE', secretAccessKey: 'config-secret' },
        maxAttempts: 1,
      });
      expect((await client.send(new GetApisCommand({}))).Items).toEqual([]);
      client.destroy();
    } finally {
      await cluster.stop();
    }
  });

  it('refuses a malformed "auth" entry at start-up, naming the file', async () => {
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ auth: ['no-colon'] }));
    await expect(startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' })).rejects.toThrow(
      /portico\.json: "auth" must be a list of "ACCESS_KEY:SECRET" strings/,
    );
  });
});
