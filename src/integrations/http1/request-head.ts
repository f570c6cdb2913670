import { UpstreamError } from './upstream-error.js';

/** RFC 9110 §5.1 token, for method and field names. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A request target in origin form: a "/" then visible characters, no whitespace (RFC 9112 §3.2.1). */
const INVALID_TARGET = /[^\x21-\xff]/;

/**
 * Methods whose requests carry a body by definition: with none, `content-length: 0` is sent
 * (RFC 9110 §8.6: a user agent SHOULD send it when the method defines a meaning for content).
 */
export function expectsPayload(method: string): boolean {
  switch (method) {
    case 'POST':
    case 'PUT':
    case 'PATCH':
    case 'QUERY':
    case 'PROPFIND':
    case 'PROPPATCH':
      return true;
    default:
      return false;
  }
}

/** A request ready for the wire: everything but its framing field and the empty line. */
export interface RequestHead {
  readonly method: string;
  readonly text: string;
  /** The Content-Length the caller declared, -1 for none. */
  readonly contentLength: number;
}

function invalid(message: string): UpstreamError {
  return new UpstreamError('invalid-request', message);
}

function sameName(name: string, lower: string): boolean {
  if (name.length !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) if ((name.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** Lines in `text`, each ending in CRLF; -1 when a CR or LF stands alone. */
function crlfLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (text.charCodeAt(at - 1) !== 13) return -1;
    count++;
  }
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) return -1;
  return count;
}

/**
 * The request line and header section for an upstream request: `host` first (the list's, else the
 * origin's), `connection: keep-alive`, then the other fields in list order. Content-Length is taken
 * out (the connection writes the framing that matches the body it sends). Fields this client owns
 * (Transfer-Encoding, Connection and its options, Upgrade, Expect) cannot be set by callers.
 *
 * Header names and values are the caller's to get right: the data plane forwards fields Node's parser
 * accepted, values it formats itself, and mapped values parameter mapping checked (mapping/
 * request-mapping.ts). What is checked here, once for the whole head, is what would make it two
 * requests (RFC 9112 §11.2, request smuggling): a CR or LF inside a name or value, which would add a
 * line. Such a head throws `invalid-request`, as does a method that is not a token or a target that
 * is not in origin form.
 */
export function buildRequestHead(method: string, path: string, headers: readonly string[], originHost: string): RequestHead {
  if (!TOKEN.test(method)) throw invalid('invalid request method');
  if (path.charCodeAt(0) !== 47 || INVALID_TARGET.test(path)) throw invalid('invalid request path');
  let host = originHost;
  let fields = '';
  let lines = 3;
  let contentLength = -1;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] as string;
    const value = headers[i + 1] as string;
    switch (name.length) {
      case 0:
        throw invalid('empty header name');
      case 4:
        if (sameName(name, 'host')) {
          host = value;
          continue;
        }
        break;
      case 6:
        if (sameName(name, 'expect')) throw invalid('expect header not supported');
        break;
      case 7:
        if (sameName(name, 'upgrade')) throw invalid('invalid upgrade header');
        break;
      case 10:
        if (sameName(name, 'connection') || sameName(name, 'keep-alive')) throw invalid(`invalid ${name} header`);
        break;
      case 14:
        if (sameName(name, 'content-length')) {
          if (contentLength >= 0 || !/^\d{1,15}$/.test(value)) throw invalid('invalid content-length header');
          contentLength = Number(value);
          continue;
        }
        break;
      case 17:
        if (sameName(name, 'transfer-encoding')) throw invalid('invalid transfer-encoding header');
        break;
    }
    fields += `${name}: ${value}\r\n`;
    lines++;
  }
  const text = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n${fields}`;
  if (crlfLines(text) !== lines) throw invalid('a header name or value holds CR or LF');
  return { method, text, contentLength };
}
