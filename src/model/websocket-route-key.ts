/**
 * WebSocket route keys (AWS "Create routes for WebSocket APIs"): the predefined `$connect`,
 * `$disconnect` and `$default`, or a custom key that the route selection expression must
 * produce (`sendmessage`). Other keys starting with `$` are reserved: AWS answers them with
 * "The provided route key is not formatted properly" (serverless/serverless#9530, `$getauthorized`).
 */
export const WEBSOCKET_PREDEFINED_ROUTE_KEYS = ['$connect', '$disconnect', '$default'] as const;

export const WEBSOCKET_ROUTE_KEY_FORMAT = 'The provided route key is not formatted properly';

/** A problem with the key, or undefined when a WebSocket API may have a route with it. */
export function webSocketRouteKeyProblem(key: string): string | undefined {
  if ((WEBSOCKET_PREDEFINED_ROUTE_KEYS as readonly string[]).includes(key)) return undefined;
  if (key.trim() === '') return `${WEBSOCKET_ROUTE_KEY_FORMAT}: a route key cannot be empty.`;
  if (key.startsWith('$'))
    return `${WEBSOCKET_ROUTE_KEY_FORMAT}: "${key}" starts with "$", which only the predefined routes ${WEBSOCKET_PREDEFINED_ROUTE_KEYS.join(', ')} may.`;
  if (key.length > 128) return `${WEBSOCKET_ROUTE_KEY_FORMAT}: a route key has at most 128 characters.`;
  return undefined;
}
