import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/model/index.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { awsSigner } from './control-plane/aws-signer.js';
import { startJwksIssuer, type JwksIssuer } from '../support/jwks-issuer.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'lambda', 'events');
const KEYS = { accessKeyId: 'AKIDEVENTS', secretAccessKey: 'events-secret' };
// 12/Mar/2026:19:03:58 +0000, the clock every event's time fields come from.
const NOW = Date.UTC(2026, 2, 12, 19, 3, 58, 390);
const REQUEST_ID = expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/);
const TRACE = expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);

/** One request with headers in a given order (repeats allowed), answered with the event the echo function got. */
function call(port: number, method: string, path: string, headers: [string, string][], body = ''): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const flat = headers.flat();
    if (body !== '') flat.push('Content-Length', String(Buffer.byteLength(body)));
    const req = request({ host: '127.0.0.1', port, method, path, headers: flat, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) reject(new Error(`${res.statusCode}: ${text}`));
        else resolve(JSON.parse(text) as Record<string, unknown>);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Event shapes compared whole, field by field, with AWS's (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html; docs/reference/dataplane.md §5.1). */
describe('Lambda event shapes', () => {
  const clock = new ManualClock(NOW);
  let issuer: JwksIssuer;
  let portico: Portico;
  let apiId: string;
  let host: string;

  beforeAll(async () => {
    issuer = await startJwksIssuer(() => clock.now());
    await issuer.addKey('k1');
    portico = await startPortico({
      dir: FIXTURE,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      clock,
      vars: { jwt_issuer: issuer.url },
      credentials: [KEYS],
    });
    apiId = portico.apis[0]?.apiId ?? '';
    host = `${apiId}.execute-api.localhost:${portico.port}`;
  });

  afterAll(async () => {
    await portico?.stop();
    await issuer?.close();
  });

  const clientHeaders = (): [string, string][] => [
    ['Host', host],
    ['User-Agent', 'shape-test'],
    ['Content-Type', 'text/plain'],
    ['X-Custom', 'one'],
    ['X-Custom', 'two'],
    ['Cookie', 'a=1; b=2'],
    ['Cookie', 'c=3'],
  ];

  const context2 = (routeKey: string, path: string, method: string) => ({
    accountId: '000000000000',
    apiId,
    domainName: `${apiId}.execute-api.localhost`,
    domainPrefix: apiId,
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'shape-test' },
    requestId: REQUEST_ID,
    routeKey,
    stage: 'dev',
    time: '12/Mar/2026:19:03:58 +0000',
    timeEpoch: NOW,
  });

  it('payload 2.0: lower-case headers, duplicates comma-joined, cookies apart, stage in rawPath, empty members left out', async () => {
    const event = await call(portico.port, 'POST', '/dev/items/42?x=1&x=2&y=%20z', clientHeaders(), 'hello');
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'POST /items/{id}',
      rawPath: '/dev/items/42',
      rawQueryString: 'x=1&x=2&y=%20z',
      cookies: ['a=1', 'b=2', 'c=3'],
      headers: {
        host,
        'user-agent': 'shape-test',
        'content-type': 'text/plain',
        'x-custom': 'one,two',
        'content-length': '5',
        'x-amzn-trace-id': TRACE,
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': String(portico.port),
        'x-forwarded-proto': 'http',
      },
      queryStringParameters: { x: '1,2', y: ' z' },
      requestContext: context2('POST /items/{id}', '/dev/items/42', 'POST'),
      body: 'hello',
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      stageVariables: { fn: 'echo', color: 'blue' },
    });
  });

  it('payload 2.0 for the $default route with a binary body: base64, no query, no path parameters', async () => {
    const event = await call(
      portico.port,
      'PUT',
      '/dev/any/where/',
      [
        ['Host', host],
        ['Content-Type', 'application/octet-stream'],
      ],
      'bin',
    );
    expect(event).toEqual({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/dev/any/where/',
      rawQueryString: '',
      headers: {
        host,
        'content-type': 'application/octet-stream',
        'content-length': '3',
        'x-amzn-trace-id': TRACE,
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': String(portico.port),
        'x-forwarded-proto': 'http',
      },
      requestContext: {
        ...context2('$default', '/dev/any/where/', 'PUT'),
        http: { method: 'PUT', path: '/dev/any/where/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' },
      },
      body: Buffer.from('bin').toString('base64'),
      isBase64Encoded: true,
      stageVariables: { fn: 'echo', color: 'blue' },
    });
  });

  it('payload 1.0 (function named by a stage variable): REST-compatible maps, null for what is absent', async () => {
    const event = await call(portico.port, 'POST', '/dev/v1/items/7?x=1&x=2', clientHeaders(), '{"a":1}');
    expect(event).toEqual({
      version: '1.0',
      resource: '/v1/items/{id}',
      path: '/dev/v1/items/7',
      httpMethod: 'POST',
      headers: {
        Host: host,
        'User-Agent': 'shape-test',
        'content-type': 'text/plain',
        'x-custom': 'two',
        'Content-Length': '7',
        'X-Amzn-Trace-Id': TRACE,
        'X-Forwarded-For': '127.0.0.1',
        'X-Forwarded-Port': String(portico.port),
        'X-Forwarded-Proto': 'http',
        cookie: 'c=3',
      },
      multiValueHeaders: {
        Host: [host],
        'User-Agent': ['shape-test'],
        'content-type': ['text/plain'],
        'x-custom': ['one', 'two'],
        'Content-Length': ['7'],
        'X-Amzn-Trace-Id': [TRACE],
        'X-Forwarded-For': ['127.0.0.1'],
        'X-Forwarded-Port': [String(portico.port)],
        'X-Forwarded-Proto': ['http'],
        cookie: ['a=1; b=2', 'c=3'],
      },
      queryStringParameters: { x: '2' },
      multiValueQueryStringParameters: { x: ['1', '2'] },
      requestContext: {
        accountId: '000000000000',
        apiId,
        authorizer: { claims: null, scopes: null },
        domainName: `${apiId}.execute-api.localhost`,
        domainPrefix: apiId,
        extendedRequestId: REQUEST_ID,
        httpMethod: 'POST',
        identity: {
          accessKey: null,
          accountId: null,
          caller: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: '127.0.0.1',
          user: null,
          userAgent: 'shape-test',
          userArn: null,
        },
        path: '/dev/v1/items/7',
        protocol: 'HTTP/1.1',
        requestId: REQUEST_ID,
        requestTime: '12/Mar/2026:19:03:58 +0000',
        requestTimeEpoch: NOW,
        resourceId: null,
        resourcePath: '/v1/items/{id}',
        stage: 'dev',
      },
      pathParameters: { id: '7' },
      stageVariables: { fn: 'echo', color: 'blue' },
      body: '{"a":1}',
      isBase64Encoded: false,
    });
  });

  describe('authorizer contexts', () => {
    const get = async (path: string, headers: [string, string][] = []) => {
      const event = await call(portico.port, 'GET', path, [['Host', host], ...headers]);
      return event['requestContext'] as Record<string, unknown>;
    };

    it('JWT: 2.0 `authorizer.jwt` with string claims and scopes; 1.0 `authorizer.claims`', async () => {
      const token = await issuer.sign('k1', { sub: 'ada', scope: 'read', 'cognito:groups': ['A', 'B'] });
      const claims = {
        sub: 'ada',
        scope: 'read',
        'cognito:groups': '[A B]',
        iss: issuer.url,
        aud: 'portico-example',
        iat: String(Math.floor(NOW / 1000)),
        nbf: String(Math.floor(NOW / 1000)),
        exp: String(Math.floor(NOW / 1000) + 3600),
      };
      expect((await get('/dev/jwt/v2', [['Authorization', `Bearer ${token}`]]))['authorizer']).toEqual({
        jwt: { claims, scopes: ['read'] },
      });
      expect((await get('/dev/jwt/v1', [['Authorization', token]]))['authorizer']).toEqual({ claims, scopes: ['read'] });
    });

    it('Lambda: 2.0 `authorizer.lambda` keeps the context types; 1.0 has the context, principalId and integrationLatency', async () => {
      expect((await get('/dev/lambda/v2', [['x-key', 'k']]))['authorizer']).toEqual({ lambda: { user: 'ada', level: 3, admin: true } });
      expect((await get('/dev/lambda/v1', [['x-key', 'k']]))['authorizer']).toEqual({
        user: 'ada',
        principalId: 'user-ada',
        integrationLatency: 0,
      });
    });

    it('IAM: 2.0 `authorizer.iam`; 1.0 fills `identity`', async () => {
      const signer = awsSigner({ ...KEYS, region: 'us-east-1', service: 'execute-api' });
      const signed = async (path: string) => {
        const { headers } = await signer.sign(
          { method: 'GET', protocol: 'http:', hostname: host.split(':')[0] ?? '', port: portico.port, path, query: {}, headers: { host } },
          { signingDate: new Date(clock.now()) },
        );
        return get(
          path,
          Object.entries(headers).filter(([name]) => name !== 'host'),
        );
      };
      expect((await signed('/dev/iam/v2'))['authorizer']).toEqual({
        iam: {
          accessKey: KEYS.accessKeyId,
          accountId: '000000000000',
          callerId: '000000000000',
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: 'arn:aws:iam::000000000000:root',
          userId: '000000000000',
        },
      });
      const v1 = await signed('/dev/iam/v1');
      expect(v1['identity']).toMatchObject({
        accessKey: KEYS.accessKeyId,
        accountId: '000000000000',
        caller: '000000000000',
        user: '000000000000',
        userArn: 'arn:aws:iam::000000000000:root',
      });
      expect(v1['authorizer']).toEqual({ claims: null, scopes: null });
    });
  });
});
