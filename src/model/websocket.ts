/**
 * The resources only WebSocket APIs have (docs/reference/controlplane.md; the model's RouteResponse,
 * IntegrationResponse and Model shapes): a route's responses to the client, an integration's
 * responses mapped by selection key, and JSON-schema models for request and response validation.
 */
import type { ParameterConstraints } from './route.js';

/** How the gateway answers the client for a route (a two-way route has a `$default` route response). */
export interface RouteResponse {
  routeResponseId: string;
  /** `$default`, or a key the route's `routeResponseSelectionExpression` selects. */
  routeResponseKey: string;
  modelSelectionExpression?: string;
  /** Content type → model name. */
  responseModels?: Record<string, string>;
  responseParameters?: Record<string, ParameterConstraints>;
}

/** A non-proxy integration's response, selected by the integration's status (`/2\d\d/`, `$default`, …). */
export interface IntegrationResponse {
  integrationResponseId: string;
  integrationResponseKey: string;
  contentHandlingStrategy?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  /** Template selection value → mapping template (Velocity). */
  responseTemplates?: Record<string, string>;
  templateSelectionExpression?: string;
  responseParameters?: Record<string, string>;
}

/** A data model: a JSON schema (draft 4) for a content type. */
export interface ApiModel {
  modelId: string;
  name: string;
  contentType?: string;
  description?: string;
  schema?: string;
}

/** The WebSocket parts a deployment freezes, beside routes, integrations and authorizers. */
export interface WebSocketSnapshot {
  /** `$request.body.action` and the like: how a message picks its route. */
  routeSelectionExpression: string;
  apiKeySelectionExpression: string;
  /** By route id. */
  routeResponses: Record<string, RouteResponse[]>;
  /** By integration id. */
  integrationResponses: Record<string, IntegrationResponse[]>;
  models: ApiModel[];
}

/** The two API key selection expressions AWS supports ("API key selection expressions"). */
export const API_KEY_SELECTION_EXPRESSIONS = ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'] as const;

/** How a non-proxy integration converts payloads (model enum ContentHandlingStrategy). */
export const CONTENT_HANDLING_STRATEGIES = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] as const;

/** What a non-proxy integration does with an unmapped content type (model enum PassthroughBehavior). */
export const PASSTHROUGH_BEHAVIORS = ['WHEN_NO_MATCH', 'NEVER', 'WHEN_NO_TEMPLATES'] as const;

/**
 * The integration response selection expression AWS fills in by integration type (never an
 * input): `${integration.response.statuscode}` for HTTP and MOCK, the Lambda error message for
 * AWS (terraform-provider-aws integration_test.go basicWebSocket, typeHTTP, lambdaWebSocket).
 */
export const INTEGRATION_RESPONSE_SELECTION = {
  HTTP: '${integration.response.statuscode}',
  MOCK: '${integration.response.statuscode}',
  AWS: '${integration.response.body.errorMessage}',
} as const;
