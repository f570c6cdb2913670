import { MAX_HEAD_BYTES } from './response-parser.js';

/*
 * Test support: valid responses, as backends send them, for the response parser's differential
 * and fuzz tests (response-parser.*.test.ts). Not a test file itself; only tests import it.
 */

/** A valid response and how it is framed (RFC 9112 §6.3). */
export interface ResponseSample {
  readonly name: string;
  /** The request method it answers (only HEAD changes the framing). */
  readonly method: 'GET' | 'HEAD';
  /** The bytes on the wire, one latin1 character each. */
  readonly text: string;
  /** Where the message ends. */
  readonly ending: 'framed' | 'at-close';
  /** Bytes after the end that are not part of it (pipelined-looking, or a body where none may be). */
  readonly rest: number;
}

const CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n';

/** A head of exactly `size` bytes up to its last field's CRLF, then the empty line and `body` (Content-Length). */
export function headOfSize(size: number, body = 'ok'): string {
  const start = `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nX-Fill: `;
  return `${start}${'f'.repeat(size - start.length - 2)}\r\n\r\n${body}`;
}

const manyFields = Array.from({ length: 120 }, (_, i) => `X-Field-${i}: value ${i}\r\n`).join('');
const bigBody = Array.from({ length: 600 }, (_, i) => `line ${i}\n`).join('');

function sample(name: string, text: string, options: Partial<Pick<ResponseSample, 'method' | 'ending' | 'rest'>> = {}): ResponseSample {
  return { name, text, method: options.method ?? 'GET', ending: options.ending ?? 'framed', rest: options.rest ?? 0 };
}

export const RESPONSE_SAMPLES: readonly ResponseSample[] = [
  sample('keep-alive, Content-Length', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nDate: x\r\n\r\nhello'),
  sample('Content-Length: 0', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
  sample('Content-Length with leading zeros and surrounding whitespace', 'HTTP/1.1 200 OK\r\nContent-Length: \t007 \r\n\r\nsixteen'),
  sample('field names in any case', 'HTTP/1.1 200 OK\r\ncontent-LENGTH: 2\r\nx-lower: a\r\nX-UPPER: B\r\n\r\nhi'),
  sample('no reason phrase', 'HTTP/1.1 404\r\nContent-Length: 1\r\n\r\nx'),
  sample('empty reason phrase', 'HTTP/1.1 500 \r\nContent-Length: 1\r\n\r\nx'),
  sample('long reason phrase with obs-text', 'HTTP/1.1 599 Some \xe9tat \xff here\r\nContent-Length: 1\r\n\r\nx'),
  sample(
    'values with tabs, inner spaces, obs-text, empty',
    'HTTP/1.1 200 OK\r\nX-A:\tone  two\t\r\nX-B:\r\nX-C: caf\xe9\r\nContent-Length: 0\r\n\r\n',
  ),
  sample('every token character in a name', "HTTP/1.1 200 OK\r\nX!#$%&'*+-.^_`|~09az: v\r\nContent-Length: 0\r\n\r\n"),
  sample('repeated fields (Set-Cookie)', 'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2; Path=/\r\nContent-Length: 0\r\n\r\n'),
  sample('Keep-Alive hint', 'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=100\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok'),
  sample('Connection: close with Content-Length', 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbye'),
  sample('HTTP/1.0 with Content-Length', 'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nold'),
  sample('HTTP/1.0 keep-alive', 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nold'),
  sample('HTTP/1.0 until the close', 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end', { ending: 'at-close' }),
  sample('HTTP/1.1 until the close', 'HTTP/1.1 200 OK\r\n\r\nno length, no chunks', { ending: 'at-close' }),
  sample('chunked', `${CHUNKED}\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n`),
  sample('chunked, sizes in both cases with leading zeros', `${CHUNKED}\r\n00a\r\n0123456789\r\nA\r\nabcdefghij\r\n000\r\n\r\n`),
  sample('chunked with extensions', `${CHUNKED}\r\n3;name=value;flag\r\nabc\r\n2;q="quoted \\" string"\r\nde\r\n0;last\r\n\r\n`),
  sample('chunked with trailers', `${CHUNKED}Trailer: X-Sum\r\n\r\n4\r\nbody\r\n0\r\nX-Sum: 42\r\nX-Other:\tv\r\n\r\n`),
  sample('chunked, many one-byte chunks', `${CHUNKED}\r\n${'1\r\nz\r\n'.repeat(40)}0\r\n\r\n`),
  sample('chunked body holding CRLFs and a fake last chunk', `${CHUNKED}\r\nb\r\n\r\n0\r\n\r\nabcd\r\n0\r\n\r\n`),
  sample('chunked on HTTP/1.0', 'HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n'),
  sample('chunked after other codings', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\n\x1f\x8b\x08\r\n0\r\n\r\n'),
  sample(
    'chunked in the second Transfer-Encoding line',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n',
  ),
  sample(
    'Transfer-Encoding not ending in chunked: until the close',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n1\r\nz\r\n',
    {
      ending: 'at-close',
    },
  ),
  sample('100 Continue before the final response', `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok`),
  sample(
    'several 1xx (100, 102, 103 with fields) before the final response',
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\nLink: </b.js>\r\n\r\n' +
      `${CHUNKED}\r\n2\r\nok\r\n0\r\n\r\n`,
  ),
  sample('103 before a 304', 'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 304 Not Modified\r\nETag: "e"\r\n\r\n'),
  sample('HEAD: Content-Length, no body', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', { method: 'HEAD' }),
  sample('HEAD: chunked, no body', `${CHUNKED}\r\n`, { method: 'HEAD' }),
  sample('HEAD: no framing at all, no body', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n', { method: 'HEAD' }),
  sample('204', 'HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n'),
  sample('204 with Content-Length', 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n'),
  sample('304 with Content-Length and ETag', 'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: "x"\r\n\r\n'),
  sample('304 with Transfer-Encoding', 'HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n'),
  sample('status 600-999 (llhttp and Node take them too)', 'HTTP/1.1 999 Custom\r\nContent-Length: 1\r\n\r\n9'),
  sample(
    'pipelined-looking bytes after a Content-Length body',
    'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
    {
      rest: 38,
    },
  ),
  sample('bytes after the last chunk', `${CHUNKED}\r\n2\r\nok\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n`, { rest: 19 }),
  sample('body bytes after a 204', 'HTTP/1.1 204 No Content\r\n\r\nnot a body', { rest: 10 }),
  sample('body bytes after a 304', 'HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\nabc', { rest: 3 }),
  sample('body bytes after a HEAD response', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc', { method: 'HEAD', rest: 3 }),
  sample('120 fields', `HTTP/1.1 200 OK\r\n${manyFields}Content-Length: 2\r\n\r\nok`),
  sample('a 6 KiB body', `HTTP/1.1 200 OK\r\nContent-Length: ${bigBody.length}\r\n\r\n${bigBody}`),
  sample('a head just under both limits (16,300 bytes)', headOfSize(16_300)),
  sample(`a head of exactly MAX_HEAD_BYTES (${MAX_HEAD_BYTES}) bytes`, headOfSize(MAX_HEAD_BYTES)),
];
