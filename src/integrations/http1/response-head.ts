import { UpstreamError } from './upstream-error.js';

/** What a response head says about the message and the connection (RFC 9112 §4–6). */
export interface ResponseHead {
  readonly status: number;
  /** Flat [name, value…] list as received: names in their case, values without surrounding whitespace. */
  readonly headers: string[];
  /** HTTP/1.1 without `Connection: close`, or HTTP/1.0 with `Connection: keep-alive`. */
  readonly keepAlive: boolean;
  /** -1 when absent. */
  readonly contentLength: number;
  /** The Transfer-Encoding field values joined, or undefined. */
  readonly transferEncoding: string | undefined;
  /** `Keep-Alive: timeout=N` in ms, or -1. */
  readonly keepAliveHintMs: number;
}

interface Latin1Slicing {
  latin1Slice(start: number, end: number): string;
}
/**
 * Bytes as a latin1 string (a header byte is a character, byte for byte). Buffer's `latin1Slice`
 * skips `toString`'s argument handling, which shows in profiles when called per read.
 */
export const latin1: (buffer: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Partial<Latin1Slicing>).latin1Slice === 'function'
    ? (buffer, start, end) => (buffer as unknown as Latin1Slicing).latin1Slice(start, end)
    : (buffer, start, end) => buffer.toString('latin1', start, end);

export function malformed(why: string): UpstreamError {
  return new UpstreamError('malformed', `bad response: ${why}`);
}

/** Header names are tokens: OR 0x20 folds A–Z onto a–z and leaves "-" and digits alone. */
function isName(head: string, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if ((head.charCodeAt(at + i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

export function isDigits(value: string): boolean {
  if (value.length === 0 || value.length > 15) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

/** A trailer line: a name before the colon, no whitespace before the name (obs-fold, RFC 9112 §5.2) or the colon (§5.1). */
export function isFieldLine(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && !isBlank(line.charCodeAt(0)) && !isBlank(line.charCodeAt(colon - 1));
}

/** Byte `at` of a status line, up to the end of its status code and one more (RFC 9112 §4). */
function isStatusLineByte(at: number, c: number): boolean {
  if (at < 7) return c === 'HTTP/1.'.charCodeAt(at);
  switch (at) {
    case 7:
      return c === 48 || c === 49; // HTTP/1.0 or HTTP/1.1
    case 8:
      return c === 32;
    case 9:
      return c >= 49 && c <= 57; // no status below 100 (RFC 9110 §15)
    case 10:
    case 11:
      return c >= 48 && c <= 57;
    default:
      return c === 32 || c === 13; // a reason phrase, or none
  }
}

/**
 * Refuse a head that has not ended yet (no CRLF CRLF so far) as soon as its first bytes cannot
 * begin a valid one, rather than when it ends, which a bare-LF head never does: the status line as
 * far as it has arrived, a LF without a CR before it or a CR without a LF after it (RFC 9112 §2.2),
 * a NUL (RFC 9110 §5.5). `buffer[from…]` is the head so far; bytes from `scanFrom` were not checked
 * before. Runs only for heads split across reads, never on the one-read path.
 */
export function refuseBadHeadStart(buffer: Buffer, from: number, scanFrom: number): void {
  const end = buffer.length;
  for (let i = scanFrom; i < end && i < from + 13; i++)
    if (!isStatusLineByte(i - from, buffer[i] as number)) throw malformed('not an HTTP/1.x status line');
  for (let lf = buffer.indexOf(10, scanFrom); lf >= 0; lf = buffer.indexOf(10, lf + 1))
    if (lf === from || buffer[lf - 1] !== 13) throw malformed('bare LF in the head');
  for (let cr = buffer.indexOf(13, Math.max(from, scanFrom - 1)); cr >= 0 && cr + 1 < end; cr = buffer.indexOf(13, cr + 1))
    if (buffer[cr + 1] !== 10) throw malformed('bare CR in the head');
  if (buffer.indexOf(0, scanFrom) >= 0) throw malformed('NUL in the head');
}

/**
 * Parse a response head: `head` is the status line and the header lines, each ending in CRLF (the
 * empty line excluded). Read strictly (RFC 9112 §2.2, §5): CRLF line ends only (no bare CR or LF,
 * no NUL, RFC 9110 §5.5), no folded lines, no whitespace between a field name and its colon, one
 * Content-Length, not both Content-Length and Transfer-Encoding. Field names keep their case;
 * values lose their surrounding SP/HTAB only. Other characters are left to whoever writes the
 * fields on (Node's writeHead checks them once, for the fields the data plane forwards).
 */
export function parseResponseHead(head: string): ResponseHead {
  // Status line: HTTP/1.x SP 3DIGIT [SP reason] CRLF (RFC 9112 §4), with no CR or LF inside.
  const lineEnd = head.indexOf('\n') - 1;
  if (lineEnd < 12 || !head.startsWith('HTTP/1.') || head.charCodeAt(8) !== 32 || (lineEnd > 12 && head.charCodeAt(12) !== 32))
    throw malformed('not an HTTP/1.x status line');
  if (head.indexOf('\r') !== lineEnd) throw malformed('bare CR or LF in the status line');
  if (head.indexOf('\0') >= 0) throw malformed('NUL in the head');
  const minor = head.charCodeAt(7);
  if (minor !== 48 && minor !== 49) throw malformed('unsupported HTTP version');
  const d0 = head.charCodeAt(9) - 48;
  const d1 = head.charCodeAt(10) - 48;
  const d2 = head.charCodeAt(11) - 48;
  // No status below 100 (RFC 9110 §15): 000–099 would otherwise pass for interim heads.
  if (d0 < 1 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) throw malformed('invalid status code');
  let keepAlive = minor === 49;
  let contentLength = -1;
  let transferEncoding: string | undefined;
  let keepAliveHintMs = -1;
  const headers: string[] = [];
  let at = lineEnd + 2;
  while (at < head.length) {
    // The head ends with CRLF: every line has its LF, and it must follow a CR.
    const lf = head.indexOf('\n', at);
    const end = lf - 1;
    if (head.charCodeAt(end) !== 13 || lf < 0) throw malformed('bare LF in the head');
    if (head.indexOf('\r', at) !== end) throw malformed('bare CR in the head');
    const colon = head.indexOf(':', at);
    if (colon <= at || colon > end || isBlank(head.charCodeAt(at))) throw malformed('invalid header line');
    if (isBlank(head.charCodeAt(colon - 1))) throw malformed('whitespace before a header colon');
    let from = colon + 1;
    let to = end;
    while (from < to && isBlank(head.charCodeAt(from))) from++;
    while (to > from && isBlank(head.charCodeAt(to - 1))) to--;
    const name = head.slice(at, colon);
    const value = head.slice(from, to);
    headers.push(name, value);
    switch (colon - at) {
      case 10:
        if (isName(head, at, 'connection')) {
          const lower = value.toLowerCase();
          // Anything like close closes; keep-alive must be the very option (OWS is SP or HTAB, RFC 9110 §5.6.1).
          if (/(^|[\s,])close($|[\s,])/.test(lower)) keepAlive = false;
          else if (minor === 48 && /(^|[ \t,])keep-alive($|[ \t,])/.test(lower)) keepAlive = true;
        } else if (isName(head, at, 'keep-alive')) {
          const hint = /(?:^|[\s,;])timeout\s*=\s*(\d+)/i.exec(value);
          if (hint !== null) keepAliveHintMs = Number(hint[1]) * 1000;
        }
        break;
      case 14:
        if (isName(head, at, 'content-length')) {
          if (contentLength >= 0 || !isDigits(value)) throw malformed('invalid or duplicate Content-Length');
          contentLength = Number(value);
        }
        break;
      case 17:
        if (isName(head, at, 'transfer-encoding'))
          transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
        break;
    }
    at = lf + 1;
  }
  if (transferEncoding !== undefined && contentLength >= 0) throw malformed('both Transfer-Encoding and Content-Length');
  return { status: d0 * 100 + d1 * 10 + d2, headers, keepAlive, contentLength, transferEncoding, keepAliveHintMs };
}
