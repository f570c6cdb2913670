import { isHeader, isHopByHop } from '../../integrations/index.js';
import type { ClientRequest } from '../client-request.js';
import { plainIp } from '../request-context.js';

/**
 * What Lambda events say about the client's request, read once from the raw request: header
 * fields in arrival order (names lower-cased), cookies, the query string. Events and authorizer
 * events are built from this.
 */
export interface RequestFacts {
  /** [lower-case name, value] in arrival order, `cookie` left out; gateway fields appended last. */
  readonly headers: readonly (readonly [string, string])[];
  /** Every `cookie` header split at `;` (payload 2.0 `cookies`, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). */
  readonly cookies: readonly string[];
  /** The raw `cookie` header values (1.0 events keep the header). */
  readonly cookieHeaders: readonly string[];
  /** Query pairs, names and values decoded ("+" is a space), in order. */
  readonly query: readonly (readonly [string, string])[];
}

export interface ForwardingFacts {
  readonly proto: 'http' | 'https';
  readonly port: string;
  /** `x-amzn-trace-id` to add when the client sent none. */
  readonly traceId: () => string;
  /** Body bytes: API Gateway always reports a `content-length` (0 for none), as captured events show. */
  readonly bodyLength: number;
}

function decode(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export function parseQuery(rawQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (rawQuery === '') return pairs;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return pairs;
}

function splitCookies(value: string, into: string[]): void {
  for (const piece of value.split(';')) {
    const cookie = piece.trim();
    if (cookie !== '') into.push(cookie);
  }
}

export function readRequestFacts(req: ClientRequest, rawQuery: string, forwarding: ForwardingFacts): RequestFacts {
  const raw = req.rawHeaders;
  const headers: [string, string][] = [];
  const cookies: string[] = [];
  const cookieHeaders: string[] = [];
  let xff: string | undefined;
  let trace: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    if (isHopByHop(name) || isHeader(name, 'expect')) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      cookieHeaders.push(value);
      splitCookies(value, cookies);
      continue;
    }
    if (lower === 'x-forwarded-for') xff = xff === undefined ? value : `${xff}, ${value}`;
    else if (lower === 'x-amzn-trace-id') trace ??= value;
    else if (lower !== 'content-length' && lower !== 'x-forwarded-port' && lower !== 'x-forwarded-proto') headers.push([lower, value]);
  }
  const client = plainIp(req.socket.remoteAddress);
  // The fields API Gateway sets itself in Lambda events (captured events:
  // https://github.com/DefinitelyTyped/DefinitelyTyped/issues/75458, the `metaskills` 1.0 sample): the
  // client's trace id if sent, the client's X-Forwarded-For list plus the client IP.
  headers.push(
    ['content-length', String(forwarding.bodyLength)],
    ['x-amzn-trace-id', trace ?? forwarding.traceId()],
    ['x-forwarded-for', xff === undefined ? client : `${xff}, ${client}`],
    ['x-forwarded-port', forwarding.port],
    ['x-forwarded-proto', forwarding.proto],
  );
  return { headers, cookies, cookieHeaders, query: parseQuery(rawQuery) };
}

/** The request path as events show it: URL-decoded, a named stage's segment kept, cut at a decoded "?" (docs/reference/dataplane.md §1–2). */
export function eventPath(path: string): string {
  if (!path.includes('%')) return path;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return path;
  }
  const question = decoded.indexOf('?');
  return question < 0 ? decoded : decoded.slice(0, question);
}
