import { describe, expect, it } from 'vitest';
import { awsSigner } from '../../test/e2e/control-plane/aws-signer.js';
import { parseAuthorization } from './parse-authorization.js';
import { createSigV4Verifier, type SignedRequest } from './verifier.js';

const KEYS = { accessKeyId: 'AKIDPORTICOTEST', secretAccessKey: 'portico-secret' };
const SIGNED_AT = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));
const AT = SIGNED_AT.getTime();

interface Plain {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  body?: string;
  headers?: Record<string, string>;
}

function rawQuery(query: Record<string, string | string[]> = {}): string {
  return Object.entries(query)
    .flatMap(([name, value]) => [value].flat().map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`))
    .join('&');
}

async function signed(
  plain: Plain,
  options: { secret?: string; service?: string; region?: string; presign?: number } = {},
): Promise<SignedRequest> {
  const signer = awsSigner({
    accessKeyId: KEYS.accessKeyId,
    secretAccessKey: options.secret ?? KEYS.secretAccessKey,
    region: options.region ?? 'us-east-2',
    service: options.service ?? 'apigateway',
  });
  const request = {
    method: plain.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path: plain.path,
    query: plain.query ?? {},
    headers: { host: '127.0.0.1:4566', ...(plain.body ? { 'content-type': 'application/json' } : {}), ...plain.headers },
    ...(plain.body !== undefined ? { body: plain.body } : {}),
  };
  const out =
    options.presign !== undefined
      ? await signer.presign(request, { signingDate: SIGNED_AT, expiresIn: options.presign })
      : await signer.sign(request, { signingDate: SIGNED_AT });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(out.headers)) headers[name.toLowerCase()] = value;
  return {
    method: out.method,
    path: out.path,
    query: rawQuery(out.query as Record<string, string | string[]>),
    headers,
    body: plain.body ?? '',
  };
}

const verifier = createSigV4Verifier([KEYS], { now: () => AT });

describe('SigV4 verifier against the AWS signer', () => {
  it('accepts a signed GET whose path label was percent-encoded ($default → %24default, signed as %2524default)', async () => {
    const request = await signed({ method: 'GET', path: '/v2/apis/abc123/stages/%24default' });
    const result = verifier.verify(request, { service: 'apigateway' });
    expect(result).toEqual({
      ok: true,
      identity: { signed: true, accessKeyId: KEYS.accessKeyId, region: 'us-east-2', service: 'apigateway' },
    });
  });

  it('accepts a POST body, repeated query members and a fully encoded ARN label', async () => {
    const arn = encodeURIComponent('arn:aws:apigateway:us-east-2::/apis/abc123/stages/$default');
    const post = await signed({ method: 'POST', path: '/v2/apis', body: '{"name":"x","protocolType":"HTTP"}' });
    expect(verifier.verify(post).ok).toBe(true);
    const untag = await signed({ method: 'DELETE', path: `/v2/tags/${arn}`, query: { tagKeys: ['b key', 'a'] } });
    expect(verifier.verify(untag).ok).toBe(true);
  });

  it('answers InvalidSignatureException with the canonical request when the secret is wrong', async () => {
    const request = await signed({ method: 'GET', path: '/v2/apis' }, { secret: 'not-the-secret' });
    const result = verifier.verify(request);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.type).toBe('InvalidSignatureException');
    expect(result.error.status).toBe(403);
    expect(result.error.message).toMatch(/^The request signature we calculated does not match the signature you provided\./);
    expect(result.error.message).toContain("The Canonical String for this request should have been\n'GET\n/v2/apis\n");
  });

  it('detects a body changed after signing, and a false x-amz-content-sha256', async () => {
    const request = await signed({ method: 'POST', path: '/v2/apis', body: '{"name":"a"}' });
    const tampered = verifier.verify({ ...request, body: '{"name":"b"}' });
    expect(!tampered.ok && tampered.error.type).toBe('InvalidSignatureException');
    const declared = await signed({
      method: 'POST',
      path: '/v2/apis',
      body: '{"name":"a"}',
      headers: { 'x-amz-content-sha256': '0'.repeat(64) },
    });
    const result = verifier.verify(declared);
    expect(!result.ok && result.error.message).toMatch(/x-amz-content-sha256/);
  });

  it('names unknown keys, unsigned requests, wrong services and stale dates the way AWS does', async () => {
    const unknown = createSigV4Verifier([{ accessKeyId: 'OTHER', secretAccessKey: 's' }], { now: () => AT });
    const request = await signed({ method: 'GET', path: '/v2/apis' });
    expect(unknown.verify(request)).toEqual({
      ok: false,
      error: { type: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.' },
    });
    const unsigned = verifier.verify({ method: 'GET', path: '/v2/apis', query: '', headers: { host: 'x' }, body: '' });
    expect(!unsigned.ok && unsigned.error).toMatchObject({
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    const broken = verifier.verify({
      ...request,
      headers: {
        ...request.headers,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDPORTICOTEST/20261125/us-east-2/apigateway/aws4_request',
      },
    });
    expect(!broken.ok && broken.error).toMatchObject({ type: 'IncompleteSignatureException' });
    expect(!broken.ok && broken.error.message).toMatch(
      /requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter/,
    );
    const sts = await signed({ method: 'GET', path: '/v2/apis' }, { service: 'sts' });
    const wrongService = verifier.verify(sts, { service: 'apigateway' });
    expect(!wrongService.ok && wrongService.error.message).toBe("Credential should be scoped to correct service: 'apigateway'.");
    const later = createSigV4Verifier([KEYS], { now: () => AT + 16 * 60_000 });
    const stale = later.verify(request);
    expect(!stale.ok && stale.error.message).toMatch(/^Signature expired: 20261125T120000Z is now earlier than 20261125T120100Z/);
  });

  it('verifies presigned URLs and refuses them once expired', async () => {
    const request = await signed({ method: 'GET', path: '/v2/apis/abc123' }, { presign: 60 });
    expect(request.headers['authorization']).toBeUndefined();
    expect(verifier.verify(request).ok).toBe(true);
    const late = createSigV4Verifier([KEYS], { now: () => AT + 61_000 }).verify(request);
    expect(!late.ok && late.error.message).toMatch(/^Signature expired/);
  });

  it('accepts anything without configured credentials, still reading the scope', async () => {
    const open = createSigV4Verifier();
    expect(open.enforcing).toBe(false);
    const request = await signed({ method: 'GET', path: '/v2/apis' }, { secret: 'whatever', region: 'eu-south-2' });
    expect(open.verify(request)).toMatchObject({ ok: true, identity: { accessKeyId: KEYS.accessKeyId, region: 'eu-south-2' } });
    expect(open.verify({ method: 'GET', path: '/v2/apis', query: '', headers: {}, body: '' })).toEqual({
      ok: true,
      identity: { signed: false },
    });
  });
});

describe('parseAuthorization', () => {
  it('reads a real AWS CLI header (aws/aws-cli#8009)', () => {
    const parsed = parseAuthorization(
      'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20230628/eu-south-2/apigateway/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=abc123',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        algorithm: 'AWS4-HMAC-SHA256',
        accessKeyId: 'ASIAEXAMPLE',
        scope: { date: '20230628', region: 'eu-south-2', service: 'apigateway', terminator: 'aws4_request' },
        credentialScope: '20230628/eu-south-2/apigateway/aws4_request',
        signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
        signature: 'abc123',
      },
    });
    expect(parseAuthorization('Bearer token')).toMatchObject({ ok: false });
  });
});
