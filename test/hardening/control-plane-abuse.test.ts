import { request } from 'node:http';
import { connect } from 'node:net';
import {
  CreateApiCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteRouteCommand,
  GetApiCommand,
  TagResourceCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, REGION, rejection, startControlPlane } from '../e2e/control-plane/harness.js';
import { controlPlaneState } from './control-plane-state.js';

/**
 * Issue #13, hardening: the control plane (no `--auth`) against hostile requests over real HTTP
 * and the AWS SDK v3: 50 MB bodies, malformed JSON, members of the wrong type, identifiers with
 * path traversal, names at and past AWS's limits. Each is refused with AWS's error type, and
 * nothing is written: the state read back is what it was. (Signed requests: control-plane-auth.test.ts.)
 */
let h: Harness;
let port: number;
let apiId: string;
let routeId: string;

beforeAll(async () => {
  h = await startControlPlane();
  port = Number(new URL(h.endpoint).port);
  const api = await h.client().send(new CreateApiCommand({ Name: 'kept', ProtocolType: 'HTTP' }));
  apiId = api.ApiId ?? '';
  routeId = (await h.client().send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /kept' }))).RouteId ?? '';
  await h.client().send(new CreateStageCommand({ ApiId: apiId, StageName: 'kept' }));
});
afterAll(() => h.close());

const state = (): string => controlPlaneState(h.controlPlane);

interface Answer {
  status: number;
  errorType: string | undefined;
  body: string;
}

/** One request with the path sent byte for byte (no URL normalisation, unlike fetch). */
function raw(method: string, path: string, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, errorType: res.headers['x-amzn-errortype'] as string | undefined, body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile control-plane requests (issue #13)', () => {
  it('a 50 MB body, declared or chunked, is 413 RequestEntityTooLargeException and nothing is written', async () => {
    const before = state();
    const fifty = 50 * 1024 * 1024;
    for (const framing of [`content-length: ${fifty}`, 'transfer-encoding: chunked']) {
      const { answer, sent } = await new Promise<{ answer: string; sent: number }>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        let sent = 0;
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve({ answer: text, sent }));
        socket.write(`POST /v2/apis HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n${framing}\r\n\r\n`);
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        const chunked = framing.startsWith('transfer');
        const pump = (): void => {
          while (sent < fifty && !socket.destroyed) {
            sent += chunk.length;
            const more = socket.write(
              chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk,
            );
            if (!more) return void socket.once('drain', pump);
          }
          if (!socket.destroyed) socket.end(chunked ? '0\r\n\r\n' : '');
        };
        pump();
      });
      // The server stops reading past 10 MB and closes the connection.
      expect(sent, framing).toBeLessThan(fifty);
      if (framing.startsWith('content-length') || answer !== '') {
        expect(answer, framing).toMatch(/^HTTP\/1\.1 413 /);
        expect(answer, framing).toMatch(/^x-amzn-errortype: RequestEntityTooLargeException\r?$/im);
      }
      // A chunked body has no declared length: the 413 comes once 10 MB have been read, and the control plane
      // closes at once (no lingering close, unlike the data plane), so a client still writing may get a reset
      // instead of the answer (docs/reliability.md).
    }
    expect(state()).toBe(before);
  });

  it('malformed JSON is BadRequestException, whatever its shape', async () => {
    const before = state();
    const bodies: (string | Buffer)[] = [
      '{"name": "x", "protocolType": ',
      '{"name": "x" "protocolType": "HTTP"}',
      "{'name': 'x'}",
      '[]',
      '"a string"',
      'null',
      '42',
      Buffer.from([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), // not UTF-8
      `{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "protocolType": "HTTP"}`, // nested past any parser's stack
    ];
    for (const body of bodies) {
      const answer = await raw('POST', '/v2/apis', body);
      const shown = String(body).slice(0, 40);
      expect({ shown, status: answer.status, type: answer.errorType }).toEqual({ shown, status: 400, type: 'BadRequestException' });
    }
    expect((await raw('PATCH', `/v2/apis/${apiId}`, '{"name": ')).errorType).toBe('BadRequestException');
    expect(state()).toBe(before);
  });

  it('members of the wrong type are BadRequestException, through the SDK and raw', async () => {
    const before = state();
    const wrong: Record<string, unknown>[] = [
      { Name: 42, ProtocolType: 'HTTP' },
      { Name: ['x'], ProtocolType: 'HTTP' },
      { Name: 'x', ProtocolType: ['HTTP'] },
      { Name: 'x', ProtocolType: 'HTTP', Tags: 'not-a-map' },
      { Name: 'x', ProtocolType: 'HTTP', Tags: { key: 42 } },
      { Name: 'x', ProtocolType: 'HTTP', DisableExecuteApiEndpoint: 'true' },
      { Name: 'x', ProtocolType: 'HTTP', CorsConfiguration: 'open' },
      { Name: 'x', ProtocolType: 'HTTP', CorsConfiguration: { MaxAge: 'forever' } },
    ];
    for (const input of wrong) {
      const error = await rejection(h.client().send(new CreateApiCommand(input as never)));
      expect({ input, name: error.name }).toEqual({ input, name: 'BadRequestException' });
    }
    for (const body of ['{"name": {}, "protocolType": "HTTP"}', '{"name": "x", "protocolType": "HTTP", "version": 1}', '{"name": null}']) {
      expect({ body, type: (await raw('POST', '/v2/apis', body)).errorType }).toEqual({ body, type: 'BadRequestException' });
    }
    const update = await rejection(h.client().send(new UpdateApiCommand({ ApiId: apiId, Name: true } as never)));
    expect(update.name).toBe('BadRequestException');
    expect(state()).toBe(before);
  });

  it('identifiers with path traversal name nothing: NotFoundException, nothing read or written elsewhere', async () => {
    const before = state();
    const traversals = ['..', '%2e%2e', '%2E%2E', '..%2f..', `..%2f${apiId}`, `%2e%2e%2f${apiId}`, `${apiId}%2f..`, '.%2e', `${apiId}%00`];
    for (const id of traversals) {
      for (const [method, path, body] of [
        ['GET', `/v2/apis/${id}`, undefined],
        ['DELETE', `/v2/apis/${id}`, undefined],
        ['POST', `/v2/apis/${id}/routes`, '{"routeKey": "GET /evil"}'],
        ['DELETE', `/v2/apis/${apiId}/routes/${id}`, undefined],
        ['DELETE', `/v2/apis/${apiId}/stages/${id}`, undefined],
        ['PATCH', `/v2/apis/${apiId}/routes/${id}%2f..%2f${routeId}`, '{"routeKey": "GET /evil"}'],
      ] as const) {
        const answer = await raw(method, path, body);
        expect({ method, path, status: answer.status, type: answer.errorType }).toEqual({
          method,
          path,
          status: 404,
          type: 'NotFoundException',
        });
      }
    }
    // Raw `..` segments: never resolved to another resource.
    for (const path of [
      `/v2/apis/${apiId}/routes/../../${apiId}`,
      `/v2/apis/../apis/${apiId}`,
      `/v2/apis/${apiId}/stages/../routes/${routeId}`,
    ]) {
      const answer = await raw('DELETE', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    // Through the SDK, which percent-encodes labels.
    for (const id of ['../', `../${apiId}`, `${apiId}/..`, '%2e%2e']) {
      expect((await rejection(h.client().send(new GetApiCommand({ ApiId: id })))).name).toBe('NotFoundException');
      expect((await rejection(h.client().send(new DeleteApiCommand({ ApiId: id })))).name).toBe('NotFoundException');
      expect((await rejection(h.client().send(new DeleteRouteCommand({ ApiId: apiId, RouteId: `${id}${routeId}` })))).name).toBe(
        'NotFoundException',
      );
    }
    const arn = `arn:aws:apigateway:${REGION}::/apis/../apis/${apiId}`;
    const tag = await rejection(h.client().send(new TagResourceCommand({ ResourceArn: arn, Tags: { evil: 'yes' } })));
    expect(['NotFoundException', 'BadRequestException']).toContain(tag.name);
    expect(state()).toBe(before);
  });

  it('names at AWS limits are accepted, one character past them BadRequestException', async () => {
    const before = state();
    const past: Record<string, unknown>[] = [
      { Name: 'n'.repeat(129), ProtocolType: 'HTTP' },
      { Name: '😀'.repeat(129), ProtocolType: 'HTTP' }, // counted in characters, as AWS does
      { Name: '', ProtocolType: 'HTTP' },
      { Name: 'x', ProtocolType: 'HTTP', Description: 'd'.repeat(1025) },
      { Name: 'x', ProtocolType: 'HTTP', Tags: { ['k'.repeat(129)]: 'v' } },
      { Name: 'x', ProtocolType: 'HTTP', Tags: { k: 'v'.repeat(257) } },
      { Name: 'x', ProtocolType: 'HTTP', Tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
    ];
    for (const input of past) {
      const error = await rejection(h.client().send(new CreateApiCommand(input as never)));
      expect({ input: JSON.stringify(input).slice(0, 60), name: error.name }).toEqual({
        input: JSON.stringify(input).slice(0, 60),
        name: 'BadRequestException',
      });
    }
    for (const stageName of ['s'.repeat(129), '../evil', 'a/b', '%2e%2e']) {
      const error = await rejection(h.client().send(new CreateStageCommand({ ApiId: apiId, StageName: stageName })));
      expect({ stageName, name: error.name }).toEqual({ stageName, name: 'BadRequestException' });
    }
    expect(state()).toBe(before);

    // At the limits: accepted, and read back whole.
    const atLimits = await h.client().send(
      new CreateApiCommand({
        Name: '😀'.repeat(128),
        ProtocolType: 'HTTP',
        Description: 'd'.repeat(1024),
        Tags: { ...Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])), ['k'.repeat(128)]: 'v'.repeat(256) },
      }),
    );
    const read = await h.client().send(new GetApiCommand({ ApiId: atLimits.ApiId }));
    expect([...(read.Name ?? '')]).toHaveLength(128);
    expect(read.Description).toHaveLength(1024);
    expect(Object.keys(read.Tags ?? {})).toHaveLength(50);
    const stage = await h.client().send(new CreateStageCommand({ ApiId: apiId, StageName: 's'.repeat(128) }));
    expect(stage.StageName).toHaveLength(128);
  });
});
