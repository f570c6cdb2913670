import { describe, expect, it } from 'vitest';
import { startPortico } from '../../src/server/index.js';
import { writeConfig } from '../fixtures/terraform/temp-config.js';

const api = `resource "aws_apigatewayv2_api" "api" {
  name          = "shop"
  protocol_type = "HTTP"
}
`;

/** What `terraform validate` refuses is refused at start-up with its file:line, never served half-right. */
describe('real-world shape: mistakes terraform validate catches', () => {
  it.each([
    [
      'a misspelled argument',
      `${api}resource "aws_apigatewayv2_route" "r" {\n  api_id             = aws_apigatewayv2_api.api.id\n  route_key          = "GET /"\n  authorisation_type = "NONE"\n}\n`,
      /main\.tf:8: Unsupported argument: an argument named "authorisation_type" is not expected here\. Did you mean "authorization_type"\?/,
    ],
    [
      'a value of the wrong type',
      `${api}resource "aws_apigatewayv2_stage" "s" {\n  api_id      = aws_apigatewayv2_api.api.id\n  name        = "$default"\n  auto_deploy = "yes"\n}\n`,
      /main\.tf:8: Incorrect attribute value type: inappropriate value for attribute "auto_deploy": a bool is required, got "yes"/,
    ],
  ])('%s', async (_name, text, message) => {
    await expect(startPortico({ dir: writeConfig({ 'main.tf': text }), port: 0, state: ':memory:', logLevel: 'silent' })).rejects.toThrow(
      message,
    );
  });

  it('says plainly that a configuration with only REST (v1) APIs has nothing Portico serves', async () => {
    const portico = await startPortico({
      dir: writeConfig({ 'main.tf': 'resource "aws_api_gateway_rest_api" "shop" {\n  name = "shop"\n}\n' }),
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
    });
    try {
      expect(portico.apis).toEqual([]);
      expect(portico.warnings).toEqual([
        'This configuration has only REST APIs (API Gateway v1: aws_api_gateway_rest_api.shop (main.tf:1)). Portico serves HTTP APIs (aws_apigatewayv2_api and friends), so nothing here is served.',
      ]);
    } finally {
      await portico.stop();
    }
  });
});
