import { MAX_HEAD_BYTES } from './response-parser.js';
import { headOfSize } from './response-samples.test-support.js';

/*
 * Test support: responses a broken or hostile backend may send, each with what our parser must
 * make of it (response-parser.hostile.test.ts), and for some what an exchange through a
 * ConnectionPool must end with (connection-pool.hostile.test.ts). Not a test file itself; only
 * tests import it.
 */

/** What the parser must report; fields left out are not checked. */
export interface Expected {
  readonly ending: 'framed' | 'at-close' | 'cut' | 'refused';
  readonly interim?: number[];
  readonly status?: number;
  readonly body?: string;
  readonly rest?: number;
}

/** What the exchange handler must hear through a ConnectionPool, and whether the connection serves the next request. */
export type PoolExpectation =
  { readonly error: 'malformed' | 'closed' } | { readonly status: number; readonly body: string; readonly reused: boolean };

export interface HostileResponse {
  readonly name: string;
  readonly method: 'GET' | 'HEAD';
  readonly text: string;
  readonly expect: Expected;
  /** Refused once this many bytes have arrived, without waiting for the rest or the close. */
  readonly refusedBy?: number;
  /** Also sent end to end through a ConnectionPool (a representative subset). */
  readonly pool?: PoolExpectation;
}

const OK = 'HTTP/1.1 200 OK\r\n';
const CHUNKED = `${OK}Transfer-Encoding: chunked\r\n\r\n`;
const MALFORMED: PoolExpectation = { error: 'malformed' };

function refused(name: string, text: string, refusedBy?: number, pool?: PoolExpectation): HostileResponse {
  return {
    name,
    method: 'GET',
    text,
    expect: { ending: 'refused' },
    ...(refusedBy === undefined ? {} : { refusedBy }),
    ...(pool && { pool }),
  };
}
function outcome(name: string, text: string, expect: Expected, pool?: PoolExpectation, method: 'GET' | 'HEAD' = 'GET'): HostileResponse {
  return { name, method, text, expect, ...(pool && { pool }) };
}

const endlessHead = `${OK}${'X-Endless: yes\r\n'.repeat(1_100)}`;
const earlyHints = 'HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n';

export const HOSTILE_RESPONSES: readonly HostileResponse[] = [
  // Framing that could be read two ways (RFC 9112 §6.1, §6.3, §11.2).
  refused(
    'Transfer-Encoding with Content-Length',
    `${OK}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    undefined,
    MALFORMED,
  ),
  refused('Content-Length, then Transfer-Encoding: identity', `${OK}Content-Length: 3\r\nTransfer-Encoding: identity\r\n\r\nabc`),
  refused('duplicate Content-Length, differing', `${OK}Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde`, undefined, MALFORMED),
  refused('duplicate Content-Length, equal', `${OK}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc`),
  refused('Content-Length with a plus sign', `${OK}Content-Length: +3\r\n\r\nabc`, undefined, MALFORMED),
  refused('Content-Length with a minus sign', `${OK}Content-Length: -1\r\n\r\nabc`),
  refused('Content-Length with a space inside', `${OK}Content-Length: 1 2\r\n\r\nabc`),
  refused('Content-Length as a list', `${OK}Content-Length: 3,3\r\n\r\nabc`),
  refused('Content-Length as a list with a space', `${OK}Content-Length: 3, 4\r\n\r\nabc`),
  refused('empty Content-Length', `${OK}Content-Length: \r\n\r\nabc`),
  refused('Content-Length in hex', `${OK}Content-Length: 0x3\r\n\r\nabc`),
  refused('Content-Length of 20 digits', `${OK}Content-Length: 99999999999999999999\r\n\r\nabc`),
  outcome(
    'Content-Length longer than the body, then the close',
    `${OK}Content-Length: 10\r\n\r\nabc`,
    { ending: 'cut', status: 200, body: 'abc' },
    {
      error: 'closed',
    },
  ),
  outcome('Content-Length shorter than what follows', `${OK}Content-Length: 2\r\n\r\nabcdef`, { ending: 'framed', body: 'ab', rest: 4 }),
  // Line syntax (RFC 9112 §2.2, §5.1, §5.2; RFC 9110 §5.5).
  refused('obs-fold with SP', `${OK}X-A: 1\r\n  continued\r\nContent-Length: 0\r\n\r\n`, undefined, MALFORMED),
  refused('obs-fold with HTAB', `${OK}X-A: 1\r\n\tcontinued\r\nContent-Length: 0\r\n\r\n`),
  refused('whitespace before the first field line', `${OK} X-A: 1\r\nContent-Length: 0\r\n\r\n`),
  refused('bare LF line ends throughout', 'HTTP/1.1 200 OK\nContent-Length: 2\n\nok', 16, MALFORMED),
  refused('bare LF after one field', `${OK}X-A: 1\nContent-Length: 2\r\n\r\nok`, 24),
  refused('bare LF inside the reason phrase', 'HTTP/1.1 200 O\nK\r\nContent-Length: 0\r\n\r\n', 15),
  refused('bare CR inside a field value', `${OK}X-A: a\rb\r\nContent-Length: 0\r\n\r\n`, 25, MALFORMED),
  refused('bare CR ending a field line', `${OK}X-A: a\r\r\nContent-Length: 0\r\n\r\n`, 25),
  refused('bare CR inside the reason phrase', 'HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n', 16),
  refused('CR CR LF for the empty line', `${OK}\r\r\nok`, 19),
  refused('NUL in a field value', `${OK}X-A: a\0b\r\nContent-Length: 0\r\n\r\n`, 24, MALFORMED),
  refused('NUL in a field name', `${OK}X\0A: b\r\nContent-Length: 0\r\n\r\n`, 19),
  refused('NUL in the reason phrase', 'HTTP/1.1 200 O\0K\r\nContent-Length: 0\r\n\r\n', 15),
  refused('a field line without a colon', `${OK}X-A 1\r\nContent-Length: 0\r\n\r\n`, undefined, MALFORMED),
  refused('an empty field name', `${OK}: v\r\nContent-Length: 0\r\n\r\n`),
  refused('a space before the colon', `${OK}Content-Length : 0\r\n\r\n`, undefined, MALFORMED),
  refused('a HTAB before the colon', `${OK}Content-Length\t: 0\r\n\r\n`),
  // The status line (RFC 9112 §4, RFC 9110 §15): refused as soon as its bytes are wrong.
  refused('status 000', 'HTTP/1.1 000 Zero\r\nContent-Length: 0\r\n\r\n', 10, MALFORMED),
  refused('status 099', 'HTTP/1.1 099 Low\r\nContent-Length: 0\r\n\r\n', 10, MALFORMED),
  refused('status 1000', 'HTTP/1.1 1000 Big\r\nContent-Length: 0\r\n\r\n', 13, MALFORMED),
  refused('status 2x0', 'HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n', 11),
  refused('status of letters', 'HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n', 10),
  refused('status of two digits', 'HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n', 12),
  refused('two spaces before the status', 'HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n', 10),
  refused('HTTP/2.0 status line', 'HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n', 6, MALFORMED),
  refused('HTTP/0.9 status line', 'HTTP/0.9 200 OK\r\nContent-Length: 0\r\n\r\n', 6),
  refused('HTTP/1.2 status line', 'HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n', 8),
  refused('lower-case http/1.1', 'http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', 1),
  refused('an empty line before the status line', `\r\n${OK}Content-Length: 0\r\n\r\n`, 1),
  refused('an SSH banner', 'SSH-2.0-OpenSSH_9.6\r\n', 1, MALFORMED),
  refused('an HTTP/2 SETTINGS frame', '\x00\x00\x12\x04\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x64', 1),
  refused('a TLS alert', '\x15\x03\x03\x00\x02\x02\x46', 1),
  // Sizes.
  outcome(`a head of MAX_HEAD_BYTES`, headOfSize(MAX_HEAD_BYTES), { ending: 'framed', status: 200, body: 'ok' }),
  refused(`a head of MAX_HEAD_BYTES + 1`, headOfSize(MAX_HEAD_BYTES + 1), undefined, MALFORMED),
  refused('a head that never ends', endlessHead, MAX_HEAD_BYTES + 2, MALFORMED),
  // Chunked framing (RFC 9112 §7.1).
  refused('chunk size overflow (17 hex digits)', `${CHUNKED}fffffffffffffffff\r\nabc\r\n0\r\n\r\n`, undefined, MALFORMED),
  refused('chunk size of 14 hex digits', `${CHUNKED}10000000000000\r\nabc\r\n0\r\n\r\n`),
  refused('negative chunk size', `${CHUNKED}-3\r\nabc\r\n0\r\n\r\n`),
  refused('empty chunk size', `${CHUNKED}\r\nabc\r\n0\r\n\r\n`),
  refused('chunk size with 0x', `${CHUNKED}0x3\r\nabc\r\n0\r\n\r\n`),
  refused('a space after the chunk size', `${CHUNKED}3 \r\nabc\r\n0\r\n\r\n`),
  refused('a chunk-size line over 4 KiB', `${CHUNKED}3;${'e'.repeat(4_200)}\r\nabc\r\n0\r\n\r\n`, undefined, MALFORMED),
  refused('chunk data longer than its size', `${CHUNKED}3\r\nabcd\r\n0\r\n\r\n`),
  refused('LF alone after chunk data', `${CHUNKED}3\r\nabc\n0\r\n\r\n`),
  refused('bare LF ending the chunk-size line', `${CHUNKED}3\nabc\r\n0\r\n\r\n`),
  refused('bare CR in a chunk extension', `${CHUNKED}3;a\rb\r\nabc\r\n0\r\n\r\n`),
  refused('NUL in a chunk extension', `${CHUNKED}3;a\0\r\nabc\r\n0\r\n\r\n`),
  outcome(
    'no CRLF after the last chunk, then the close',
    `${CHUNKED}3\r\nabc\r\n0\r\n`,
    { ending: 'cut', status: 200, body: 'abc' },
    {
      error: 'closed',
    },
  ),
  outcome('no last chunk, then the close', `${CHUNKED}3\r\nabc\r\n`, { ending: 'cut', status: 200, body: 'abc' }),
  refused('a trailer with obs-fold', `${CHUNKED}3\r\nabc\r\n0\r\nX-T: 1\r\n 2\r\n\r\n`),
  refused('a trailer without a colon', `${CHUNKED}3\r\nabc\r\n0\r\nX-T 1\r\n\r\n`),
  refused('NUL in a trailer', `${CHUNKED}3\r\nabc\r\n0\r\nX-T: \0\r\n\r\n`),
  refused('a trailer section over MAX_HEAD_BYTES', `${CHUNKED}3\r\nabc\r\n0\r\n${'X-T: 0123456789\r\n'.repeat(1_000)}\r\n`),
  // Interim responses, and bodies where none may be (RFC 9112 §6.3, RFC 9110 §15.2).
  outcome(
    'a 1xx flood: 300 103s, then the final response',
    `${earlyHints.repeat(300)}${OK}Content-Length: 2\r\n\r\nok`,
    { ending: 'framed', interim: Array<number>(300).fill(103), status: 200, body: 'ok' },
    { status: 200, body: 'ok', reused: true },
  ),
  outcome('a 1xx flood, then the close', earlyHints.repeat(300), { ending: 'cut', status: 0 }, { error: 'closed' }),
  outcome(
    '101 Switching Protocols nobody asked for',
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n',
    { ending: 'cut', interim: [101] },
    MALFORMED,
  ),
  refused('a 1xx with a body: the body is taken for the next head', `HTTP/1.1 103 Early\r\nContent-Length: 3\r\n\r\nabc${OK}\r\n`, 42),
  outcome(
    'a body after 204',
    'HTTP/1.1 204 No Content\r\n\r\nsmuggled',
    { ending: 'framed', status: 204, body: '', rest: 8 },
    {
      status: 204,
      body: '',
      reused: false,
    },
  ),
  outcome(
    'a body after 304',
    'HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\nabc',
    { ending: 'framed', status: 304, body: '', rest: 3 },
    {
      status: 304,
      body: '',
      reused: false,
    },
  ),
  outcome('a chunked body after 204', 'HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n', {
    ending: 'framed',
    body: '',
    rest: 13,
  }),
  outcome(
    'a body after HEAD',
    `${OK}Content-Length: 3\r\n\r\nabc`,
    { ending: 'framed', status: 200, body: '', rest: 3 },
    { status: 200, body: '', reused: false },
    'HEAD',
  ),
];
