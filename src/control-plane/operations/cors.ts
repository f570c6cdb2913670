import type { CorsConfiguration } from '../../model/index.js';
import type { Input } from '../input.js';
import { badRequest } from '../service-errors.js';

/** `corsConfiguration` of CreateApi/UpdateApi/ImportApi (AWS "Configuring CORS for an HTTP API"). */
export function readCors(input: Input | undefined): CorsConfiguration | undefined {
  if (!input) return undefined;
  const cors: CorsConfiguration = {};
  const allowCredentials = input.boolean('allowCredentials');
  if (allowCredentials !== undefined) cors.allowCredentials = allowCredentials;
  const allowHeaders = input.stringList('allowHeaders');
  if (allowHeaders) cors.allowHeaders = allowHeaders;
  const allowMethods = input.stringList('allowMethods');
  if (allowMethods) {
    for (const method of allowMethods)
      if (method !== '*' && !/^[A-Za-z]+$/.test(method))
        throw badRequest(`Invalid CORS allowMethods value "${method}": use an HTTP method name such as GET, or "*".`);
    cors.allowMethods = allowMethods;
  }
  const allowOrigins = input.stringList('allowOrigins');
  if (allowOrigins) cors.allowOrigins = allowOrigins;
  const exposeHeaders = input.stringList('exposeHeaders');
  if (exposeHeaders) cors.exposeHeaders = exposeHeaders;
  const maxAge = input.integer('maxAge', -1, 86400);
  if (maxAge !== undefined) cors.maxAge = maxAge;
  // Browsers refuse credentialed responses with a wildcard origin (Fetch standard, CORS
  // protocol), and API Gateway rejects the combination when the configuration is saved.
  if (cors.allowCredentials && cors.allowOrigins?.includes('*'))
    throw badRequest(
      'Invalid CORS configuration: allowOrigins cannot contain "*" when allowCredentials is true; list the allowed origins explicitly.',
    );
  return cors;
}
