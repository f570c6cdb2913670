import { afterAll, beforeAll, describe } from 'vitest';
import { GATEWAY_ERROR, itRows, type Row } from './conformance.js';
import { startFixture, type PorticoTarget } from './target.js';

const S7 = 'docs/reference/dataplane.md §7';
const APP = 'https://app.example.com';
const preflight = (origin: string, method = 'POST', headers?: string): Record<string, string> => ({
  origin,
  'access-control-request-method': method,
  ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
});
const backendCors = JSON.stringify({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT', 'x-other': 'kept' });
const NO_CORS = {
  'access-control-allow-origin': null,
  'access-control-allow-credentials': null,
  'access-control-allow-methods': null,
  'access-control-expose-headers': null,
} as const;

const rows: Row[] = [
  {
    ref: S7,
    name: 'a preflight no route captures is answered by the gateway: 204 with the configured headers',
    request: { api: 'cors', method: 'OPTIONS', path: '/items', headers: preflight(APP, 'POST', 'content-type') },
    expect: {
      status: 204,
      body: '',
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': 'authorization,content-type',
        'access-control-max-age': '300',
        vary: 'origin',
      },
      upstream: 'not reached',
    },
  },
  {
    ref: S7,
    name: 'preflights are answered on paths no route serves',
    request: { api: 'cors', method: 'OPTIONS', path: '/nowhere', headers: preflight(APP, 'GET') },
    expect: { status: 204, headers: { 'access-control-allow-origin': APP }, upstream: 'not reached' },
  },
  {
    ref: S7,
    name: 'a preflight from an origin not allowed gets 204 without CORS headers',
    request: { api: 'cors', method: 'OPTIONS', path: '/items', headers: preflight('https://evil.example.com') },
    expect: { status: 204, headers: { ...NO_CORS, 'access-control-max-age': null }, upstream: 'not reached' },
  },
  {
    ref: S7,
    name: 'OPTIONS without Access-Control-Request-Method is not a preflight: routed (404 here)',
    request: { api: 'cors', method: 'OPTIONS', path: '/items', headers: { origin: APP } },
    expect: { status: 404, body: GATEWAY_ERROR.NotFound, headers: { 'access-control-allow-origin': APP }, upstream: 'not reached' },
  },
  {
    ref: S7,
    name: 'an OPTIONS route captures the preflight: its integration answers, with the CORS headers added',
    request: { api: 'cors', method: 'OPTIONS', path: '/captured', headers: preflight(APP) },
    expect: {
      status: 200,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-methods': null },
      upstream: { method: 'OPTIONS', url: '/captured' },
    },
  },
  {
    ref: S7,
    name: 'an ANY route captures the preflight too',
    request: { api: 'cors', method: 'OPTIONS', path: '/any', headers: preflight(APP) },
    expect: { status: 200, headers: { 'access-control-allow-origin': APP }, upstream: { method: 'OPTIONS' } },
  },
  {
    ref: S7,
    name: 'an ANY route with an authorizer captures the preflight: the authorizer refuses it (sst#5493)',
    request: { api: 'cors', method: 'OPTIONS', path: '/secure', headers: preflight(APP) },
    expect: { status: 401, headers: { 'access-control-allow-origin': APP }, upstream: 'not reached' },
  },
  {
    ref: S7,
    name: 'a CORS request gets allow-origin, credentials and expose-headers, not the preflight-only headers',
    request: { api: 'cors', path: '/items', headers: { origin: APP } },
    expect: {
      status: 200,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-request-id',
        'access-control-allow-methods': null,
        'access-control-max-age': null,
        vary: 'origin',
      },
      upstream: { method: 'GET', headers: { origin: APP } },
    },
  },
  {
    ref: S7,
    name: "the backend's CORS headers are replaced by the configured ones",
    request: { api: 'cors', path: '/items', headers: { origin: APP, 'x-reply-headers': backendCors } },
    expect: { status: 200, headers: { 'access-control-allow-origin': APP, 'access-control-allow-methods': null, 'x-other': 'kept' } },
  },
  {
    ref: S7,
    name: "an origin not allowed: no CORS headers, and the backend's are still dropped",
    request: { api: 'cors', path: '/items', headers: { origin: 'https://evil.example.com', 'x-reply-headers': backendCors } },
    expect: { status: 200, headers: { ...NO_CORS, 'x-other': 'kept' } },
  },
  {
    ref: S7,
    name: "no Origin: not a CORS request, no CORS headers (the backend's dropped)",
    request: { api: 'cors', path: '/items', headers: { 'x-reply-headers': backendCors } },
    expect: { status: 200, headers: NO_CORS },
  },
  {
    ref: S7,
    name: 'gateway errors carry the CORS headers for an allowed origin, so browsers can read them',
    request: { api: 'cors', path: '/nothing', headers: { origin: APP } },
    expect: {
      status: 404,
      body: GATEWAY_ERROR.NotFound,
      headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
    },
  },
  {
    ref: S7,
    name: 'allow_origins "*" without credentials: Access-Control-Allow-Origin: *',
    request: { api: 'star', path: '/x', headers: { origin: 'https://anyone.example' } },
    expect: { status: 200, headers: { 'access-control-allow-origin': '*', vary: null, 'access-control-allow-credentials': null } },
  },
  {
    ref: S7,
    name: 'allow_methods and allow_headers "*" answer "*"',
    request: { api: 'star', method: 'OPTIONS', path: '/x', headers: preflight('https://anyone.example', 'DELETE', 'x-custom') },
    expect: {
      status: 204,
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': '*', 'access-control-allow-headers': '*' },
    },
  },
  {
    ref: S7,
    name: '"https://*" allows any https origin',
    request: { api: 'open', path: '/x', headers: { origin: 'https://any.example.org' } },
    expect: { status: 200, headers: { 'access-control-allow-origin': 'https://any.example.org' } },
  },
  {
    ref: S7,
    name: '"https://*" does not allow http origins',
    request: { api: 'open', path: '/x', headers: { origin: 'http://any.example.org' } },
    expect: { status: 200, headers: { 'access-control-allow-origin': null } },
  },
  {
    ref: S7,
    name: 'a $default route captures preflights: they reach the integration',
    request: { api: 'open', method: 'OPTIONS', path: '/x', headers: preflight('https://a.example', 'GET') },
    expect: { status: 200, headers: { 'access-control-allow-origin': 'https://a.example' }, upstream: { method: 'OPTIONS', url: '/x' } },
  },
];

describe('conformance: CORS', () => {
  let target: PorticoTarget;
  beforeAll(async () => {
    target = await startFixture('cors');
  });
  afterAll(async () => {
    await target?.close();
  });
  itRows(rows, () => target);
});
