import { connectionNominees, isHeader, isHopByHop } from '../integrations/index.js';
import { forwardedFromXff, gatewayElement } from './forwarded.js';
import type { RandomPool } from './random-pool.js';
import { traceId } from './trace-id.js';

/** What the gateway adds about the client connection (docs/reference/dataplane.md §3.3). */
export interface ForwardingFacts {
  readonly clientIp: string;
  readonly gatewayIp: string;
  readonly proto: 'http' | 'https';
  readonly port: string;
  /** The Host the client used (for `Forwarded: host=`). */
  readonly host: string;
  /** Request time and randomness for an `X-Amzn-Trace-Id`, made only when the client sent none. */
  readonly epochMs: number;
  readonly random: RandomPool;
}

export interface UpstreamHeaders {
  /** Flat [name, value…] list for undici, `host` first. */
  readonly list: string[];
  /** Declared Content-Length, or -1. */
  readonly contentLength: number;
  /** The request carries a body (Content-Length > 0 or any Transfer-Encoding). */
  readonly hasBody: boolean;
}

/**
 * The headers an HTTP backend receives: the client's, minus hop-by-hop fields (RFC 9110 §7.6.1) and
 * `Expect` (Node already answered `100-continue`), with `Host` rewritten to the target's host
 * (docs/reference/dataplane.md §3.3), `X-Forwarded-For` extended with the client IP, `X-Forwarded-Proto`/`-Port`
 * set to the client connection's, `Forwarded` (see forwarded.ts) and an `X-Amzn-Trace-Id` if absent.
 */
export function forwardHeaders(raw: readonly string[], upstreamHost: string, facts: ForwardingFacts): UpstreamHeaders {
  const list: string[] = ['host', upstreamHost];
  let contentLength = -1;
  let chunked = false;
  let xff: string | undefined;
  let forwarded: string | undefined;
  let connection: string | undefined;
  let hasTrace = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    switch (name.length) {
      case 4:
        if (isHeader(name, 'host')) continue;
        break;
      case 6:
        if (isHeader(name, 'expect')) continue;
        break;
      case 9:
        if (isHeader(name, 'forwarded')) {
          forwarded = forwarded === undefined ? value : `${forwarded}, ${value}`;
          continue;
        }
        break;
      case 10:
        if (isHeader(name, 'connection')) {
          connection = connection === undefined ? value : `${connection}, ${value}`;
          continue;
        }
        break;
      case 14:
        if (isHeader(name, 'content-length')) contentLength = Number(value);
        break;
      case 15:
        if (isHeader(name, 'x-forwarded-for')) {
          xff = xff === undefined ? value : `${xff}, ${value}`;
          continue;
        }
        if (isHeader(name, 'x-amzn-trace-id')) hasTrace = true;
        break;
      case 16:
        if (isHeader(name, 'x-forwarded-port')) continue;
        break;
      case 17:
        if (isHeader(name, 'x-forwarded-proto')) continue;
        if (isHeader(name, 'transfer-encoding')) {
          chunked = true;
          continue;
        }
        break;
    }
    if (isHopByHop(name)) continue;
    list.push(name, value);
  }
  const nominees = connectionNominees(connection);
  if (nominees !== undefined) dropNominated(list, nominees);
  const client = facts.clientIp;
  const gateway = gatewayElement(facts.gatewayIp, client, facts.host, facts.proto);
  const previous = forwarded ?? (xff === undefined ? '' : forwardedFromXff(xff));
  list.push(
    'x-forwarded-for',
    xff === undefined ? client : `${xff}, ${client}`,
    'x-forwarded-proto',
    facts.proto,
    'x-forwarded-port',
    facts.port,
    'forwarded',
    previous === '' ? gateway : `${previous}, ${gateway}`,
  );
  if (!hasTrace) list.push('x-amzn-trace-id', traceId(facts.epochMs, facts.random));
  return { list, contentLength, hasBody: chunked || contentLength > 0 };
}

/** Remove the fields a Connection header nominated (RFC 9110 §7.6.1); `host` (index 0) is ours. */
function dropNominated(list: string[], nominees: ReadonlySet<string>): void {
  let write = 2;
  for (let read = 2; read < list.length; read += 2) {
    const name = list[read] as string;
    if (nominees.has(name.toLowerCase())) continue;
    list[write] = name;
    list[write + 1] = list[read + 1] as string;
    write += 2;
  }
  list.length = write;
}
