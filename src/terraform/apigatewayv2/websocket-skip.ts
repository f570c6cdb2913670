import { stableId } from '../../model/index.js';
import type { ResourceInstance, TfValue } from '../types.js';

/** Resource types that exist only for WebSocket APIs. */
export const WEBSOCKET_ONLY = ['aws_apigatewayv2_model', 'aws_apigatewayv2_integration_response', 'aws_apigatewayv2_route_response'];

/**
 * Until Portico serves WebSocket APIs, a configuration's WebSocket API is left out with a warning
 * — with everything attached to it (routes, integrations, stages, mappings; found by `api_id`) —
 * and its HTTP APIs are served. References to the skipped resources still resolve (their ids are
 * stable). Remove this file, and its two uses in provider.ts, when WebSocket APIs are supported.
 */
export interface WebSocketSkip {
  /** Whether this instance is left out; records the warning for a WebSocket API. */
  skips(instance: ResourceInstance, ids: Record<string, string>): boolean;
  /** A WebSocket-only resource of a skipped API: its stand-in attributes, or undefined when its API is not skipped. */
  skippedOnly(instance: ResourceInstance): Record<string, TfValue> | undefined;
  readonly warnings: string[];
}

export function createWebSocketSkip(): WebSocketSkip {
  const apis = new Set<string>();
  const warnings: string[] = [];
  const apiIdOf = (instance: ResourceInstance): TfValue | undefined => instance.attributes['api_id'];
  return {
    warnings,
    skips(instance, ids) {
      if (instance.type === 'aws_apigatewayv2_api' && instance.attributes['protocol_type'] === 'WEBSOCKET') {
        apis.add(ids['apiId'] ?? '');
        warnings.push(
          `${instance.location.file}:${instance.location.line}: ${instance.address} is a WebSocket API, which Portico does not serve yet: it is skipped, with its routes, integrations and stages; the HTTP APIs are served.`,
        );
        return true;
      }
      const apiId = apiIdOf(instance);
      return typeof apiId === 'string' && apis.has(apiId);
    },
    skippedOnly(instance) {
      const apiId = apiIdOf(instance);
      if (typeof apiId !== 'string' || !apis.has(apiId)) return undefined;
      const kind =
        instance.type === 'aws_apigatewayv2_model'
          ? 'model'
          : instance.type.endsWith('route_response')
            ? 'routeResponse'
            : 'integrationResponse';
      return { id: stableId(kind, instance.address) };
    },
  };
}
