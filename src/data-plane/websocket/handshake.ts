import type { Duplex } from 'node:stream';
import { isHeader, isHopByHop } from '../../integrations/index.js';
import type { ClientRequest } from '../client-request.js';
import { parseQuery } from '../lambda/request-facts.js';
import { plainIp } from '../request-context.js';
import type { HandshakeFacts } from './websocket-events.js';

export interface ForwardingFields {
  /** `X-Amzn-Trace-Id` to add when the client sent none. */
  readonly traceId: string;
  /** The port the client reached (AWS: 443). */
  readonly port: string;
  readonly proto: 'http' | 'https';
}

const GATEWAY_SET = new Set(['x-amzn-trace-id', 'x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto']);

/**
 * What the upgrade request said, as the `$connect` event and its authorizer see it (captured events:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 * and a captured CONNECT event): names as sent; the integration's event without `Connection` and
 * `Upgrade`; the gateway's `X-Amzn-Trace-Id` and `X-Forwarded-For/-Port/-Proto` last.
 */
export function handshakeFacts(
  request: ClientRequest,
  rawQuery: string,
  stageVariables: Readonly<Record<string, string>>,
  forwarding: ForwardingFields,
): HandshakeFacts {
  const raw = request.rawHeaders;
  const headers: [string, string][] = [];
  const allHeaders: [string, string][] = [];
  let xff: string | undefined;
  let trace: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') xff = xff === undefined ? value : `${xff}, ${value}`;
    if (lower === 'x-amzn-trace-id') trace ??= value;
    if (GATEWAY_SET.has(lower)) continue;
    allHeaders.push([name, value]);
    if (!isHopByHop(name)) headers.push([name, value]);
  }
  const client = plainIp(request.socket.remoteAddress);
  const added: [string, string][] = [
    ['X-Amzn-Trace-Id', trace ?? forwarding.traceId],
    ['X-Forwarded-For', xff === undefined ? client : `${xff}, ${client}`],
    ['X-Forwarded-Port', forwarding.port],
    ['X-Forwarded-Proto', forwarding.proto],
  ];
  return {
    headers: [...headers, ...added],
    allHeaders: [...allHeaders, ...added],
    query: parseQuery(rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery),
    stageVariables,
  };
}

/** A client's header, the first of that (lower-case) name. */
export function headerOfRequest(request: ClientRequest, lower: string): string | undefined {
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) if (isHeader(raw[i] as string, lower)) return raw[i + 1];
  return undefined;
}

/** Answer an upgrade request with a plain HTTP response and close: the gateway refused it before any WebSocket. */
export function refuseUpgrade(socket: Duplex, status: number, statusText: string, body: string, headers: Record<string, string>): void {
  if (!socket.writable) return void socket.destroy();
  const fields = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close', ...headers };
  const head = `HTTP/1.1 ${status} ${statusText}\r\n${Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
  socket.end(head + body);
}
