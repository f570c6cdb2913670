import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRow, itRows, type Row } from './conformance.js';
import { startFixture, type PorticoTarget } from './target.js';

const S4 = 'docs/reference/dataplane.md §4';
const REQUEST_ID = /^[A-Za-z0-9+/]{15}=$/;
const reply = (status: number, headers: Record<string, string>, body?: string): Record<string, string> => ({
  'x-reply-status': String(status),
  'x-reply-headers': JSON.stringify(headers),
  ...(body === undefined ? {} : { 'x-reply-body': body }),
});

const requestRows: Row[] = [
  {
    ref: S4,
    name: 'append, overwrite and remove request headers; Host may be overwritten',
    request: { path: '/headers', headers: { 'x-source': 'src', 'x-removed': 'gone', 'x-multi': 'first', 'x-replaced': 'client' } },
    expect: {
      status: 200,
      upstream: {
        url: '/headers',
        headers: {
          'x-added': 'static-value',
          'x-replaced': 'src',
          'x-removed': null,
          'x-multi': 'first, second',
          host: 'backend.internal',
        },
      },
    },
  },
  {
    ref: S4,
    name: 'a mapping whose source is missing is skipped (the client header stays)',
    request: { path: '/headers', headers: { 'x-replaced': 'client' } },
    expect: { status: 200, upstream: { headers: { 'x-replaced': 'client', 'x-added': 'static-value' } } },
  },
  {
    ref: S4,
    name: 'values: mixed ${…} templates, $context, $stageVariables, repeated query values and headers comma-joined, $request.path',
    request: { path: '/items/42?q=hello&tag=a&tag=b', headers: { 'x-dup': ['1', '2'] } },
    expect: {
      status: 200,
      upstream: {
        url: '/items?q=hello&tag=a&tag=b',
        headers: {
          'x-mixed': 'id=42;q=hello',
          'x-request-id': REQUEST_ID,
          'x-route-key': 'GET /items/{id}',
          'x-missing': null,
          'x-tags': 'a,b',
          'x-dup': '1,2',
          'x-stage-var': '3',
          'x-path': '/items/42',
        },
      },
    },
  },
  {
    ref: S4,
    name: '$request.path is the path without the stage; an undefined stage variable maps nothing',
    request: { path: '/prod/items/7?q=x' },
    expect: { status: 200, upstream: { headers: { 'x-path': '/items/7', 'x-stage-var': null, 'x-mixed': 'id=7;q=x' } } },
  },
  {
    ref: S4,
    name: 'append, overwrite and remove query-string parameters (values encoded)',
    request: { path: '/query?page=1&secret=s&keep=k', headers: { 'x-from': 'web' } },
    expect: { status: 200, upstream: { url: '/query?keep=k&page=2&spaced=a%20b%26c&added=yes&from=web' } },
  },
  {
    ref: S4,
    name: 'overwrite:path replaces the whole path: "/public/${request.path.proxy}"',
    request: { method: 'PUT', path: '/path/a/b?x=1' },
    expect: { status: 200, upstream: { method: 'PUT', url: '/public/a/b?x=1' } },
  },
  {
    ref: S4,
    name: 'overwrite:path with a decoded capture encodes it again',
    request: { path: '/path/a%20b' },
    expect: { status: 200, upstream: { url: '/public/a%20b' } },
  },
  {
    ref: S4,
    name: "overwrite:path = $request.path drops the stage segment (the guide's private-integration advice)",
    request: { path: '/prod/strip/x/y' },
    expect: { status: 200, upstream: { url: '/strip/x/y' } },
  },
  {
    ref: S4,
    name: '$request.body.<JSONPath>: strings as is, numbers and objects as JSON; the whole body; body forwarded unchanged',
    request: {
      method: 'POST',
      path: '/body',
      headers: { 'content-type': 'application/json' },
      body: '{"user":{"name":"ann"},"tags":["t1","t2"],"count":3}',
    },
    expect: {
      status: 200,
      upstream: {
        body: '{"user":{"name":"ann"},"tags":["t1","t2"],"count":3}',
        headers: {
          'x-user': 'ann',
          'x-first-tag': 't1',
          'x-count': '3',
          'x-object': '{"name":"ann"}',
          'x-whole': '{"user":{"name":"ann"},"tags":["t1","t2"],"count":3}',
        },
      },
    },
  },
  {
    ref: S4,
    name: 'a body that is not JSON maps only $request.body',
    request: { method: 'POST', path: '/body', body: 'plain text' },
    expect: { status: 200, upstream: { body: 'plain text', headers: { 'x-user': null, 'x-whole': 'plain text' } } },
  },
  {
    ref: S4,
    name: 'chunked bodies are read for mapping too',
    request: { method: 'POST', path: '/body', headers: { 'transfer-encoding': 'chunked' }, body: '{"user":{"name":"bo"}}' },
    expect: { status: 200, upstream: { body: '{"user":{"name":"bo"}}', headers: { 'x-user': 'bo' } } },
  },
  {
    ref: S4,
    name: 'JSONPath reads a small body',
    request: { method: 'POST', path: '/big', body: '{"user":"ann"}' },
    expect: { status: 200, upstream: { headers: { 'x-user': 'ann' } } },
  },
];

const bigBody = JSON.stringify({ user: 'ann', pad: 'x'.repeat(150_000) });
const bigRow: Row = {
  ref: S4,
  name: 'the 100 KB rule: JSONPath sees only the first 100 KB, so a longer JSON body maps nothing; the body still goes through whole',
  request: { method: 'POST', path: '/big', body: bigBody },
  expect: { status: 200, upstream: { body: bigBody, headers: { 'x-user': null } } },
};

const responseRows: Row[] = [
  {
    ref: S4,
    name: 'response headers by backend status: append, overwrite from $response.header, remove, $stageVariables, $context',
    request: { path: '/respond', headers: reply(200, { 'x-backend': 'hi', 'x-secret': 's', 'x-resp-added': 'b' }, 'ok') },
    expect: {
      status: 200,
      body: 'ok',
      headers: {
        'x-resp-added': 'b, static',
        'x-from-backend': 'backend said hi',
        'x-secret': null,
        'x-stage-var': '3',
        'x-request-id': REQUEST_ID,
      },
    },
  },
  {
    ref: S4,
    name: "overwrite:statuscode: the guide's 500 → 403 with an appended header; the body passes through",
    request: { path: '/respond', headers: reply(500, {}, 'boom') },
    expect: { status: 403, body: 'boom', headers: { 'x-error': 'mapped' } },
  },
  {
    ref: S4,
    name: 'a status without mappings passes through unchanged',
    request: { path: '/respond', headers: reply(404, { 'x-secret': 's' }, 'missing') },
    expect: { status: 404, body: 'missing', headers: { 'x-secret': 's', 'x-resp-added': null } },
  },
  {
    ref: S4,
    name: '$response.body.<JSONPath> in a header and in overwrite:statuscode',
    request: {
      path: '/respond-body',
      headers: reply(404, { 'content-type': 'application/json' }, '{"error":{"code":"E42","status":409}}'),
    },
    expect: { status: 409, body: '{"error":{"code":"E42","status":409}}', headers: { 'x-error-code': 'E42', 'content-length': '37' } },
  },
  {
    ref: S4,
    name: 'a route that buffers bodies still passes other statuses, headers and bodies through',
    request: { method: 'POST', path: '/respond-body', body: 'payload', headers: reply(201, { 'x-kept': 'yes' }, 'created') },
    expect: {
      status: 201,
      body: 'created',
      headers: { 'x-kept': 'yes', 'x-error-code': null },
      upstream: { method: 'POST', body: 'payload' },
    },
  },
];

describe('conformance: parameter mapping', () => {
  let target: PorticoTarget;
  beforeAll(async () => {
    target = await startFixture('mapping');
  });
  afterAll(async () => {
    await target?.close();
  });
  itRows(requestRows, () => target);
  it(`${bigRow.ref}: ${bigRow.name}`, async () => {
    await checkRow(target, bigRow);
  });
  itRows(responseRows, () => target);

  it(`${S4}: $context.requestId in a mapping is the request's apigw-requestid`, async () => {
    const answer = await checkRow(target, { ref: S4, name: 'request id', request: { path: '/items/1' }, expect: { status: 200 } });
    expect(target.backend.received.at(-1)?.headers['x-request-id']).toBe(answer.headers['apigw-requestid']);
  });
});
