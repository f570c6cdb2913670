import { join } from 'node:path';
import { ApiGatewayV2Client, ResetAuthorizersCacheCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/model/index.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { awsSigner, signedFetch } from './control-plane/aws-signer.js';
import { send } from '../support/http.js';
import { startJwksIssuer, type JwksIssuer } from '../support/jwks-issuer.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lambda-jwt');
const KEYS = { accessKeyId: 'AKIDPORTICOE2E', secretAccessKey: 'portico-e2e-secret' };

interface Echo {
  event: { version: string; requestContext: { authorizer?: unknown } };
}

/** JWT, Lambda and IAM authorizers of the lambda-jwt example, against an issuer the test runs. */
describe('authorizers, end to end', () => {
  const clock = new ManualClock(Date.now());
  let issuer: JwksIssuer;
  let portico: Portico;
  let base: string;
  let apiId: string;

  beforeAll(async () => {
    issuer = await startJwksIssuer(() => clock.now());
    await issuer.addKey('key-1');
    portico = await startPortico({
      dir: EXAMPLE,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      clock,
      vars: { jwt_issuer: issuer.url },
      credentials: [KEYS],
    });
    apiId = portico.apis[0]?.apiId ?? '';
    base = `${portico.endpoint}/_aws/execute-api/${apiId}`;
  });

  afterAll(async () => {
    await portico?.stop();
    await issuer?.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('JWT', () => {
    it('lets a valid token through and hands its claims to the function as strings', async () => {
      const token = await issuer.sign('key-1', { sub: 'ada', scope: 'read write', groups: ['Admins', 'Readers'] });
      const reply = await send(`${base}/me`, { headers: bearer(token) });
      expect(reply.status).toBe(200);
      const authorizer = reply.json<Echo>().event.requestContext.authorizer as {
        jwt: { claims: Record<string, string>; scopes: string[] };
      };
      expect(authorizer.jwt.scopes).toEqual(['read', 'write']);
      expect(authorizer.jwt.claims).toMatchObject({ sub: 'ada', iss: issuer.url, aud: 'portico-example', groups: '[Admins Readers]' });
      expect(authorizer.jwt.claims['exp']).toMatch(/^\d+$/);
      // A raw token without "Bearer " is accepted too.
      expect((await send(`${base}/me`, { headers: { authorization: token } })).status).toBe(200);
    });

    it('refuses missing, expired, wrong-audience and wrong-issuer tokens with 401 and www-authenticate', async () => {
      const missing = await send(`${base}/me`);
      expect(missing.status).toBe(401);
      expect(missing.json()).toEqual({ message: 'Unauthorized' });
      expect(missing.headers['www-authenticate']).toBe('Bearer');
      const cases: [string, Promise<string>][] = [
        ['the token has expired', issuer.sign('key-1', { sub: 'ada' }, { expiresIn: -10 })],
        ['the token does not have a valid audience', issuer.sign('key-1', { sub: 'ada' }, { audience: 'someone-else' })],
        ['the token does not have a valid issuer', issuer.sign('key-1', { sub: 'ada' }, { issuer: 'https://evil.example' })],
        ['the token is not valid yet', issuer.sign('key-1', { sub: 'ada' }, { notBefore: Math.floor(clock.now() / 1000) + 60 })],
        ['the token is malformed', Promise.resolve('not-a-jwt')],
      ];
      for (const [description, token] of cases) {
        const reply = await send(`${base}/me`, { headers: bearer(await token) });
        expect(reply.status, description).toBe(401);
        expect(reply.headers['www-authenticate']).toBe(`Bearer scope="" error="invalid_token" error_description="${description}"`);
      }
    });

    it('accepts client_id when the token has no aud, and expires a token when the clock passes exp', async () => {
      const token = await issuer.sign('key-1', { sub: 'ada', client_id: 'portico-example' }, { audience: null });
      expect((await send(`${base}/me`, { headers: bearer(token) })).status).toBe(200);
      const shortLived = await issuer.sign('key-1', { sub: 'ada' }, { expiresIn: 60 });
      expect((await send(`${base}/me`, { headers: bearer(shortLived) })).status).toBe(200);
      clock.advance(61_000);
      expect((await send(`${base}/me`, { headers: bearer(shortLived) })).status).toBe(401);
    });

    it('answers 403 for a valid token without the route scope, 200 with it', async () => {
      const reader = await issuer.sign('key-1', { sub: 'ada', scope: 'read' });
      const denied = await send(`${base}/admin`, { headers: bearer(reader) });
      expect(denied.status).toBe(403);
      expect(denied.json()).toEqual({ message: 'Forbidden' });
      const admin = await issuer.sign('key-1', { sub: 'ada', scp: ['admin'] });
      expect((await send(`${base}/admin`, { headers: bearer(admin) })).status).toBe(200);
    });

    it('refetches the JWKS for an unknown kid, at most once per 30 s: key rotation', async () => {
      await issuer.addKey('key-2', false);
      const rotated = await issuer.sign('key-2', { sub: 'ada' });
      const before = issuer.fetches.jwks;
      clock.advance(31_000);
      // Not published yet: the refetch finds nothing.
      const unknown = await send(`${base}/me`, { headers: bearer(rotated) });
      expect(unknown.status).toBe(401);
      expect(issuer.fetches.jwks).toBe(before + 1);
      issuer.publish('key-2');
      // Within the cooldown the issuer is not asked again.
      expect((await send(`${base}/me`, { headers: bearer(rotated) })).status).toBe(401);
      expect(issuer.fetches.jwks).toBe(before + 1);
      clock.advance(31_000);
      expect((await send(`${base}/me`, { headers: bearer(rotated) })).status).toBe(200);
      expect(issuer.fetches.jwks).toBe(before + 2);
      // Known keys need no fetch.
      expect((await send(`${base}/me`, { headers: bearer(await issuer.sign('key-1', { sub: 'ada' })) })).status).toBe(200);
      expect(issuer.fetches.jwks).toBe(before + 2);
    });
  });

  describe('Lambda REQUEST authorizers', () => {
    const lambdaContext = async (key: string): Promise<{ status: number; context?: Record<string, unknown> }> => {
      const reply = await send(`${base}/orders/42`, { headers: { 'x-api-key': key } });
      if (reply.status !== 200) return { status: reply.status };
      return { status: 200, context: (reply.json<Echo>().event.requestContext.authorizer as { lambda: Record<string, unknown> }).lambda };
    };

    it('answers 401 without invoking the function when the identity source is missing', async () => {
      const reply = await send(`${base}/orders/42`);
      expect(reply.status).toBe(401);
      expect(reply.json()).toEqual({ message: 'Unauthorized' });
    });

    it('allows, caches the answer by identity value (one invocation), and forgets it on ResetAuthorizersCache and after the TTL', async () => {
      const first = await lambdaContext('let-me-in');
      expect(first).toEqual({ status: 200, context: { user: 'ada', invocations: 1 } });
      expect(await lambdaContext('let-me-in')).toEqual(first);
      const sdk = new ApiGatewayV2Client({ endpoint: portico.endpoint, region: 'eu-west-1', credentials: KEYS });
      await sdk.send(new ResetAuthorizersCacheCommand({ ApiId: apiId, StageName: '$default' }));
      expect((await lambdaContext('let-me-in')).context).toEqual({ user: 'ada', invocations: 2 });
      expect((await lambdaContext('let-me-in')).context).toEqual({ user: 'ada', invocations: 2 });
      clock.advance(301_000);
      expect((await lambdaContext('let-me-in')).context).toEqual({ user: 'ada', invocations: 3 });
    });

    it('answers 403 for a simple deny, 401 for an "Unauthorized" error, 500 when the authorizer fails', async () => {
      expect((await lambdaContext('wrong-key')).status).toBe(403);
      expect((await lambdaContext('unauthorized')).status).toBe(401);
      const failed = await send(`${base}/orders/1`, { headers: { 'x-api-key': 'boom' } });
      expect(failed.status).toBe(500);
      expect(failed.json()).toEqual({ message: 'Internal Server Error' });
    });

    it('evaluates an IAM policy response (payload 1.0): Allow → 200 with the context in the 1.0 event, Deny → 403', async () => {
      const allowed = await send(`${base}/reports/7`, { headers: { 'x-api-key': 'let-me-in' } });
      expect(allowed.status).toBe(200);
      const event = allowed.json<Echo>().event;
      expect(event.version).toBe('1.0');
      expect(event.requestContext.authorizer).toEqual({ tier: 'gold', principalId: 'user-ada', integrationLatency: expect.any(Number) });
      expect((await send(`${base}/reports/7`, { headers: { 'x-api-key': 'nope' } })).status).toBe(403);
    });
  });

  describe('AWS_IAM', () => {
    const signer = (secret = KEYS.secretAccessKey) =>
      awsSigner({ accessKeyId: KEYS.accessKeyId, secretAccessKey: secret, region: 'eu-west-1', service: 'execute-api' });

    it('lets a SigV4-signed request through with the caller in the event', async () => {
      const reply = await signedFetch(
        portico.endpoint,
        { method: 'POST', path: `/_aws/execute-api/${apiId}/internal`, body: '{"job":1}', headers: { 'content-type': 'application/json' } },
        signer(),
      );
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as Echo & { event: { body: string } };
      expect(body.event.body).toBe('{"job":1}');
      expect(body.event.requestContext.authorizer).toEqual({
        iam: {
          accessKey: KEYS.accessKeyId,
          accountId: '000000000000',
          // Keys without a user name belong to the account's root, as STS GetCallerIdentity says here.
          callerId: '000000000000',
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: 'arn:aws:iam::000000000000:root',
          userId: '000000000000',
        },
      });
    });

    it('refuses unsigned requests and bad signatures with 403 and the SigV4 error type', async () => {
      const unsigned = await send(`${base}/internal`, { method: 'POST', body: '{}' });
      expect(unsigned.status).toBe(403);
      expect(unsigned.json()).toEqual({ message: 'Forbidden' });
      expect(unsigned.headers['x-amzn-errortype']).toBe('IncompleteSignatureException');
      const forged = await signedFetch(
        portico.endpoint,
        { method: 'POST', path: `/_aws/execute-api/${apiId}/internal`, body: '{}' },
        signer('wrong'),
      );
      expect(forged.status).toBe(403);
      expect(forged.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    });
  });
});
