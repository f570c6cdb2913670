import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, requireApi } from '../lookups.js';
import { badRequest } from '../service-errors.js';

/**
 * Models, integration responses and route responses exist only on WebSocket APIs (model docs),
 * and Portico cannot create WebSocket APIs yet: these operations check the API exists, then
 * answer a clear BadRequestException instead of storing something that is never served.
 */
export function websocketOnly(operation: string): (ctx: OperationContext, request: unknown) => never {
  return (ctx, request) => {
    const api = requireApi(ctx, label(new Input(request), 'apiId'));
    throw badRequest(
      `${operation} is supported only for WebSocket APIs; API ${api.apiId} is an ${api.protocolType} API and Portico does not support WebSocket APIs yet.`,
    );
  };
}
