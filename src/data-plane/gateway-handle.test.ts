import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gateway } from './gateway.js';
import { createTargetMap } from '../integrations/index.js';
import { ManualClock } from '../model/index.js';
import { silentLogger } from '../observability/index.js';
import { listen, type Listening } from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';

/**
 * `Gateway.handle`: the pipeline in process, no client socket. What it returns is what the respond
 * step wrote, with node:http's own additions (Date) and refusals (invalid fields) reproduced.
 */
let backend: Listening;
const gateway = new Gateway({ clock: new ManualClock(Date.UTC(2026, 2, 12)), logger: silentLogger(), targets: createTargetMap({}) });
const host = { host: 'inproc0001.execute-api.localhost' };

beforeAll(async () => {
  backend = await listen((req, res) => {
    if (req.url === '/bad-header') {
      // A raw head Node would refuse to forward: a field value with a control character.
      res.socket?.end('HTTP/1.1 200 OK\r\nx-bad: a\u0001b\r\ncontent-length: 2\r\n\r\nok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'text/plain', 'x-method': req.method ?? '' }).end(`got ${Buffer.concat(chunks).length} bytes`),
    );
  });
  gateway.setConfig(
    servingConfig([
      {
        apiId: 'inproc0001',
        routes: [route('ANY /echo', 'echo'), route('GET /bad-header', 'echo')],
        integrations: [httpProxy('echo', backend.url)],
        stages: { $default: true, prod: true },
      },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  await backend.close();
});

describe('Gateway.handle', () => {
  it('serves a request with its body through the whole pipeline, and answers with apigw-requestid and Date', async () => {
    const response = await gateway.handle({ method: 'POST', url: '/prod/echo', headers: host, body: 'hello' });
    expect(response?.status).toBe(200);
    expect(response?.body.toString()).toBe('got 5 bytes');
    expect(response?.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(response?.headers['date']).toBeDefined();
  });

  it('answers gateway errors as a client would read them', async () => {
    const response = await gateway.handle({ url: '/nowhere', headers: host });
    expect(response?.status).toBe(404);
    expect(JSON.parse(response?.body.toString() ?? '')).toEqual({ message: 'Not Found' });
  });

  it('drops the body of a HEAD response, keeping its fields', async () => {
    const response = await gateway.handle({ method: 'HEAD', url: '/echo', headers: host });
    expect(response?.status).toBe(200);
    expect(response?.headers['x-method']).toBe('HEAD');
    expect(response?.body.length).toBe(0);
  });

  it('refuses a backend field node:http would refuse: 500, as on a real socket', async () => {
    const response = await gateway.handle({ url: '/bad-header', headers: host });
    expect(response?.status).toBe(500);
  });

  it("serves an API's own port when given the API id, and nothing for a request the edge would not route", async () => {
    expect((await gateway.handle({ url: '/echo' }, 'inproc0001'))?.status).toBe(200);
    expect(await gateway.handle({ url: '/v2/apis', headers: { host: 'localhost' } })).toBeUndefined();
  });
});
