import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { writeConfig } from '../fixtures/terraform/temp-config.js';

/**
 * `portico up` on a WebSocket chat written the way terraform-aws-modules/apigateway-v2's
 * examples/websocket is (a module making the API, Lambda integrations, routes and a stage with
 * execution logs; registry modules for the functions and the table), plus the WebSocket-only
 * resource types. Serving the connections is the data plane's part; this pins what is applied.
 */
const DIR = join(import.meta.dirname, '..', 'fixtures', 'terraform', 'websocket-chat');

describe('portico up on a WebSocket chat configuration', () => {
  let portico: Portico;
  beforeAll(async () => {
    portico = await startPortico({ dir: DIR, port: 0, state: ':memory:', logLevel: 'silent' });
  });
  afterAll(async () => {
    await portico?.stop();
  });

  it('applies the API, its routes, integrations and stage as the provider would', () => {
    const cp = portico.controlPlane;
    const [api] = cp.run('GetApis', {}).items;
    expect(api).toMatchObject({
      name: 'chat-websocket-chat',
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
      apiKeySelectionExpression: '$request.header.x-api-key',
      tags: { Example: 'chat-websocket-chat' },
    });
    const apiId = api?.apiId ?? '';
    const routes = cp.run('GetRoutes', { apiId }).items;
    expect(routes.map((r) => [r.routeKey, r.operationName]).sort()).toEqual([
      ['$connect', 'ConnectRoute'],
      ['$disconnect', 'DisconnectRoute'],
      ['ping', undefined],
      ['sendmessage', 'SendRoute'],
    ]);
    const integrations = cp.run('GetIntegrations', { apiId }).items;
    expect(integrations.filter((i) => i.integrationType === 'AWS_PROXY')).toHaveLength(3);
    expect(integrations.find((i) => i.integrationType === 'MOCK')).toMatchObject({
      integrationResponseSelectionExpression: '${integration.response.statuscode}',
      templateSelectionExpression: '\\$default',
      timeoutInMillis: 29000,
    });
    const [stage] = cp.run('GetStages', { apiId }).items;
    expect(stage).toMatchObject({
      stageName: 'prod',
      autoDeploy: true,
      defaultRouteSettings: {
        dataTraceEnabled: true,
        detailedMetricsEnabled: true,
        loggingLevel: 'INFO',
        throttlingBurstLimit: 100,
        throttlingRateLimit: 100,
      },
    });
    expect(stage?.accessLogSettings?.destinationArn).toMatch(
      /^arn:aws:logs:eu-west-1:\d{12}:log-group:\/aws\/apigateway\/chat-websocket-chat\/prod$/,
    );
  });

  it('applies the model, the integration response and the route response, and deploys them', () => {
    const cp = portico.controlPlane;
    const apiId = cp.run('GetApis', {}).items[0]?.apiId ?? '';
    const ping = cp.run('GetRoutes', { apiId }).items.find((r) => r.routeKey === 'ping');
    expect(ping).toMatchObject({ routeResponseSelectionExpression: '$default', requestModels: { ping: 'Ping' } });
    expect(cp.run('GetRouteResponses', { apiId, routeId: ping?.routeId }).items).toMatchObject([{ routeResponseKey: '$default' }]);
    const [model] = cp.run('GetModels', { apiId }).items;
    expect(model).toMatchObject({ name: 'Ping', contentType: 'application/json' });
    const snapshot = cp
      .servingConfig()
      .apis.find((a) => a.apiId === apiId)
      ?.stages[0]?.deployment?.snapshot();
    expect(snapshot?.webSocket?.models.map((m) => m.name)).toEqual(['Ping']);
    expect(Object.values(snapshot?.webSocket?.integrationResponses ?? {}).flat()).toMatchObject([
      { integrationResponseKey: '/200/', responseTemplates: { $default: '{"pong":"$context.connectionId"}' } },
    ]);
  });
});

describe('portico up refuses what a WebSocket API cannot have, at its file:line', () => {
  const api = `resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}
`;
  const refusal = async (tf: string): Promise<string> => {
    const dir = writeConfig({ 'main.tf': api + tf });
    try {
      await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' });
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected portico up to refuse the configuration');
  };

  it('names the argument and says what is allowed', async () => {
    expect(
      await refusal(`resource "aws_apigatewayv2_integration" "i" {
  api_id           = aws_apigatewayv2_api.ws.id
  integration_type = "MOCK"
  response_parameters {
    status_code = "200"
    mappings    = { "overwrite:statuscode" = "204" }
  }
}
`),
    ).toMatch(/^main\.tf:9: aws_apigatewayv2_integration\.i: BadRequestException: responseParameters are supported only for HTTP APIs/);
    expect(
      await refusal(`resource "aws_apigatewayv2_route_response" "r" {
  api_id             = aws_apigatewayv2_api.ws.id
  route_id           = aws_apigatewayv2_route.r.id
  route_response_key = "ok"
}
resource "aws_apigatewayv2_route" "r" {
  api_id    = aws_apigatewayv2_api.ws.id
  route_key = "$default"
}
`),
    ).toMatch(/^main\.tf:9: aws_apigatewayv2_route_response\.r: BadRequestException: Invalid routeResponseKey "ok"/);
  });
});
