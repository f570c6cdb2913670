import { REQUEST_HEAD_LIMIT_BYTES, requestHeadSize, type ConnectionErrorKind } from '../../data-plane/index.js';

/**
 * What every request head must pass before any API sees it: HTTP/1.x (llhttp takes `HTTP/2.0` on a
 * request line: 505), one `Host` field (two are ambiguous, RFC 9112 §3.2: 400), the 10,240-byte
 * quota on the request line and header values (docs/reference/dataplane.md §13: 431).
 */
export function refusal(versionMajor: number, method: string, url: string, raw: readonly string[]): ConnectionErrorKind | undefined {
  if (versionMajor !== 1) return 'HttpVersionNotSupported';
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === 'host' && ++hosts > 1) return 'BadRequest';
  }
  if (requestHeadSize(method, url, raw) > REQUEST_HEAD_LIMIT_BYTES) return 'RequestHeaderFieldsTooLarge';
  return undefined;
}

/**
 * What llhttp (in node:http or here) refuses, answered as a gateway error (JSON body,
 * `apigw-requestid`): slow clients 408, heads over the parser's limit 431, a version other than
 * HTTP/1.x (`HTTP/3.1`, the HTTP/2 preface `PRI * HTTP/2.0`) 505, any other framing error (bare LF,
 * obs-fold, conflicting lengths, bad chunk sizes…) 400. Undefined: nothing to answer (the client is gone).
 */
export function clientErrorKind(error: Error & { code?: string; rawPacket?: unknown }): ConnectionErrorKind | undefined {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'RequestTimeout';
    case 'ECONNRESET':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return 'RequestHeaderFieldsTooLarge';
    case 'HPE_PAUSED_H2_UPGRADE':
      return 'HttpVersionNotSupported';
    case 'HPE_INVALID_VERSION':
      return otherVersion(error.rawPacket) ? 'HttpVersionNotSupported' : 'BadRequest';
    default:
      return 'BadRequest';
  }
}

/** llhttp names a bare LF after `HTTP/1.1` an invalid version too: 505 only for a well-formed line with another version. */
function otherVersion(packet: unknown): boolean {
  if (!Buffer.isBuffer(packet)) return false;
  const line = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP\/(\d)\.\d\r\n/.exec(packet.toString('latin1', 0, Math.min(packet.length, 8192)));
  return line !== null && line[1] !== '1';
}
