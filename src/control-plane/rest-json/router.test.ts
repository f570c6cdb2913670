import * as sdk from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { OPERATION_BINDINGS } from './operation-table.js';
import { createRouter } from './router.js';
import { UNSUPPORTED_BINDINGS } from './unsupported-operations.js';

const ALL = [...OPERATION_BINDINGS, ...UNSUPPORTED_BINDINGS];
const route = createRouter(ALL);

/** The SDK exports each operation's schema: [9, namespace, name, { http: [method, uri, code] }, …]. */
function sdkOperations(): { name: string; method: string; uri: string; status: number }[] {
  const out: { name: string; method: string; uri: string; status: number }[] = [];
  for (const [key, value] of Object.entries(sdk)) {
    if (!key.endsWith('$') || !Array.isArray(value) || value[0] !== 9) continue;
    const traits = value[3] as { http?: [string, string, number] };
    if (!traits.http) continue;
    const [method, uri, status] = traits.http;
    out.push({ name: String(value[2]), method, uri, status });
  }
  return out;
}

const shape = (uri: string): string => uri.replace(/\{[^}]+\}/g, '{}');

describe('the operation table', () => {
  it('binds every operation of the AWS model with its method, URI and success code', () => {
    const model = sdkOperations();
    expect(model).toHaveLength(103);
    expect(ALL).toHaveLength(103);
    for (const operation of model) {
      const binding = ALL.find((b) => b.name === operation.name);
      expect(binding, operation.name).toBeDefined();
      expect({ method: binding?.method, uri: shape(binding?.uri ?? ''), status: binding?.status }).toEqual({
        method: operation.method,
        uri: shape(operation.uri),
        status: operation.status,
      });
    }
  });
});

describe('the router', () => {
  it('decodes each label once and never splits a decoded "/"', () => {
    expect(route('DELETE', '/v2/apis/abc/stages/%24default/routesettings/GET%20%2Fpets%2F%7Bid%7D')).toEqual({
      kind: 'match',
      binding: expect.objectContaining({ name: 'DeleteRouteSettings' }),
      labels: { apiId: 'abc', stageName: '$default', routeKey: 'GET /pets/{id}' },
    });
    const arn = 'arn:aws:apigateway:us-east-2::/apis/abc/stages/prod';
    expect(route('GET', `/v2/tags/${encodeURIComponent(arn)}`)).toMatchObject({ kind: 'match', labels: { resourceArn: arn } });
    // decoded once: %2524 stays %24
    expect(route('GET', '/v2/apis/abc/stages/%2524default')).toMatchObject({ labels: { stageName: '%24default' } });
    // a raw "/" inside an ARN is a path separator, so it names no operation
    expect(route('GET', `/v2/tags/${arn}`)).toEqual({ kind: 'none', allowed: [] });
  });

  it('tells a wrong method from an unknown path, and reports bad escapes', () => {
    expect(route('POST', '/v2/apis/abc')).toEqual({ kind: 'none', allowed: ['GET', 'PATCH', 'PUT', 'DELETE'] });
    expect(route('GET', '/v2/apis/%E0%A4%A')).toEqual({ kind: 'bad-encoding', segment: '%E0%A4%A' });
    expect(route('GET', '/v2/apis//routes')).toEqual({ kind: 'none', allowed: [] });
  });
});
