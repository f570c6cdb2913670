import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lambda-jwt');
const HANDLERS = join(import.meta.dirname, '..', 'fixtures', 'lambda', 'handlers', 'app.mjs');

/** `--function NAME=…`: a module file, or a function served over Lambda's Invoke API (any runtime). */
describe('mapping functions with --function', () => {
  let portico: Portico;
  let invokeApi: Server;
  let base: string;
  const invocations: { url: string; event: { rawPath: string; requestContext?: { authorizer?: unknown } } }[] = [];

  beforeAll(async () => {
    // Stands in for the Runtime Interface Emulator of an AWS base image (`docker run -p 9000:8080 …`).
    invokeApi = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const event = JSON.parse(Buffer.concat(chunks).toString()) as { rawPath: string };
        invocations.push({ url: req.url ?? '', event });
        if (event.rawPath.endsWith('/fail')) {
          res.writeHead(200, { 'x-amz-function-error': 'Unhandled' }).end('{"errorType":"ValueError","errorMessage":"bad"}');
          return;
        }
        res.writeHead(200).end(JSON.stringify({ statusCode: 201, body: `python says ${event.rawPath}` }));
      });
    });
    await new Promise<void>((resolve) => invokeApi.listen(0, '127.0.0.1', resolve));
    portico = await startPortico({
      dir: EXAMPLE,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      functions: [
        `portico-example-api=http://127.0.0.1:${(invokeApi.address() as AddressInfo).port}`,
        `arn:aws:lambda:eu-west-1:000000000000:function:portico-example-authorizer=${HANDLERS}#allowAll`,
      ],
    });
    base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  });

  afterAll(async () => {
    await portico?.stop();
    invokeApi?.close();
  });

  it('forwards the event to a Lambda Invoke endpoint and reads its answer and its function errors', async () => {
    const reply = await send(`${base}/public/py`);
    expect(reply.status).toBe(201);
    expect(reply.body).toBe('python says /public/py');
    expect(invocations.at(-1)?.url).toBe('/2015-03-31/functions/function/invocations');
    expect((await send(`${base}/public/fail`)).status).toBe(500);
  });

  it('runs a handler module named on the command line in place of the Terraform code', async () => {
    // The Terraform's authorizer would refuse "k"; the mapped module allows everything.
    const reply = await send(`${base}/orders/1`, { headers: { 'x-api-key': 'k' } });
    expect(reply.status).toBe(201);
    expect(invocations.at(-1)?.event.requestContext?.authorizer).toEqual({ lambda: { mapped: true } });
  });
});
