import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/print-summary.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

/** A WebSocket API (applied by the control plane), an AWS service integration and a REST API beside an HTTP API: the HTTP API is served. */
describe('real-world shape: WebSocket, service integration and REST APIs beside an HTTP API', () => {
  let portico: Portico;
  let upstream: Upstream;

  beforeAll(async () => {
    upstream = await startUpstream('status');
    portico = await startPortico({
      dir: join(import.meta.dirname, 'mixed-apis'),
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      vars: { backend_url: upstream.url },
    });
  });
  afterAll(async () => {
    await portico?.stop();
    await upstream?.close();
  });

  it('serves the HTTP API, whose ordinary route reaches the backend', async () => {
    expect(portico.apis.map((a) => a.name).sort()).toEqual(['chat', 'events']);
    const base = `${portico.endpoint}/_aws/execute-api/${portico.apis.find((a) => a.name === 'events')?.apiId ?? ''}`;
    const status = await send(`${base}/status`);
    expect(status.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe('/status');
    const events = await send(`${base}/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(events.status).toBe(500);
  });

  it('names at start-up what it does not serve: the service integration, the REST API', () => {
    const warnings = portico.warnings.join('\n');
    expect(warnings).toMatch(
      /main\.tf:\d+: aws_apigatewayv2_integration\.put_events is an AWS service integration \(EventBridge-PutEvents\)/,
    );
    expect(warnings).toMatch(/aws_api_gateway_rest_api\.legacy \(main\.tf:\d+\): REST APIs \(API Gateway v1\) are not served/);
    const summary = formatSummary(portico);
    expect(summary).toContain('route GET /status → integration');
    expect(summary).toContain('route POST /events → integration');
    expect(summary).toContain('(an AWS service integration: Portico answers 500)');
    expect(summary).toContain('Warnings:');
  });
});
