import { API_KEY_SELECTION_EXPRESSIONS, type ProtocolType, PROTOCOL_TYPES, routeSelectionProblem } from '../../model/index.js';
import type { Input } from '../input.js';
import { badRequest } from '../service-errors.js';

/**
 * The CreateApi/UpdateApi members whose rules depend on the protocol (model docs of Api,
 * CreateApiRequest; AWS "WebSocket selection expressions"). HTTP APIs keep the rules they had.
 */
const HTTP_ROUTE_SELECTION = ['$request.method $request.path', '${request.method} ${request.path}'];

export function readProtocol(input: Input): ProtocolType {
  return input.required('protocolType', input.string('protocolType', { oneOf: PROTOCOL_TYPES })) as ProtocolType;
}

/**
 * HTTP APIs: only `${request.method} ${request.path}` (the model doc). WebSocket APIs: required
 * when the API is created, of the form `$request.body.{JSONPath}` ("Route selection expressions").
 */
export function readRouteSelection(input: Input, protocol: ProtocolType, creating: boolean): string | undefined {
  const value = input.string('routeSelectionExpression');
  if (protocol === 'HTTP') {
    if (value !== undefined && !HTTP_ROUTE_SELECTION.includes(value))
      throw badRequest(`Invalid routeSelectionExpression "${value}": for HTTP APIs it must be \${request.method} \${request.path}.`);
    return value;
  }
  if (value === undefined) {
    if (creating) throw badRequest('routeSelectionExpression is required for WebSocket APIs, for example $request.body.action.');
    return undefined;
  }
  const problem = routeSelectionProblem(value);
  if (problem)
    throw badRequest(
      `Invalid routeSelectionExpression "${value}" for a WebSocket API: ${problem}. ` +
        'Use $request.body.{JSONPath} variables and static text, such as $request.body.action or ${request.body.service}/${request.body.action}.',
    );
  return value;
}

/** WebSocket APIs support exactly two API key selection expressions ("API key selection expressions"). */
export function readApiKeySelection(input: Input, protocol: ProtocolType): string | undefined {
  const value = input.string('apiKeySelectionExpression');
  if (value !== undefined && protocol === 'WEBSOCKET' && !(API_KEY_SELECTION_EXPRESSIONS as readonly string[]).includes(value))
    throw badRequest(
      `Invalid apiKeySelectionExpression "${value}": the supported values are ${API_KEY_SELECTION_EXPRESSIONS.join(' and ')}.`,
    );
  return value;
}

/**
 * Members that exist only for HTTP APIs: CORS (the model's Cors shape is HTTP-only) and quick
 * create (`target`, `routeKey`, `credentialsArn`: "Supported only for HTTP APIs"). AWS's wording
 * for these on a WebSocket API is not on record.
 */
export function refuseHttpOnlyMembers(input: Input, protocol: ProtocolType): void {
  if (protocol !== 'WEBSOCKET') return;
  if (input.has('corsConfiguration')) throw badRequest('corsConfiguration is supported only for HTTP APIs; WebSocket APIs have no CORS.');
  for (const member of ['target', 'routeKey', 'credentialsArn'])
    if (input.has(member))
      throw badRequest(
        `${member} (quick create) is supported only for HTTP APIs; create the routes and integrations of a WebSocket API one by one.`,
      );
}
