import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';
import { GATEWAY_ERROR, itRows, type Row } from './conformance.js';
import { startFixture, type PorticoTarget } from './target.js';

const S3 = 'docs/reference/dataplane.md §3';
const S32 = 'docs/reference/dataplane.md §3.2';
const S33 = 'docs/reference/dataplane.md §3.3';
const S34 = 'docs/reference/dataplane.md §3.4';
const S35 = 'docs/reference/dataplane.md §3.5';
const to = (url: string, method?: string): Row['expect'] => ({ status: 200, upstream: method === undefined ? { url } : { url, method } });

const rows: Row[] = [
  {
    ref: S32,
    name: 'host-only URI on $default: the path as sent (trailing slash kept) and the query, "://" included (localstack#10451)',
    request: { path: '/a/b/?x=1&y=http://z&x=2' },
    expect: to('/a/b/?x=1&y=http://z&x=2'),
  },
  { ref: S32, name: "a named stage's segment is part of the forwarded path", request: { path: '/prod/a/b' }, expect: to('/prod/a/b') },
  {
    ref: S32,
    name: 'URI with a path: {var} replaced by the captured value',
    request: { path: '/pets/7?full=true' },
    expect: to('/backend/pets/7?full=true'),
  },
  {
    ref: S32,
    name: 'a greedy route fills {proxy} with the rest of the path (localstack#4954)',
    request: { method: 'PUT', path: '/prod/store/a/b/c?q=1' },
    expect: to('/petstore/a/b/c?q=1', 'PUT'),
  },
  {
    ref: S32,
    name: 'host-only URI on a non-$default route: the request path is appended (localstack#12665)',
    request: { path: '/hostonly/5' },
    expect: to('/hostonly/5'),
  },
  { ref: S32, name: 'a URI whose path is "/" behaves as host-only', request: { path: '/slashuri?a=1' }, expect: to('/slashuri?a=1') },
  {
    ref: S32,
    name: "the URI's query comes first, then the client's",
    request: { path: '/merged?b=2' },
    expect: to('/merged?static=1&b=2'),
  },
  {
    ref: S3,
    name: 'integration_method other than ANY: the backend is called with it, body kept',
    request: { method: 'POST', path: '/fixed', body: 'payload' },
    expect: { status: 200, upstream: { method: 'GET', url: '/fixed', body: 'payload' } },
  },
  {
    ref: S33,
    name: 'Host becomes the integration host (localstack#8843); X-Forwarded-*, Forwarded and X-Amzn-Trace-Id are added; hop-by-hop dropped',
    request: { path: '/h', headers: { 'x-custom': 'kept', connection: 'x-hop', 'x-hop': 'dropped', 'x-forwarded-for': '10.0.0.9' } },
    expect: {
      status: 200,
      upstream: {
        url: '/h',
        headers: {
          host: /^127\.0\.0\.1:\d+$/,
          'x-custom': 'kept',
          'x-hop': null,
          'x-forwarded-for': '10.0.0.9, 127.0.0.1',
          'x-forwarded-proto': 'http',
          forwarded: /^for=10\.0\.0\.9, by=127\.0\.0\.1;for=127\.0\.0\.1;host=.+;proto=http$/,
          'x-amzn-trace-id': /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/,
        },
      },
    },
  },
  {
    ref: S34,
    name: "the backend's status, headers and body pass through; its own apigw-requestid is replaced",
    request: {
      path: '/r',
      headers: { 'x-reply-status': '201', 'x-reply-headers': '{"x-backend":"v","apigw-requestid":"fake"}', 'x-reply-body': 'made' },
    },
    expect: { status: 201, body: 'made', headers: { 'x-backend': 'v', 'apigw-requestid': /^[A-Za-z0-9+/]{15}=$/ } },
  },
  {
    ref: S35,
    name: 'a backend 5xx is passed through, not replaced',
    request: { path: '/r', headers: { 'x-reply-status': '502', 'x-reply-body': 'backend says bad gateway' } },
    expect: { status: 502, body: 'backend says bad gateway' },
  },
  {
    ref: S35,
    name: 'integration timeout: 503 {"message":"Service Unavailable"} (Content-Length 33)',
    request: { path: '/slow' },
    expect: {
      status: 503,
      body: GATEWAY_ERROR.ServiceUnavailable,
      headers: { 'content-type': 'application/json', 'content-length': '33' },
    },
  },
  {
    ref: S35,
    name: 'backend refuses the connection: 503',
    request: { path: '/refused' },
    expect: { status: 503, body: GATEWAY_ERROR.ServiceUnavailable },
  },
  {
    ref: S35,
    name: 'a backend answer that is not HTTP: 500',
    request: { path: '/malformed' },
    expect: { status: 500, body: GATEWAY_ERROR.InternalServerError },
  },
  {
    ref: S35,
    name: 'a payload over 10 MB: 413 before the backend is touched',
    request: { method: 'POST', path: '/fixed', headers: { 'content-length': '10485761' }, body: 'x' },
    expect: { status: 413, body: GATEWAY_ERROR.RequestEntityTooLarge, headers: { connection: 'close' }, upstream: 'not reached' },
  },
];

describe('conformance: HTTP_PROXY integrations', () => {
  let target: PorticoTarget;
  let garbage: Server;
  beforeAll(async () => {
    const sockets = new Set<Socket>();
    garbage = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end('this is not HTTP\r\n\r\n'));
    });
    garbage.on('close', () => sockets.forEach((s) => s.destroy()));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    target = await startFixture('proxy', { vars: { malformed: `http://127.0.0.1:${(garbage.address() as AddressInfo).port}` } });
  });
  afterAll(async () => {
    await target?.close();
    await new Promise<void>((resolve) => garbage.close(() => resolve()));
  });
  itRows(rows, () => target);
});
