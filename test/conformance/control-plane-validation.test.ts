import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVED_HEADERS } from '../../src/model/index.js';
import { startPortico, type Portico } from '../../src/server/index.js';

const S4 = 'docs/reference/dataplane.md §4';
const S2 = 'docs/reference/dataplane.md §2';
const S7 = 'docs/reference/dataplane.md §7';
const MAPPING_ERROR = /^Invalid mapping expression specified: Validation Result: warnings : \[\], errors : \[.+\]$/;
const ROUTE_KEY_FORMAT =
  'The provided route key is not formatted properly for HTTP protocol. Format should be "<HTTP METHOD> /<RESOURCE PATH>" or "$default"';

/** A concrete name for each reserved entry (`x-amz-*` → `x-amz-date`). */
const reservedNames = RESERVED_HEADERS.map((name) => (name.endsWith('*') ? `${name.slice(0, -1)}date` : name));

describe('conformance: control-plane validation of mappings, route keys and CORS (AWS SDK)', () => {
  let portico: Portico;
  let client: ApiGatewayV2Client;
  let apiId: string;

  beforeAll(async () => {
    portico = await startPortico({ port: 0, state: ':memory:', logLevel: 'silent' });
    client = new ApiGatewayV2Client({
      endpoint: portico.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    apiId = (await client.send(new CreateApiCommand({ Name: 'validation', ProtocolType: 'HTTP' }))).ApiId ?? '';
  });
  afterAll(async () => {
    client?.destroy();
    await portico?.stop();
  });

  const integration = (extra: {
    requestParameters?: Record<string, string>;
    responseParameters?: Record<string, Record<string, string>>;
  }) =>
    client.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'ANY',
        IntegrationUri: 'http://backend.example.com',
        PayloadFormatVersion: '1.0',
        ...(extra.requestParameters ? { RequestParameters: extra.requestParameters } : {}),
        ...(extra.responseParameters ? { ResponseParameters: extra.responseParameters } : {}),
      }),
    );

  async function refused(call: Promise<unknown>): Promise<string> {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode?: number } },
    );
    expect(error, 'expected a BadRequestException').toBeDefined();
    expect(error?.name).toBe('BadRequestException');
    expect(error?.$metadata.httpStatusCode).toBe(400);
    return error?.message ?? '';
  }

  it(`${S4}: every reserved header is refused in request mappings, with AWS's error frame`, async () => {
    for (const name of reservedNames) {
      const message = await refused(integration({ requestParameters: { [`overwrite:header.${name}`]: 'x' } }));
      expect(message).toMatch(MAPPING_ERROR);
      expect(message).toContain(`the header "${name}" is reserved`);
    }
  });

  it(`${S4}: reserved headers are refused in response mappings too; case does not matter`, async () => {
    const message = await refused(integration({ responseParameters: { '200': { 'append:header.Access-Control-Allow-Origin': '*' } } }));
    expect(message).toMatch(MAPPING_ERROR);
  });

  it(`${S4}: Host and ordinary headers may be mapped; all the documented sources are accepted`, async () => {
    const created = await integration({
      requestParameters: {
        'overwrite:header.host': 'backend.internal',
        'append:header.x-user': '$request.body.user.name',
        'overwrite:header.x-all': '${request.path.id}-${request.querystring.q}-${context.requestId}-${stageVariables.v}',
        'remove:querystring.secret': "''",
        'overwrite:path': '/public/$request.path.proxy',
      },
      responseParameters: { '500': { 'overwrite:statuscode': '403', 'append:header.x-error': '$response.body.error' } },
    });
    expect(created.IntegrationId).toBeTruthy();
  });

  it(`${S4}: keys and values outside the documented forms are refused`, async () => {
    const cases: [Record<string, string> | undefined, Record<string, Record<string, string>> | undefined, RegExp][] = [
      [{ 'replace:header.x': 'v' }, undefined, /unknown action/],
      [{ 'append:path': 'v' }, undefined, /only overwrite:path/],
      [{ 'overwrite:statuscode': '200' }, undefined, /only in responseParameters/],
      [undefined, { '200': { 'overwrite:path': '/x' } }, /only in requestParameters/],
      [{ 'overwrite:header.x': '$request.bogus.x' }, undefined, /is not a source a request mapping can read/],
      [{ 'overwrite:header.x': '$response.header.y' }, undefined, /is not a source a request mapping can read/],
      [{ 'overwrite:header.x': '$request.body..deep' }, undefined, /recursive descent/],
      [{ 'overwrite:header.x': '$request.body.items[?(@.a)]' }, undefined, /filter expressions are not allowed/],
      [{ 'overwrite:header.x': '${request.header.y' }, undefined, /not closed/],
      [{ 'overwrite:header.x': 'a'.repeat(513) }, undefined, /1 to 512 characters/],
      [undefined, { '200': { 'overwrite:querystring.q': 'v' } }, /cannot be mapped here/],
      [undefined, { '200': { 'append:statuscode': '201' } }, /only overwrite:statuscode/],
      [undefined, { '200': { 'overwrite:header.x': '$request.header.y' } }, /is not a source a response mapping can read/],
    ];
    for (const [requestParameters, responseParameters, why] of cases) {
      const message = await refused(
        integration({ ...(requestParameters ? { requestParameters } : {}), ...(responseParameters ? { responseParameters } : {}) }),
      );
      expect(message).toMatch(MAPPING_ERROR);
      expect(message).toMatch(why);
    }
  });

  it(`${S2}: route keys are validated when created, with AWS's message for a malformed key`, async () => {
    for (const key of ['GET/pets', 'GETT /pets', 'GET pets', 'get /pets', 'GET /pets x'])
      expect(await refused(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key })))).toContain(
        `Invalid route key "${key}": ${ROUTE_KEY_FORMAT} (`,
      );
    for (const [key, why] of [
      ['GET /pets/', /must not end with "\/"/],
      ['GET /a//b', /empty segment/],
      ['ANY /{proxy+}/x', /must be the last segment/],
      ['GET /pets/{id}/{id}', /appears twice/],
      ['GET /pets/a{id}', /neither a literal segment nor a whole/],
    ] as const)
      expect(await refused(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key })))).toMatch(why);
    for (const key of ['$default', 'ANY /{proxy+}', 'HEAD /x', 'OPTIONS /', 'GET /pets/{petId}'])
      expect((await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key }))).RouteKey).toBe(key);
  });

  it(`${S7}: CORS configurations: HEAD is a method like any other (localstack#12101); credentials with "*" refused`, async () => {
    const updated = await client.send(
      new UpdateApiCommand({
        ApiId: apiId,
        CorsConfiguration: { AllowMethods: ['GET', 'HEAD', 'OPTIONS'], AllowOrigins: ['https://*'], MaxAge: 300 },
      }),
    );
    expect(updated.CorsConfiguration?.AllowMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    await refused(client.send(new UpdateApiCommand({ ApiId: apiId, CorsConfiguration: { AllowOrigins: ['*'], AllowCredentials: true } })));
    await refused(client.send(new UpdateApiCommand({ ApiId: apiId, CorsConfiguration: { MaxAge: 86_401 } })));
  });

  it(`${S4}: a reserved header in a .tf file stops \`portico up\` at the resource's line`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-reserved-'));
    writeFileSync(
      join(dir, 'main.tf'),
      [
        'resource "aws_apigatewayv2_api" "a" {',
        '  name          = "a"',
        '  protocol_type = "HTTP"',
        '}',
        'resource "aws_apigatewayv2_integration" "i" {',
        '  api_id             = aws_apigatewayv2_api.a.id',
        '  integration_type   = "HTTP_PROXY"',
        '  integration_method = "ANY"',
        '  integration_uri    = "http://backend.example.com"',
        '  request_parameters = {',
        '    "overwrite:header.x-amzn-trace-id" = "mine"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    await expect(startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' })).rejects.toThrow(
      /main\.tf:\d+: aws_apigatewayv2_integration\.i: BadRequestException: Invalid mapping expression specified: .*x-amzn-trace-id" is reserved/,
    );
  });
});
