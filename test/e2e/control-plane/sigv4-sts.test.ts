import type { IncomingMessage } from 'node:http';
import { CreateApiCommand, CreateStageCommand, GetApisCommand, GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { afterEach, describe, expect, it } from 'vitest';
import { createSigV4Verifier, isControlPlaneRequest } from '../../../src/control-plane/index.js';
import { awsSigner, signedFetch } from './aws-signer.js';
import { ACCOUNT, type Harness, REGION, rejection, startControlPlane, TEST_KEYS } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

describe('SigV4 on the control plane', () => {
  it('with credentials configured: the SDK signs its way in, a wrong secret gets InvalidSignatureException', async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]) });
    const client = h.client();
    const api = await client.send(new CreateApiCommand({ Name: 'signed', ProtocolType: 'HTTP' }));
    // $default travels as %24default and is signed as %2524default.
    await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect((await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }))).StageName).toBe('$default');

    const wrong = await rejection(h.client({ ...TEST_KEYS, secretAccessKey: 'wrong' }).send(new GetApisCommand({})));
    expect(wrong.name).toBe('InvalidSignatureException');
    expect(wrong.$metadata.httpStatusCode).toBe(403);
    expect(wrong.message).toMatch(/^The request signature we calculated does not match the signature you provided/);

    const unknown = await rejection(h.client({ accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }).send(new GetApisCommand({})));
    expect(unknown.name).toBe('UnrecognizedClientException');
    expect(unknown.message).toBe('The security token included in the request is invalid.');

    const unsigned = await fetch(`${h.endpoint}/v2/apis`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('without credentials: any signature (or none) is accepted', async () => {
    h = await startControlPlane();
    const result = await h.client({ accessKeyId: 'anything', secretAccessKey: 'wrong' }).send(new GetApisCommand({}));
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect((await fetch(`${h.endpoint}/v2/apis`)).status).toBe(200);
  });
});

describe('STS GetCallerIdentity (what the Terraform provider calls at configure time)', () => {
  it('answers a signed query-protocol request with the account, in XML', async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]) });
    const signer = awsSigner({ ...TEST_KEYS, region: REGION, service: 'sts' });
    const res = await signedFetch(h.endpoint, { method: 'POST', path: '/', headers: FORM, body: STS_BODY }, signer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const xml = await res.text();
    expect(xml).toMatch(/^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    expect(xmlValue(xml, 'Account')).toBe(ACCOUNT);
    expect(xmlValue(xml, 'Arn')).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(xmlValue(xml, 'UserId')).toBe(ACCOUNT);
    expect(xmlValue(xml, 'RequestId')).toBe(res.headers.get('x-amzn-requestid'));
  });

  it('names the IAM user of configured keys, and refuses a wrong secret in STS terms', async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS, userName: 'terraform' }]) });
    const ok = await signedFetch(
      h.endpoint,
      { method: 'POST', path: '/', headers: FORM, body: STS_BODY },
      awsSigner({ ...TEST_KEYS, region: REGION, service: 'sts' }),
    );
    const xml = await ok.text();
    expect(xmlValue(xml, 'Arn')).toBe(`arn:aws:iam::${ACCOUNT}:user/terraform`);
    expect(xmlValue(xml, 'UserId')).toMatch(/^AIDA[0-9A-F]{17}$/);
    const bad = await signedFetch(
      h.endpoint,
      { method: 'POST', path: '/', headers: FORM, body: STS_BODY },
      awsSigner({ ...TEST_KEYS, secretAccessKey: 'wrong', region: REGION, service: 'sts' }),
    );
    expect(bad.status).toBe(403);
    const error = await bad.text();
    expect(xmlValue(error, 'Code')).toBe('SignatureDoesNotMatch');
    expect(xmlValue(error, 'Type')).toBe('Sender');
  });

  it('answers other actions with InvalidAction', async () => {
    h = await startControlPlane();
    const res = await fetch(`${h.endpoint}/`, { method: 'POST', headers: FORM, body: 'Action=AssumeRole&Version=2011-06-15' });
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toContain('<ErrorResponse');
    expect(xmlValue(xml, 'Code')).toBe('InvalidAction');
    expect(xmlValue(xml, 'Message')).toMatch(/^Could not find operation AssumeRole for version 2011-06-15/);
  });
});

describe('isControlPlaneRequest', () => {
  const req = (method: string, url: string, headers: Record<string, string> = {}): IncomingMessage =>
    ({ method, url, headers }) as unknown as IncomingMessage;
  it('claims /v2 paths and STS at the root, nothing else', () => {
    expect(isControlPlaneRequest(req('GET', '/v2/apis'))).toBe(true);
    expect(isControlPlaneRequest(req('DELETE', '/v2/tags/arn%3Aaws?tagKeys=a'))).toBe(true);
    expect(isControlPlaneRequest(req('POST', '/', FORM))).toBe(true);
    expect(isControlPlaneRequest(req('GET', '/?Action=GetCallerIdentity&Version=2011-06-15'))).toBe(true);
    expect(
      isControlPlaneRequest(
        req('POST', '/', {
          ...FORM,
          authorization: 'AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=x',
        }),
      ),
    ).toBe(false);
    expect(isControlPlaneRequest(req('POST', '/', { 'content-type': 'application/json' }))).toBe(false);
    expect(isControlPlaneRequest(req('GET', '/v2apis'))).toBe(false);
    expect(isControlPlaneRequest(req('GET', '/prod/v2/apis'))).toBe(false);
  });
});
