import { STATUS_CODES } from 'node:http';
import { assertResponseField } from '../../data-plane/index.js';

/** What the response's head decided about the body that follows it and the connection after it. */
export interface ResponseHead {
  /** Status line, fields, `Date`, `Connection` and the framing field, ending with the empty line. */
  readonly text: string;
  /** False for HEAD, 1xx, 204 and 304: body bytes are not sent. */
  readonly hasBody: boolean;
  /** The body goes out in chunks (`Transfer-Encoding: chunked`, chosen here or given). */
  readonly chunked: boolean;
  /** The connection closes once this response is out. */
  readonly last: boolean;
}

/** What the head needs to know of the request it answers. */
export interface Answering {
  readonly method: string;
  /** llhttp's verdict on the request: HTTP/1.1 without `Connection: close`, or HTTP/1.0 with `keep-alive`. */
  readonly keepAlive: boolean;
  /** HTTP/1.1 or later: a body of unknown length can be chunked (an HTTP/1.0 client gets it close-delimited). */
  readonly chunkable: boolean;
}

const CLOSE = /(?:^|\W)close(?:$|\W)/i;
const CHUNKED = /(?:^|\W)chunked(?:$|\W)/i;

const statusLines = new Map<number, string>();

function statusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    line = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'unknown'}\r\n`;
    if (statusLines.size < 1_000) statusLines.set(status, line);
  }
  return line;
}

let dateSecond = -1;
let dateField = '';

/** `Date: …\r\n`, formatted once per second (as node:http does). */
function dateLine(): string {
  const second = Math.floor(Date.now() / 1_000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateField = `Date: ${new Date(second * 1_000).toUTCString()}\r\n`;
  }
  return dateField;
}

/**
 * The head of a response as node:http's ServerResponse would write it for `writeHead(status,
 * headers)`: the same checks (a status outside 100–999, a name that is not a token, a value with a
 * control character: thrown before anything is sent), the fields in the order given, then `Date`,
 * `Connection: keep-alive` or `close`, and, when no length was given, `Transfer-Encoding: chunked`
 * (HTTP/1.1) or a body delimited by the close (HTTP/1.0).
 */
export function responseHead(status: number, headers: readonly string[], request: Answering): ResponseHead {
  if (!Number.isInteger(status) || status < 100 || status > 999)
    throw Object.assign(new TypeError(`Invalid status code: ${status}`), { code: 'ERR_HTTP_INVALID_STATUS_CODE' });
  let text = statusLine(status);
  let hasLength = false;
  let chunked = false;
  let hasTransferEncoding = false;
  let hasDate = false;
  let connection: string | undefined;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] as string;
    const value = headers[i + 1] as string;
    assertResponseField(name, value);
    text += `${name}: ${value}\r\n`;
    switch (name.length) {
      case 4:
        if (name.toLowerCase() === 'date') hasDate = true;
        break;
      case 10:
        if (name.toLowerCase() === 'connection') connection = connection === undefined ? value : `${connection}, ${value}`;
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') hasLength = true;
        break;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') {
          hasTransferEncoding = true;
          if (CHUNKED.test(value)) chunked = true;
        }
        break;
    }
  }
  const hasBody = request.method !== 'HEAD' && status !== 204 && status !== 304 && (status < 100 || status > 199);
  let last = !request.keepAlive;
  if (!hasDate) text += dateLine();
  if (connection !== undefined) {
    if (CLOSE.test(connection)) last = true;
  } else if (!last && (hasLength || request.chunkable)) text += 'Connection: keep-alive\r\n';
  else {
    last = true;
    text += 'Connection: close\r\n';
  }
  if (!hasLength && !hasTransferEncoding && hasBody) {
    if (request.chunkable) {
      chunked = true;
      text += 'Transfer-Encoding: chunked\r\n';
    } else last = true;
  }
  return { text: `${text}\r\n`, hasBody, chunked: chunked && hasBody, last };
}
