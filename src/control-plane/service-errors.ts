/**
 * The apigatewayv2 service's error types with their HTTP statuses from the service model
 * (controlplane.md §3.1). On the wire they travel as `x-amzn-ErrorType` + `{"message"}`.
 */
export const SERVICE_ERROR_STATUS = {
  BadRequestException: 400,
  AccessDeniedException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  TooManyRequestsException: 429,
} as const;

export type ServiceErrorType = keyof typeof SERVICE_ERROR_STATUS;

export class ServiceError extends Error {
  readonly status: number;
  constructor(
    readonly type: ServiceErrorType,
    message: string,
    /** For NotFoundException: the kind of resource that was missing. */
    readonly resourceType?: string,
  ) {
    super(message);
    this.name = type;
    this.status = SERVICE_ERROR_STATUS[type];
  }
}

export const badRequest = (message: string): ServiceError => new ServiceError('BadRequestException', message);
export const conflict = (message: string): ServiceError => new ServiceError('ConflictException', message);
export const notFound = (message: string, resourceType?: string): ServiceError =>
  new ServiceError('NotFoundException', message, resourceType);
