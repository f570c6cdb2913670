import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigV4Verifier } from '../../src/control-plane/index.js';
import { awsSigner } from '../e2e/control-plane/aws-signer.js';
import { type Harness, REGION, rejection, startControlPlane, TEST_KEYS } from '../e2e/control-plane/harness.js';

/**
 * Issue #17, finding 3: with `--auth`, `x-amz-content-sha256: UNSIGNED-PAYLOAD` (or `STREAMING-*`)
 * let a captured signed request be replayed with any body, and a credential scoped to another region
 * was accepted. apigatewayv2 takes no unsigned payloads: the body received is what is hashed.
 */
let h: Harness;
beforeAll(async () => {
  h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]) });
});
afterAll(() => h.close());

/** Signs `signedBody` with the given `x-amz-content-sha256`, then sends `sentBody` under that signature. */
async function replay(contentSha256: string, signedBody: string, sentBody: string): Promise<Response> {
  const url = new URL(h.endpoint);
  const signer = awsSigner({ ...TEST_KEYS, region: REGION, service: 'apigateway' });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: '/v2/apis',
    query: {},
    headers: { host: url.host, 'content-type': 'application/json', 'x-amz-content-sha256': contentSha256 },
    body: signedBody,
  });
  return fetch(`${h.endpoint}/v2/apis`, { method: 'POST', headers: signed.headers, body: sentBody });
}

async function apiNames(): Promise<string[]> {
  const apis = await h.client().send(new GetApisCommand({}));
  return (apis.Items ?? []).map((api) => api.Name ?? '');
}

describe('the signature covers the body and the region (issue #17)', () => {
  it.each(['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'])(
    'x-amz-content-sha256: %s does not let another body through',
    async (declared) => {
      const signedBody = JSON.stringify({ name: 'harmless', protocolType: 'HTTP' });
      const res = await replay(declared, signedBody, JSON.stringify({ name: 'attacker-chosen', protocolType: 'HTTP' }));
      expect(res.status).toBe(403);
      expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
      expect(await res.json()).toEqual({ message: "The provided 'x-amz-content-sha256' header does not match what was computed." });
      // Nor the body it was signed with: the header must be the body's hash.
      expect((await replay(declared, signedBody, signedBody)).status).toBe(403);
      expect(await apiNames()).toEqual([]);
    },
  );

  it('a credential scoped to another region is refused with AWS words, naming the region served', async () => {
    const elsewhere = new ApiGatewayV2Client({ endpoint: h.endpoint, region: 'eu-west-1', credentials: TEST_KEYS, maxAttempts: 1 });
    const error = await rejection(elsewhere.send(new GetApisCommand({})));
    elsewhere.destroy();
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(`Credential should be scoped to a valid region, not 'eu-west-1'. This endpoint serves '${REGION}'.`);
    // The region served is signed for as before.
    expect((await h.client().send(new GetApisCommand({}))).$metadata.httpStatusCode).toBe(200);
  });
});
