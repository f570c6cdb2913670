import { badRequest } from '../service-errors.js';

/**
 * Resources made by quick create are apiGatewayManaged and "cannot be modified or deleted
 * directly" (model doc of ApiGatewayManaged): they change through the API that owns them.
 */
export function assertNotManaged(resource: { apiGatewayManaged?: boolean }, kind: string): void {
  if (resource.apiGatewayManaged)
    throw badRequest(
      `This ${kind} is managed by API Gateway (created by quick create) and cannot be modified or deleted directly; update or delete the API instead.`,
    );
}
