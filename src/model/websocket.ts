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
