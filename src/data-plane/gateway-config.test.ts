import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTargetMap } from '../integrations/index.js';
import { ManualClock, type ServingConfig } from '../model/index.js';
import { createLogger, silentLogger } from '../observability/index.js';
import { echoUpstream, listen, send, startGateway, type Echo } from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';
import { Gateway } from './gateway.js';

/** A config whose deployment counts how often the gateway loads its snapshot. */
function countingConfig(deploymentIds: string[], loads: Map<string, number>): ServingConfig {
  const config = servingConfig(
    deploymentIds.map((id, i) => ({
      apiId: `api${i.toString().padStart(7, '0')}`,
      deploymentId: id,
      routes: [route('$default', 'i1')],
      integrations: [httpProxy('i1', 'http://127.0.0.1:9')],
    })),
  );
  for (const api of config.apis)
    for (const served of api.stages) {
      const deployment = served.deployment;
      if (deployment === undefined) continue;
      const load = deployment.snapshot;
      deployment.snapshot = () => {
        loads.set(deployment.deploymentId, (loads.get(deployment.deploymentId) ?? 0) + 1);
        return load();
      };
    }
  return config;
}

describe('Gateway.setConfig', () => {
  it('compiles each deployment once, and forgets deployments no longer served', async () => {
    const gateway = new Gateway({ clock: new ManualClock(), logger: silentLogger(), targets: createTargetMap({}) });
    const loads = new Map<string, number>();
    gateway.setConfig(countingConfig(['d1', 'd2'], loads));
    gateway.setConfig(countingConfig(['d1', 'd2'], loads));
    expect(Object.fromEntries(loads)).toEqual({ d1: 1, d2: 1 });
    gateway.setConfig(countingConfig(['d1'], loads));
    gateway.setConfig(countingConfig(['d1', 'd2'], loads));
    expect(Object.fromEntries(loads)).toEqual({ d1: 1, d2: 2 });
    await gateway.close();
  });
});

describe('unexpected errors', () => {
  it('answer 500 without internals and log the stack with the request id', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const clock = {
      now(): number {
        throw new Error('secret internals: clock broke');
      },
    };
    const gateway = await startGateway({ clock, logger: createLogger({ level: 'error', destination }) });
    try {
      gateway.gateway.setConfig(
        servingConfig([{ apiId: 'broken0001', routes: [route('$default', 'i1')], integrations: [httpProxy('i1', 'http://127.0.0.1:9')] }]),
      );
      const reply = await send(gateway.port, { headers: { host: gateway.host('broken0001') } });
      expect(reply.status).toBe(500);
      expect(JSON.parse(reply.body)).toEqual({ message: 'Internal Server Error' });
      expect(reply.body).not.toContain('secret');
      const requestId = String(reply.headers['apigw-requestid']);
      const logged = lines.map((line) => JSON.parse(line) as { requestId?: string; err?: { stack?: string } });
      expect(logged.some((line) => line.requestId === requestId && line.err?.stack?.includes('clock broke'))).toBe(true);
      // The gateway keeps serving other requests.
      expect((await send(gateway.port, { headers: { host: gateway.host('other00001') } })).status).toBe(404);
    } finally {
      await gateway.close();
    }
  });
});

describe('GatewayOptions.edgePort', () => {
  it('is reported as X-Forwarded-Port for edge requests; a dedicated API port reports itself', async () => {
    const upstream = await echoUpstream();
    const gateway = await startGateway({ edgePort: 443 });
    const dedicated = await listen((req, res) => gateway.gateway.handleApi('ports00001', req, res));
    try {
      gateway.gateway.setConfig(
        servingConfig([{ apiId: 'ports00001', routes: [route('$default', 'i1')], integrations: [httpProxy('i1', upstream.url)] }]),
      );
      const viaEdge = await send(gateway.port, { headers: { host: gateway.host('ports00001') } });
      expect((JSON.parse(viaEdge.body) as Echo).headers['x-forwarded-port']).toBe('443');
      const viaApiPort = await send(dedicated.port);
      expect((JSON.parse(viaApiPort.body) as Echo).headers['x-forwarded-port']).toBe(String(dedicated.port));
    } finally {
      await dedicated.close();
      await gateway.close();
      await upstream.close();
    }
  });
});

describe('AWS service integrations', () => {
  it('answer 500 and the log names the subtype once, not a function to map', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const gateway = await startGateway({ logger: createLogger({ level: 'warn', destination }) });
    const service = {
      integrationId: 'sqs',
      integrationType: 'AWS_PROXY' as const,
      integrationSubtype: 'SQS-SendMessage',
      connectionType: 'INTERNET' as const,
      payloadFormatVersion: '1.0' as const,
      timeoutInMillis: 30_000,
    };
    gateway.gateway.setConfig(servingConfig([{ apiId: 'svcint0001', routes: [route('POST /send', 'sqs')], integrations: [service] }]));
    for (let i = 0; i < 2; i++) {
      const reply = await send(gateway.port, { method: 'POST', path: '/send', headers: { host: gateway.host('svcint0001') }, body: '{}' });
      expect(reply.status).toBe(500);
      expect(JSON.parse(reply.body)).toEqual({ message: 'Internal Server Error' });
    }
    const warnings = lines.filter((line) => line.includes('SQS-SendMessage'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('AWS service integration (SQS-SendMessage), which Portico does not call');
    await gateway.close();
  });
});
