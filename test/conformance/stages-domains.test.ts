import { ApiGatewayV2Client, UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkRow, GATEWAY_ERROR, itRows, type Row } from './conformance.js';
import { startFixture, type PorticoTarget } from './target.js';

const S1 = 'docs/reference/dataplane.md §1';
const S9 = 'docs/reference/dataplane.md §9';
const NOT_FOUND = { status: 404, body: GATEWAY_ERROR.NotFound, upstream: 'not reached' } as const;
const reached = (url: string, headers?: Record<string, string | null>): Row['expect'] => ({
  status: 200,
  upstream: headers === undefined ? { url } : { url, headers },
});

const stages: Row[] = [
  {
    ref: S1,
    name: '$default serves the root, the whole path forwarded',
    request: { api: 'shop', path: '/a/b?x=1' },
    expect: reached('/a/b?x=1'),
  },
  {
    ref: S1,
    name: 'a first segment naming a stage selects it; the backend still sees the segment',
    request: { api: 'shop', path: '/prod/a' },
    expect: reached('/prod/a'),
  },
  {
    ref: S1,
    name: '"$default" is never a path segment (kumo#871)',
    request: { api: 'shop', path: '/$default/a' },
    expect: reached('/$default/a'),
  },
  {
    ref: S1,
    name: 'path-style requests reach the same stages',
    request: { api: 'shop', pathStyle: true, path: '/prod/a' },
    expect: reached('/prod/a'),
  },
  { ref: S1, name: 'a stage never deployed serves nothing: 404', request: { api: 'shop', path: '/draft/a' }, expect: NOT_FOUND },
  { ref: S1, name: 'no $default stage and no stage segment: 404', request: { api: 'named', path: '/a' }, expect: NOT_FOUND },
  { ref: S1, name: 'a named stage alone', request: { api: 'named', path: '/live/a' }, expect: reached('/live/a') },
  { ref: S1, name: 'an unknown API id: 404', request: { host: 'abcdefghij.execute-api.localhost', path: '/a' }, expect: NOT_FOUND },
  {
    ref: S1,
    name: 'disable_execute_api_endpoint: 403 Forbidden on the execute-api endpoint',
    request: { api: 'closed', path: '/a' },
    expect: { status: 403, body: GATEWAY_ERROR.Forbidden, headers: { 'content-type': 'application/json' }, upstream: 'not reached' },
  },
  {
    ref: S1,
    name: 'disable_execute_api_endpoint closes the path-style endpoint too',
    request: { api: 'closed', pathStyle: true, path: '/a' },
    expect: { status: 403, upstream: 'not reached' },
  },
];

const variables: Row[] = [
  {
    ref: S9,
    name: 'stage variables fill the integration URI host, path and query ($default)',
    request: { api: 'shop', path: '/vars/a/b' },
    expect: reached('/default-base/a/b?v=1'),
  },
  {
    ref: S9,
    name: 'each stage uses its own variables',
    request: { api: 'shop', path: '/prod/vars/a' },
    expect: reached('/prod-base/a?v=7'),
  },
  {
    ref: S9,
    name: "the client's query follows the URI's",
    request: { api: 'shop', path: '/prod/vars/a?q=1' },
    expect: reached('/prod-base/a?v=7&q=1'),
  },
  {
    ref: S9,
    name: '$stageVariables in parameter mapping',
    request: { api: 'shop', path: '/prod/mapped' },
    expect: reached('/mapped', { 'x-stage-version': '7' }),
  },
  {
    ref: S9,
    name: '$context.path keeps the stage segment; $context.stage names the stage',
    request: { api: 'shop', path: '/prod/mapped' },
    expect: reached('/mapped', { 'x-context-path': '/prod/mapped', 'x-context-stage': 'prod', 'x-base-path': null }),
  },
];

const domains: Row[] = [
  {
    ref: S1,
    name: 'custom domain: the empty mapping key is the catch-all',
    request: { host: 'api.example.com', path: '/anything?x=1' },
    expect: reached('/anything?x=1'),
  },
  {
    ref: S1,
    name: 'custom domain: the key is removed before routing; a named stage is not in the URL',
    request: { host: 'api.example.com', path: '/orders/mapped' },
    expect: reached('/mapped', {
      'x-stage-version': '7',
      'x-context-stage': 'prod',
      'x-base-path': 'orders',
      'x-domain': 'api.example.com',
    }),
  },
  {
    ref: S1,
    name: 'custom domain: the backend sees the path as on the execute-api endpoint',
    request: { host: 'api.example.com', path: '/orders/x/y' },
    expect: reached('/prod/x/y'),
  },
  {
    ref: S1,
    name: 'custom domain: a key matches whole segments only',
    request: { host: 'api.example.com', path: '/ordersx/1' },
    expect: reached('/ordersx/1'),
  },
  {
    ref: S1,
    name: 'custom domain: the longest (multi-level) key wins; disable_execute_api_endpoint does not apply',
    request: { host: 'api.example.com', path: '/orders/v1/items/123' },
    expect: reached('/closed/123'),
  },
  {
    ref: S1,
    name: 'custom domain: Host compares case-insensitively, port ignored',
    request: { host: 'API.Example.COM:8443', path: '/orders/x' },
    expect: reached('/prod/x'),
  },
  {
    ref: S1,
    name: '$context.customDomain.basePathMatched is the key (v1)',
    request: { host: 'keyed.example.com', path: '/v1/mapped' },
    expect: reached('/mapped', { 'x-base-path': 'v1' }),
  },
  {
    ref: S1,
    name: 'custom domain: no mapping matches → 404',
    request: { host: 'keyed.example.com', path: '/v2/mapped' },
    expect: NOT_FOUND,
  },
  {
    ref: S1,
    name: 'wildcard custom domain (*.tenants.example.com)',
    request: { host: 'acme.tenants.example.com', path: '/x' },
    expect: reached('/live/x'),
  },
];

describe('conformance: stages, stage variables, custom domains', () => {
  let target: PorticoTarget;
  beforeAll(async () => {
    target = await startFixture('stages');
  });
  afterAll(async () => {
    await target?.close();
  });
  itRows(stages, () => target);
  itRows(variables, () => target);
  itRows(domains, () => target);

  it(`${S9}: stage variables are live stage settings: UpdateStage changes them without a deployment`, async () => {
    const client = new ApiGatewayV2Client({
      endpoint: target.portico.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      const apiId = target.apiId('shop');
      await client.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: { version: '8', base: 'moved' } }));
      await checkRow(target, {
        ref: S9,
        name: 'new values',
        request: { api: 'shop', path: '/prod/vars/a' },
        expect: reached('/moved/a?v=8'),
      });
      await checkRow(target, {
        ref: S9,
        name: 'mapping',
        request: { api: 'shop', path: '/prod/mapped' },
        expect: reached('/mapped', { 'x-stage-version': '8' }),
      });
      // `""` deletes a variable (docs/reference/controlplane.md §3.2); a variable the stage lacks becomes "" in the URI.
      await client.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: { base: '' } }));
      await checkRow(target, { ref: S9, name: 'deleted', request: { api: 'shop', path: '/prod/vars/a' }, expect: reached('//a?v=8') });
    } finally {
      client.destroy();
    }
  });
});
