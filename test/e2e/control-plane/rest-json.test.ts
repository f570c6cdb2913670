import { createPaginator } from '@smithy/core';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  DeleteApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetRoutesCommand,
  ListPortalsCommand,
  UpdateApiCommand,
  type GetApisCommandInput,
  type GetApisCommandOutput,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, type Harness, rejection, startControlPlane } from './harness.js';

/**
 * This SDK release generates only ListRoutingRules' paginator, so GetApis' is built with the
 * SDK's own paginator factory from the model's paginators-1.json entry (NextToken/MaxResults).
 */
const paginateGetApis = createPaginator<{ client: ApiGatewayV2Client; pageSize?: number }, GetApisCommandInput, GetApisCommandOutput>(
  ApiGatewayV2Client,
  GetApisCommand,
  'NextToken',
  'NextToken',
  'MaxResults',
);

let h: Harness;
beforeEach(async () => {
  h = await startControlPlane();
});
afterEach(async () => {
  await h.close();
});

describe('rest-json through the AWS SDK', () => {
  it('creates and reads an API with AWS defaults, ISO dates and request ids', async () => {
    const client = h.client();
    const created = await client.send(new CreateApiCommand({ Name: 'pets', ProtocolType: 'HTTP', Tags: { team: 'a' } }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.$metadata.requestId).toMatch(/^req-\d+$/);
    expect(created.ApiId).toMatch(/^[a-z0-9]{10}$/);
    const got = await client.send(new GetApiCommand({ ApiId: created.ApiId }));
    expect(got).toMatchObject({
      Name: 'pets',
      ProtocolType: 'HTTP',
      ApiEndpoint: `http://${created.ApiId}.execute-api.localhost:4566`,
      ApiKeySelectionExpression: '$request.header.x-api-key',
      RouteSelectionExpression: '$request.method $request.path',
      DisableExecuteApiEndpoint: false,
      Tags: { team: 'a' },
    });
    expect(got.CreatedDate).toEqual(new Date(Date.UTC(2026, 10, 25, 12, 0, 0)));
    const updated = await client.send(new UpdateApiCommand({ ApiId: created.ApiId, Description: 'd' }));
    expect(updated.$metadata.httpStatusCode).toBe(200);
    const deleted = await client.send(new DeleteApiCommand({ ApiId: created.ApiId }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
  });

  it('surfaces NotFoundException and BadRequestException with status, message and request id', async () => {
    const client = h.client();
    const missing = await rejection(client.send(new GetApiCommand({ ApiId: 'nope' })));
    expect(missing.name).toBe('NotFoundException');
    expect(missing.message).toBe(`Invalid API identifier specified ${ACCOUNT}:nope`);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.$metadata.requestId).toMatch(/^req-\d+$/);
    const routes = await rejection(client.send(new GetRoutesCommand({ ApiId: 'nope' })));
    expect(routes.name).toBe('NotFoundException');
    const bad = await rejection(client.send(new CreateApiCommand({ Name: 'x', ProtocolType: 'GRPC' as 'HTTP' })));
    expect(bad.name).toBe('BadRequestException');
    expect(bad.$metadata.httpStatusCode).toBe(400);
    expect(bad.message).toMatch(/must be one of HTTP, WEBSOCKET/);
  });

  it('pages with the SDK paginator and with maxResults/nextToken', async () => {
    const client = h.client();
    for (let i = 0; i < 5; i++) await client.send(new CreateApiCommand({ Name: `api-${i}`, ProtocolType: 'HTTP' }));
    const pages: string[][] = [];
    for await (const page of paginateGetApis({ client, pageSize: 2 }, {})) pages.push((page.Items ?? []).map((a) => a.Name ?? ''));
    expect(pages).toEqual([['api-0', 'api-1'], ['api-2', 'api-3'], ['api-4']]);
    const first = await client.send(new GetApisCommand({ MaxResults: '3' }));
    expect(first.Items).toHaveLength(3);
    const rest = await client.send(new GetApisCommand({ MaxResults: '3', NextToken: first.NextToken }));
    expect(rest.Items?.map((a) => a.Name)).toEqual(['api-3', 'api-4']);
    expect(rest.NextToken).toBeUndefined();
    const invalid = await rejection(client.send(new GetApisCommand({ NextToken: 'garbage' })));
    expect(invalid.name).toBe('BadRequestException');
  });

  it('answers developer-portal operations with a clear BadRequestException', async () => {
    const error = await rejection(h.client().send(new ListPortalsCommand({})));
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toMatch(/^ListPortals is not supported by Portico/);
  });
});

describe('rest-json on the raw wire', () => {
  it('rejects malformed JSON with BadRequestException and says why', async () => {
    const res = await fetch(`${h.endpoint}/v2/apis`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "x",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^req-\d+$/);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Could not parse request body into json: /);
    const array = await fetch(`${h.endpoint}/v2/apis`, { method: 'POST', body: '[1]' });
    expect(((await array.json()) as { message: string }).message).toBe('Invalid request body: a JSON object is expected.');
  });

  it('answers unknown paths with 404 NotFoundException, naming the methods a known path has', async () => {
    const unknown = await fetch(`${h.endpoint}/v2/nothing/here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(await unknown.json()).toEqual({ message: 'No apigatewayv2 operation matches GET /v2/nothing/here.' });
    const wrongMethod = await fetch(`${h.endpoint}/v2/apis/abc/cors`, { method: 'GET' });
    expect(((await wrongMethod.json()) as { message: string }).message).toMatch(/This path accepts DELETE\.$/);
  });

  it('sends 204 with no body, and treats GET /v2/apis/ like GetApis', async () => {
    const created = (await (
      await fetch(`${h.endpoint}/v2/apis`, { method: 'POST', body: '{"name":"a","protocolType":"HTTP"}' })
    ).json()) as { apiId: string };
    const slash = await fetch(`${h.endpoint}/v2/apis/`);
    expect(slash.status).toBe(200);
    expect(((await slash.json()) as { items: unknown[] }).items).toHaveLength(1);
    const deleted = await fetch(`${h.endpoint}/v2/apis/${created.apiId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('content-length')).toBe('0');
    expect(await deleted.text()).toBe('');
  });

  it('answers an unexpected failure with a 500 that shows no internals, and logs it', async () => {
    h.controlPlane.store.close();
    const res = await fetch(`${h.endpoint}/v2/apis`);
    expect(res.status).toBe(500);
    expect(res.headers.get('x-amzn-errortype')).toBe('InternalServerException');
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/^An internal error occurred\. Request id req-\d+ identifies it in the Portico log\.$/);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]?.message).toBe('control-plane request failed');
  });

  it('refuses bodies over 10 MB with 413', async () => {
    const res = await fetch(`${h.endpoint}/v2/apis`, { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException');
  });
});
