/**
 * The apigatewayv2 service's error types with their HTTP statuses from the service model
 * (docs/reference/controlplane.md §3.1). On the wire they travel as `x-amzn-ErrorType` + `{"message"}`.
 */
export const SERVICE_ERROR_STATUS = {
  BadRequestException: 400,
  AccessDeniedException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  TooManyRequestsException: 429,
  /**
   * Not in apigatewayv2's model: Portico's answer when cluster mode's database cannot be reached
   * (nothing was changed). SDKs retry a 503 as a transient fault (docs/cluster.md).
   */
  ServiceUnavailableException: 503,
} as const;

export type ServiceErrorType = keyof typeof SERVICE_ERROR_STATUS;

/**
 * An answer of the service, not a fault of ours: it becomes a response (or a located Terraform
 * error), so it carries no stack trace. Capturing one made every existence check that answers
 * NotFound (Terraform asks Get* before each create) cost more than the operation.
 */
export class ServiceError extends Error {
  readonly status: number;
  readonly type: ServiceErrorType;
  /** For NotFoundException: the kind of resource that was missing. */
  readonly resourceType?: string;
  constructor(type: ServiceErrorType, message: string, resourceType?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = type;
    this.type = type;
    this.status = SERVICE_ERROR_STATUS[type];
    if (resourceType !== undefined) this.resourceType = resourceType;
  }
}

export const badRequest = (message: string): ServiceError => new ServiceError('BadRequestException', message);
export const conflict = (message: string): ServiceError => new ServiceError('ConflictException', message);
export const notFound = (message: string, resourceType?: string): ServiceError =>
  new ServiceError('NotFoundException', message, resourceType);
