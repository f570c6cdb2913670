import { CreateApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigV4Verifier } from '../../src/control-plane/index.js';
import { awsSigner } from '../e2e/control-plane/aws-signer.js';
import { type Harness, REGION, rejection, startControlPlane, TEST_KEYS } from '../e2e/control-plane/harness.js';
import { controlPlaneState } from './control-plane-state.js';

/**
 * Issue #13, hardening: with `--auth`, unsigned, badly signed, expired and replayed requests over
 * real HTTP, each refused with AWS's error type and nothing written. The verifier's clock is
 * injected (`skewMs` moves it), so "16 minutes later" needs no waiting. Replays follow AWS: a
 * validly signed request is accepted again within the 15-minute window and refused outside it
 * (docs/compatibility.md, "Decided where AWS is silent").
 */
const MINUTE = 60_000;
let skewMs = 0;
let h: Harness;
let endpoint: URL;

beforeAll(async () => {
  h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }], { now: () => Date.now() + skewMs }) });
  endpoint = new URL(h.endpoint);
  await h.client().send(new CreateApiCommand({ Name: 'kept', ProtocolType: 'HTTP' }));
});
afterAll(() => h.close());

const state = (): string => controlPlaneState(h.controlPlane);

interface Signed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A request signed by AWS's own signer as at `signingDate` (the SDK's clock by default), with `secret`. */
async function sign(method: string, path: string, body: string, options: { signingDate?: Date; secret?: string } = {}): Promise<Signed> {
  const signer = awsSigner({
    ...TEST_KEYS,
    secretAccessKey: options.secret ?? TEST_KEYS.secretAccessKey,
    region: REGION,
    service: 'apigateway',
  });
  const signed = await signer.sign(
    {
      method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: Number(endpoint.port),
      path,
      query: {},
      headers: { host: endpoint.host, 'content-type': 'application/json' },
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return { method, path, headers: signed.headers as Record<string, string>, body };
}

/** Sends the exact request (the same bytes every time it is called: a replay). */
async function send(request: Signed): Promise<{ status: number; type: string | null; message: string }> {
  const res = await fetch(`${h.endpoint}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body ? { body: request.body } : {}),
  });
  const text = await res.text();
  const message = res.status >= 400 ? ((JSON.parse(text) as { message?: string }).message ?? '') : '';
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), message };
}

const create = (name: string): string => JSON.stringify({ name, protocolType: 'HTTP' });

describe('signed control-plane requests with --auth (issue #13)', () => {
  it('unsigned requests are MissingAuthenticationTokenException, whatever the operation; nothing written', async () => {
    const before = state();
    const apiId = h.controlPlane.run('GetApis', {}).items[0]?.apiId ?? '';
    for (const [method, path, body] of [
      ['POST', '/v2/apis', create('unsigned')],
      ['DELETE', `/v2/apis/${apiId}`, ''],
      ['PATCH', `/v2/apis/${apiId}`, '{"name":"renamed"}'],
      ['POST', `/v2/apis/${apiId}/routes`, '{"routeKey":"GET /x"}'],
    ] as const) {
      const res = await send({ method, path, headers: { 'content-type': 'application/json' }, body });
      expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 403, type: 'MissingAuthenticationTokenException' });
    }
    expect(state()).toBe(before);
  });

  it('badly signed requests are refused: wrong secret, a tampered signature, a signed header or the body changed after signing', async () => {
    const before = state();
    const wrongSecret = await rejection(
      h.client({ ...TEST_KEYS, secretAccessKey: 'not-the-secret' }).send(new CreateApiCommand({ Name: 'x', ProtocolType: 'HTTP' })),
    );
    expect({ name: wrongSecret.name, status: wrongSecret.$metadata.httpStatusCode }).toEqual({
      name: 'InvalidSignatureException',
      status: 403,
    });

    const good = await sign('POST', '/v2/apis', create('tampered'));
    const flipped = good.headers['authorization']!.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const variants: Signed[] = [
      { ...good, headers: { ...good.headers, authorization: flipped } },
      {
        ...good,
        headers: { ...good.headers, 'x-amz-date': good.headers['x-amz-date']!.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)) },
      },
      { ...good, body: create('tampered-body') },
      { ...good, headers: { ...good.headers, authorization: good.headers['authorization']!.replace('Signature=', 'Signature=00') } },
    ];
    for (const variant of variants) {
      const res = await send(variant);
      expect({ status: res.status, type: res.type }).toEqual({ status: 403, type: 'InvalidSignatureException' });
    }
    expect(state()).toBe(before);
  });

  it('a date more than 15 minutes away is refused (past or future); within the window it is accepted', async () => {
    const before = state();
    const expired = await send(await sign('POST', '/v2/apis', create('expired'), { signingDate: new Date(Date.now() - 16 * MINUTE) }));
    expect(expired).toMatchObject({
      status: 403,
      type: 'InvalidSignatureException',
      message: expect.stringMatching(/^Signature expired: /),
    });
    const future = await send(await sign('POST', '/v2/apis', create('future'), { signingDate: new Date(Date.now() + 16 * MINUTE) }));
    expect(future).toMatchObject({
      status: 403,
      type: 'InvalidSignatureException',
      message: expect.stringMatching(/^Signature not yet current: /),
    });
    expect(state()).toBe(before);
    // 14 minutes off either way is within the window.
    expect((await send(await sign('POST', '/v2/apis', create('late'), { signingDate: new Date(Date.now() - 14 * MINUTE) }))).status).toBe(
      201,
    );
    expect((await send(await sign('POST', '/v2/apis', create('early'), { signingDate: new Date(Date.now() + 14 * MINUTE) }))).status).toBe(
      201,
    );
  });

  it('a replay is accepted within the 15-minute window, as on AWS, and refused outside it with nothing written', async () => {
    const names = (): string[] => h.controlPlane.run('GetApis', {}).items.map((api) => api.name);
    const captured = await sign('POST', '/v2/apis', create('replayed'));
    expect((await send(captured)).status).toBe(201);
    expect((await send(captured)).status).toBe(201); // AWS keeps no nonce: the same signed request is valid until it expires
    expect(names().filter((name) => name === 'replayed')).toHaveLength(2);

    const before = state();
    skewMs = 15 * MINUTE + 1_000;
    try {
      const late = await send(captured);
      expect(late).toMatchObject({
        status: 403,
        type: 'InvalidSignatureException',
        message: expect.stringMatching(/^Signature expired: /),
      });
      expect(state()).toBe(before);
    } finally {
      skewMs = 0;
    }
    // The clock back: a freshly signed request goes through, so the refusal above was the replay's date alone.
    expect((await h.client().send(new GetApisCommand({}))).Items?.filter((api) => api.Name === 'replayed')).toHaveLength(2);
  });
});
