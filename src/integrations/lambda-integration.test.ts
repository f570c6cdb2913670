import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordingSink, runIntegrationContract, type EndpointScript, type IntegrationFixture } from './integration.contract.js';
import { LambdaIntegration, type LambdaIntegrationRequest } from './lambda-integration.js';
import { LambdaRuntime, type FunctionDefinition } from './lambda/index.js';

/** What the scripted function returns for a script: a proxy result, or an object that is not one. */
function resultFor(script: EndpointScript): unknown {
  if (script.kind === 'malformed') return { statusCode: 'not a status' };
  if (script.kind === 'answer') return { statusCode: script.status, headers: script.headers, body: script.body };
  return undefined;
}

// The function local fixtures run: it does what `event.script` says (a never-settling promise hangs it).
const HANDLER = `
export const handler = async (event) => {
  const script = event.script;
  if (script.kind === 'hang') return new Promise(() => {});
  if (script.kind === 'throw') throw new Error('scripted failure');
  if (script.kind === 'malformed') return { statusCode: 'not a status' };
  return { statusCode: script.status, headers: script.headers, body: script.body };
};
`;

/** A server speaking Lambda's Invoke API, as the Runtime Interface Emulator does, for the same script. */
async function invokeEndpoint(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const script = (JSON.parse(Buffer.concat(chunks).toString()) as { script: EndpointScript | { kind: 'throw' } }).script;
      if (script.kind === 'hang') return;
      if (script.kind === 'throw') {
        res.writeHead(200, { 'x-amz-function-error': 'Unhandled' }).end('{"errorType":"Error","errorMessage":"scripted failure"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(resultFor(script)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function request(functionUri: string, script: unknown, timeoutMs = 5_000): LambdaIntegrationRequest {
  return { functionUri, event: { script }, payloadFormatVersion: '2.0', timeoutMs };
}

async function fixture(where: 'local' | 'remote'): Promise<IntegrationFixture<LambdaIntegrationRequest> & { runtime: LambdaRuntime }> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-lambda-contract-'));
  writeFileSync(join(dir, 'index.mjs'), HANDLER);
  const endpoint = where === 'remote' ? await invokeEndpoint() : undefined;
  const scripted: FunctionDefinition =
    endpoint === undefined
      ? {
          kind: 'node',
          functionName: 'scripted',
          source: 'test',
          code: { kind: 'directory', path: dir },
          handler: 'index.handler',
          runtime: 'nodejs20.x',
          timeoutSeconds: 1,
          memorySizeMb: 128,
          environment: {},
        }
      : { kind: 'endpoint', functionName: 'scripted', source: 'test', url: endpoint.url, timeoutSeconds: 1 };
  const runtime = new LambdaRuntime({ region: 'us-east-1', accountId: '123456789012', cacheDir: dir, env: {} }, [scripted]);
  return {
    runtime,
    integration: new LambdaIntegration(runtime),
    request: (script, timeoutMs) => request('arn:aws:lambda:us-east-1:123456789012:function:scripted', script, timeoutMs),
    missing: { request: () => request('not-defined-here', { kind: 'hang' }), failure: 'unavailable' },
    close: async () => {
      await runtime.close();
      endpoint?.server.closeAllConnections();
      endpoint?.server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runIntegrationContract('AWS_PROXY to a local Lambda function', () => fixture('local'));
runIntegrationContract('AWS_PROXY to a function behind a Lambda Invoke endpoint', () => fixture('remote'));

describe.each(['local', 'remote'] as const)('Lambda integration, %s function', (where) => {
  it("reports the function's error as a function-error with its message, having handed nothing over", async () => {
    const f = await fixture(where);
    try {
      const sink = new RecordingSink();
      const outcome = await f.integration.invoke(request('scripted', { kind: 'throw' }), sink);
      expect(outcome).toMatchObject({ kind: 'failed', failure: 'function-error', detail: 'scripted failure' });
      expect(sink.calls).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('frames the body with its content-length and defaults the content type as API Gateway does', async () => {
    const f = await fixture(where);
    try {
      const sink = new RecordingSink();
      await f.integration.invoke(request('scripted', { kind: 'answer', status: 200, headers: {}, body: 'héllo' }), sink);
      expect(sink.received?.headers).toMatchObject({ 'content-length': '6', 'content-type': 'text/plain; charset=utf-8' });
    } finally {
      await f.close();
    }
  });
});

describe('Lambda integration without a runtime', () => {
  it('is unavailable, saying so', async () => {
    const outcome = await new LambdaIntegration(undefined).invoke(request('f', { kind: 'hang' }), new RecordingSink());
    expect(outcome).toEqual({ kind: 'failed', failure: 'unavailable', detail: 'No Lambda runtime is configured: "f" cannot be invoked' });
  });
});
