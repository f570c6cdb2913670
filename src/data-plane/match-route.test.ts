import { afterAll, describe, expect, it } from 'vitest';
import { createTargetMap, UpstreamPools } from '../integrations/index.js';
import { httpProxy, route } from '../../test/data-plane/serving-config.js';
import { compileDeployment } from './compile-deployment.js';
import { matchRoute, splitRoutePath } from './match-route.js';
import { pathParameters } from './path-parameters.js';

const pools = new UpstreamPools();
const deployment = compileDeployment(
  'd1',
  {
    apiId: 'api0000001',
    protocolType: 'HTTP',
    disableExecuteApiEndpoint: false,
    routes: [route('GET /users/{userId}/files/{proxy+}', 'i1'), route('GET /pets/{petId}', 'i1'), route('$default', 'i1')],
    integrations: [httpProxy('i1', 'http://127.0.0.1:9')],
    authorizers: [],
  },
  { pools, targets: createTargetMap({}) },
);

afterAll(() => pools.close());

function params(method: string, routePath: string): Record<string, string> | undefined {
  const match = matchRoute(deployment, { method, routePath });
  return match === undefined ? undefined : pathParameters(match);
}

describe('path variables (docs/reference/dataplane.md §2: decoded before they reach the integration)', () => {
  it('captures {name} and the greedy {name+} remainder, decoded, keeping a trailing slash in the remainder', () => {
    expect(params('GET', '/pets/dog%20food')).toEqual({ petId: 'dog food' });
    expect(params('GET', '/users/u1/files/a/b%2Fc/')).toEqual({ userId: 'u1', proxy: 'a/b/c/' });
    expect(params('GET', '/elsewhere')).toEqual({});
  });

  it('splits the path at its literal slashes into non-empty segments, each decoded', () => {
    expect(splitRoutePath('/')).toEqual([]);
    expect(splitRoutePath('//a///b/')).toEqual(['a', 'b']);
    expect(splitRoutePath('/a%2Fb/%E2%82%AC')).toEqual(['a/b', '€']);
    expect(splitRoutePath('/bad%zz/x')).toEqual(['bad%zz', 'x']);
  });
});
