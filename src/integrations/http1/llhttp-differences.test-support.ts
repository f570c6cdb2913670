import type { Ending } from './parser-probe.test-support.js';
import { headOfSize } from './response-samples.test-support.js';

/*
 * Test support: every way our response parser knowingly reads a response differently from llhttp
 * (Node's HTTP client), and why. The differential test pins each example; the fuzz test excuses
 * a mutated response from the comparison only when one of these `covers` it. Not a test file
 * itself; only tests import it.
 */

export interface Difference {
  readonly name: string;
  /** Why we differ: the RFC or the design decision behind it. */
  readonly why: string;
  readonly method: 'GET' | 'HEAD';
  /** An example response, one latin1 character a byte. */
  readonly text: string;
  /** How each parser ends the example. */
  readonly ours: Ending;
  readonly llhttp: Ending;
  /**
   * For the fuzz test: the response is one of this kind. Needed only where both parsers accept
   * and still disagree; where one refuses, the fuzz test compares nothing.
   */
  readonly covers?: (text: string) => boolean;
}

const fields2001 = 'a:\r\n'.repeat(2_001);

/** Heads in a response, split off at their status lines (good enough for the fuzz test's mutants). */
const statusLines = (text: string): RegExpMatchArray[] => [...text.matchAll(/(?:^|\n)HTTP\/1\.[01] (\d\d\d)/g)];

export const LLHTTP_DIFFERENCES: readonly Difference[] = [
  {
    name: 'an HTTP/2.0 status line',
    why: 'RFC 9112 §2.3: this connection speaks HTTP/1.x; llhttp takes any digit.digit version in a response',
    method: 'GET',
    text: 'HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'an HTTP/0.9 status line',
    why: 'as for HTTP/2.0: a version other than 1.0 and 1.1 is a foreign or broken server',
    method: 'GET',
    text: 'HTTP/0.9 200 OK\r\nContent-Length: 2\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'status 000',
    why: 'RFC 9110 §15: status codes are 100–599 (we take 600–999 like llhttp); below 100 is no status, and read as interim it would leave us waiting for a final head',
    method: 'GET',
    text: 'HTTP/1.1 000 Zero\r\nContent-Length: 2\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'status 099',
    why: 'as for 000',
    method: 'GET',
    text: 'HTTP/1.1 099 Low\r\nContent-Length: 2\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'an empty line (or a lone CR or LF) before a status line',
    why: 'llhttp skips CR and LF before a message, also between an interim head and the next (RFC 9112 §2.2 allows an empty line to a server before a request-line); before a response they mean the previous one was mis-framed',
    method: 'GET',
    text: 'HTTP/1.1 100 Continue\r\n\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'CR CR ending the status line',
    why: 'RFC 9112 §2.2: a bare CR is invalid; llhttp takes the pair for a line end there',
    method: 'GET',
    text: 'HTTP/1.1 200 OK\r\rContent-Length: 2\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'NUL in the reason phrase',
    why: 'RFC 9112 §4: a reason phrase is HTAB, SP, VCHAR and obs-text; we refuse a NUL anywhere in a head (RFC 9110 §5.5 for fields), llhttp lets it through the reason phrase',
    method: 'GET',
    text: 'HTTP/1.1 200 O\0K\r\nContent-Length: 2\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: '101 Switching Protocols without Upgrade',
    why: 'RFC 9110 §15.2.2: 101 answers an Upgrade request, which we never send; the parser reports it as an interim head and UpstreamConnection refuses it as malformed (connection-pool.hostile.test.ts); Node takes it as a final response',
    method: 'GET',
    text: 'HTTP/1.1 101 Switching Protocols\r\n\r\n',
    ours: 'cut',
    llhttp: 'framed',
    covers: (text) => statusLines(text).some((line) => line[1] === '101'),
  },
  {
    name: '101 Switching Protocols with Upgrade',
    why: 'as without Upgrade; Node hands the socket to an "upgrade" listener, and without one drops it',
    method: 'GET',
    text: 'HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n',
    ours: 'cut',
    llhttp: 'refused',
  },
  {
    name: 'a 16,400-byte head',
    why: 'MAX_HEAD_BYTES counts every byte of the head (status line, names, colons, CRLFs); Node counts only the status, names and values against its 16 KiB',
    method: 'GET',
    text: headOfSize(16_400),
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: '2,001 fields',
    why: "Node's client keeps the first 2,000 fields (maxHeadersCount, not llhttp); we keep every field, bounded by MAX_HEAD_BYTES",
    method: 'GET',
    text: `HTTP/1.1 200 OK\r\n${fields2001}Content-Length: 2\r\n\r\nok`,
    ours: 'framed',
    llhttp: 'framed',
    covers: (text) => text.split('\r\n').length > 2_000,
  },
  {
    name: 'Transfer-Encoding: chunked followed by HTAB',
    why: 'RFC 9110 §5.5: whitespace (SP or HTAB) around a field value is not part of it, so the last coding is chunked; llhttp skips only SP there and reads to the close',
    method: 'GET',
    text: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n\r\n2\r\nok\r\n0\r\n\r\n',
    ours: 'framed',
    llhttp: 'at-close',
    covers: (text) => /\r\ntransfer-encoding:[^\r\n]*\t[\t ]*\r\n/i.test(text),
  },
  {
    name: 'a chunk size of more than 13 hex digits (here leading zeros)',
    why: 'the parser caps a chunk size at 13 hex digits (2^52, exact in a JS number), leading zeros included; llhttp takes up to 2^64',
    method: 'GET',
    text: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n00000000000002\r\nok\r\n0\r\n\r\n',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'a Content-Length of more than 15 digits (here leading zeros)',
    why: 'the parser caps Content-Length at 15 digits (exact in a JS number), leading zeros included; llhttp takes up to 2^64',
    method: 'GET',
    text: 'HTTP/1.1 200 OK\r\nContent-Length: 0000000000000002\r\n\r\nok',
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'a chunk extension over 4 KiB',
    why: 'the chunk-size line is buffered until its CRLF, so it is bounded (MAX_CHUNK_LINE); llhttp streams extensions without a limit',
    method: 'GET',
    text: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=${'e'.repeat(5_000)}\r\nok\r\n0\r\n\r\n`,
    ours: 'refused',
    llhttp: 'framed',
  },
  {
    name: 'a chunk extension that is not name[=value] (a control character, an empty name, a stray quote)',
    why: 'RFC 9112 §7.1.1: unrecognized extensions are ignored, and ours are not read at all (only bounded; CR and NUL are refused); llhttp checks their syntax',
    method: 'GET',
    text: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=\x01\r\nok\r\n0\r\n\r\n',
    ours: 'framed',
    llhttp: 'refused',
  },
  {
    name: 'a control character (not HTAB, CR, LF or NUL) in a field value',
    why: "RFC 9110 §5.5 obliges a recipient to reject CR, LF and NUL, which we do; the other invalid characters are checked once, where the data plane writes the head to the client (Node's writeHead refuses them, proxy-exchange answers malformed-response), not byte by byte in the parser",
    method: 'GET',
    text: 'HTTP/1.1 200 OK\r\nX-Ctl: a\x01b\x7f\r\nContent-Length: 2\r\n\r\nok',
    ours: 'framed',
    llhttp: 'refused',
  },
  {
    name: 'a field name that is not a token',
    why: "as for control characters: names are checked where they are written to the client (Node's writeHead); framing fields are matched by their exact names",
    method: 'GET',
    text: 'HTTP/1.1 200 OK\r\nX Y(z): v\r\nContent-Length: 2\r\n\r\nok',
    ours: 'framed',
    llhttp: 'refused',
  },
];
