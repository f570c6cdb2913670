import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lambda-jwt');

/** The Terraform example end to end: functions from ./functions run locally behind AWS_PROXY routes. */
describe('Lambda proxy integrations from the lambda-jwt example', () => {
  let portico: Portico;
  let base: string;

  beforeAll(async () => {
    portico = await startPortico({ dir: EXAMPLE, port: 0, state: ':memory:', logLevel: 'silent' });
    base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  });

  afterAll(async () => {
    await portico?.stop();
  });

  it('invokes the function with a 2.0 event and returns its response', async () => {
    const reply = await send(`${base}/public/items?b=2&a=1&a=3`, { headers: { 'x-trace': 'one' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-greeting']).toBe('hello from Lambda');
    expect(reply.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    const { event, functionName } = reply.json<{ event: Record<string, unknown>; functionName: string }>();
    expect(functionName).toBe('portico-example-api');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /public/{proxy+}',
      rawPath: '/public/items',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      pathParameters: { proxy: 'items' },
      isBase64Encoded: false,
    });
  });

  it('sends a 1.0 event to a 1.0 integration', async () => {
    const reply = await send(`${base}/v1/things/7`);
    expect(reply.status).toBe(200);
    expect(reply.json<{ event: Record<string, unknown> }>().event).toMatchObject({
      version: '1.0',
      resource: '/v1/{proxy+}',
      path: '/v1/things/7',
      httpMethod: 'GET',
      pathParameters: { proxy: 'things/7' },
    });
  });

  it('passes binary bodies base64-encoded both ways', async () => {
    const bytes = Buffer.from([0, 1, 2, 200, 255]);
    const reply = await fetch(`${base}/public/binary`, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await reply.arrayBuffer())).toEqual(Buffer.from([255, 200, 2, 1, 0]));
  });

  it('turns 2.0 cookies and 1.0 multi-value Set-Cookie into set-cookie headers', async () => {
    for (const path of ['/public/cookies', '/v1/cookies']) {
      const reply = await send(`${base}${path}`);
      expect(reply.status).toBe(200);
      expect(reply.headers['set-cookie']).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    }
  });

  it('infers a 2.0 response from a returned string', async () => {
    const reply = await send(`${base}/public/hello`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toBe('Hello');
  });

  it('answers 500 Internal Server Error when the handler throws or returns a malformed response', async () => {
    for (const path of ['/public/throw', '/public/malformed', '/v1/hello']) {
      const reply = await send(`${base}${path}`);
      expect(reply.status, path).toBe(500);
      expect(reply.json()).toEqual({ message: 'Internal Server Error' });
    }
  });

  it('stops a handler that hangs past its timeout (1 s in the Terraform) with a 500', async () => {
    const reply = await send(`${base}/public/hang`);
    expect(reply.status).toBe(500);
    expect(reply.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 503 when the integration timeout (200 ms) passes first', async () => {
    const reply = await send(`${base}/impatient/hang`);
    expect(reply.status).toBe(503);
    expect(reply.json()).toEqual({ message: 'Service Unavailable' });
  });

  it('survives a handler that kills its process: 500, and the next request works', async () => {
    const crashed = await send(`${base}/public/crash`);
    expect(crashed.status).toBe(500);
    const after = await send(`${base}/public/after-crash`);
    expect(after.status).toBe(200);
    expect(after.json<{ event: { rawPath: string } }>().event.rawPath).toBe('/public/after-crash');
  });
});
