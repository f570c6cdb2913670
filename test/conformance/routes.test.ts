import { afterAll, beforeAll, describe } from 'vitest';
import { GATEWAY_ERROR, itRows, type Row } from './conformance.js';
import { startFixture, type PorticoTarget } from './target.js';

const SECTION = 'docs/reference/dataplane.md §2';
const NOT_FOUND = {
  status: 404,
  body: GATEWAY_ERROR.NotFound,
  headers: { 'content-type': 'application/json' },
  upstream: 'not reached',
} as const;

/** Which route answered: the backend's path is the route's integration name (see the fixture). */
const picked = (name: string, query = ''): Row['expect'] => ({ status: 200, upstream: { url: `/${name}${query}` } });

const rows: Row[] = [
  // AWS's worked example (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
  { ref: SECTION, name: 'a full literal match wins', request: { path: '/pets/dog/1' }, expect: picked('pets-dog-1') },
  {
    ref: SECTION,
    name: 'a literal segment beats {var}; {var} beats greedy',
    request: { path: '/pets/dog/2' },
    expect: picked('pets-dog-id'),
  },
  {
    ref: SECTION,
    name: 'a greedy route with the method catches deeper paths',
    request: { path: '/pets/cat/1' },
    expect: picked('pets-greedy'),
  },
  { ref: SECTION, name: 'a greedy ANY beats $default', request: { method: 'POST', path: '/test/5' }, expect: picked('any-greedy') },
  { ref: SECTION, name: 'the longest greedy prefix wins', request: { path: '/pets/dog/collars/1' }, expect: picked('dog-greedy') },
  {
    ref: SECTION,
    name: 'a greedy variable needs at least one segment (GET /pets/{proxy+} skips /pets)',
    request: { path: '/pets' },
    expect: picked('any-greedy'),
  },
  { ref: SECTION, name: '$default is last: / matches no greedy route', request: { path: '/' }, expect: picked('default') },
  {
    ref: SECTION,
    name: 'a method route beats ANY on the same path',
    request: { method: 'POST', path: '/orders' },
    expect: picked('post-orders'),
  },
  {
    ref: SECTION,
    name: 'ANY serves the methods without their own route',
    request: { method: 'DELETE', path: '/orders' },
    expect: picked('any-orders'),
  },
  {
    ref: SECTION,
    name: 'the method comparison comes before the path (GET /users/{id} over ANY /users/me)',
    request: { path: '/users/me' },
    expect: picked('users-id'),
  },
  {
    ref: SECTION,
    name: 'a trailing slash routes like the path without it',
    request: { path: '/pets/dog/1/' },
    expect: picked('pets-dog-1'),
  },
  { ref: SECTION, name: 'an empty segment (//) is ignored for matching', request: { path: '/pets//dog/1' }, expect: picked('pets-dog-1') },
  { ref: SECTION, name: 'the path is URL-decoded before matching', request: { path: '/pets/dog/%31' }, expect: picked('pets-dog-1') },
  {
    // AWS was observed to split on it (docs/reference/dataplane.md §2); Portico keeps it inside its
    // segment, as the backend receiving the path sees it (docs/compatibility.md, "Decided where AWS is silent").
    ref: SECTION,
    name: 'an encoded "/" does not split segments: /pets%2Fdog%2F1 is one segment',
    request: { path: '/pets%2Fdog%2F1' },
    expect: picked('any-greedy'),
  },
  {
    ref: SECTION,
    name: 'the query string plays no part in matching and is forwarded',
    request: { path: '/pets/dog/1?dog=2' },
    expect: picked('pets-dog-1', '?dog=2'),
  },
  {
    ref: SECTION,
    name: 'HEAD is a method of its own',
    request: { method: 'HEAD', path: '/head' },
    expect: { status: 200, upstream: { method: 'HEAD', url: '/head' } },
  },
  {
    ref: SECTION,
    name: 'OPTIONS is an ordinary method without CORS',
    request: { method: 'OPTIONS', path: '/opts' },
    expect: picked('opts'),
  },
  { ref: SECTION, name: 'no route: 404 Not Found', request: { api: 'strict', path: '/nothing' }, expect: NOT_FOUND },
  {
    ref: SECTION,
    name: 'the path exists under another method: 404, never 405',
    request: { api: 'strict', method: 'DELETE', path: '/only-get' },
    expect: NOT_FOUND,
  },
  {
    ref: SECTION,
    name: 'a GET route does not answer HEAD',
    request: { api: 'strict', method: 'HEAD', path: '/only-get' },
    expect: { status: 404, upstream: 'not reached' },
  },
  { ref: SECTION, name: 'paths are case-sensitive', request: { api: 'strict', path: '/ONLY-GET' }, expect: NOT_FOUND },
  { ref: SECTION, name: 'a route with no integration answers 404', request: { api: 'strict', path: '/no-integration' }, expect: NOT_FOUND },
  {
    ref: SECTION,
    name: 'a decoded capture is encoded again in the integration URI',
    request: { api: 'strict', path: '/files/a%20b%3Fc' },
    expect: { status: 200, upstream: { url: '/files/a%20b%3Fc' } },
  },
];

describe('conformance: routes', () => {
  let target: PorticoTarget;
  beforeAll(async () => {
    target = await startFixture('routes');
  });
  afterAll(async () => {
    await target?.close();
  });
  itRows(rows, () => target);
});
