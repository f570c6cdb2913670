import { LISTENER_ARN } from './harness.js';

export const LAMBDA_ARN = 'arn:aws:lambda:us-east-2:123456789012:function:pets';
export const AUTHORIZER_URI =
  'arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:auth/invocations';

/**
 * An OpenAPI 3.0 document using every import feature HTTP APIs have: HTTP_PROXY, AWS_PROXY and
 * VPC-link integrations (one shared through components), CORS, a JWT authorizer with route
 * scopes, a Lambda authorizer, IAM, ANY and the $default route. Numbers where AWS's own
 * examples write them (payloadFormatVersion 1.0) are kept as numbers.
 */
export function petstore(vpcLinkId: string): Record<string, unknown> {
  return {
    openapi: '3.0.1',
    info: { title: 'petstore', version: '1.0', description: 'Pets' },
    servers: [{ url: 'https://example.execute-api.us-east-2.amazonaws.com/{basePath}', variables: { basePath: { default: 'v1' } } }],
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          security: [{ jwt: ['pets/read'] }],
          responses: { default: { description: 'Default response for GET /pets' } },
          'x-amazon-apigateway-integration': {
            type: 'HTTP_PROXY',
            httpMethod: 'GET',
            uri: 'https://backend.example.com/pets',
            payloadFormatVersion: 1.0,
            timeoutInMillis: 5000,
            requestParameters: { 'append:header.x-source': 'portico' },
            responseParameters: { '500': { 'overwrite:statuscode': '503' } },
          },
        },
        post: {
          security: [{ lambda: [] }],
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/lambda' },
        },
      },
      '/pets/{petId}': {
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          security: [{ sigv4: [] }],
          'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/lambda' },
        },
      },
      '/internal/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'ANY',
            uri: LISTENER_ARN,
            connectionType: 'VPC_LINK',
            connectionId: vpcLinkId,
            payloadFormatVersion: '1.0',
            tlsConfig: { serverNameToVerify: 'internal.example.com' },
          },
        },
      },
      '/$default': {
        'x-amazon-apigateway-any-method': {
          isDefaultRoute: true,
          'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA_ARN, payloadFormatVersion: '2.0' },
        },
      },
    },
    components: {
      securitySchemes: {
        jwt: {
          type: 'oauth2',
          'x-amazon-apigateway-authorizer': {
            type: 'jwt',
            jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['pets'] },
            identitySource: '$request.header.Authorization',
          },
        },
        lambda: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authorizer': {
            type: 'request',
            identitySource: '$request.header.Authorization',
            authorizerUri: AUTHORIZER_URI,
            authorizerPayloadFormatVersion: '2.0',
            authorizerResultTtlInSeconds: 300,
            enableSimpleResponses: true,
          },
        },
        sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
      },
      'x-amazon-apigateway-integrations': {
        lambda: { type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_ARN, payloadFormatVersion: '2.0' },
      },
    },
    'x-amazon-apigateway-cors': {
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['authorization'],
      maxAge: 600,
    },
    'x-amazon-apigateway-importexport-version': '1.0',
  };
}
