import { UpstreamError } from './upstream-error.js';

/** What the parser reports, in order: heads (1xx interim ones too), body pieces, the end. */
export interface ResponseSink {
  onResponseHead(status: number, headers: string[]): void;
  onResponseData(chunk: Buffer): void;
  /** The message is complete; `last` is its final body piece when it arrived with the end (then no onResponseData for it). */
  onResponseEnd(last: Buffer | undefined): void;
}

/**
 * Node's default for its own HTTP parser (`--max-http-header-size`), which undici used too: a
 * bigger head is not a response this gateway forwards.
 */
export const MAX_HEAD_BYTES = 16_384;
/** A chunk-size line with extensions longer than this is an attack, not a response. */
const MAX_CHUNK_LINE = 4_096;

const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const CHUNK_DATA_END = 4;
const TRAILERS = 5;
const UNTIL_CLOSE = 6;
const DONE = 7;

function malformed(why: string): UpstreamError {
  return new UpstreamError('malformed', `bad response: ${why}`);
}

interface Latin1Slicing {
  latin1Slice(start: number, end: number): string;
}
/**
 * Bytes as a latin1 string (a header byte is a character, byte for byte). Buffer's `latin1Slice`
 * skips `toString`'s argument handling, which shows in profiles when called per read.
 */
const latin1: (buffer: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Partial<Latin1Slicing>).latin1Slice === 'function'
    ? (buffer, start, end) => (buffer as unknown as Latin1Slicing).latin1Slice(start, end)
    : (buffer, start, end) => buffer.toString('latin1', start, end);

/** Header names are tokens: OR 0x20 folds A–Z onto a–z and leaves "-" and digits alone. */
function isName(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if ((name.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** Field value without the optional whitespace (SP / HTAB) around it (RFC 9112 §5.1); obs-text stays. */
function fieldValue(line: string, from: number): string {
  let start = from;
  let end = line.length;
  while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  while (end > start && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return line.slice(start, end);
}

function isDigits(value: string): boolean {
  if (value.length === 0 || value.length > 15) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * An HTTP/1.x response parser (RFC 9112), fed the bytes of one connection. Message framing follows
 * §6.3: no body after HEAD, 1xx, 204 and 304; Transfer-Encoding ending in chunked; else
 * Content-Length; else the body runs to the end of the connection. Whatever could be read two
 * ways — both Transfer-Encoding and Content-Length, duplicate Content-Lengths, folded lines,
 * whitespace before a colon, bare LF line ends — is refused as malformed, as llhttp refuses it.
 */
export class ResponseParser {
  #state = DONE;
  #noBody = false;
  #pending: Buffer | null = null;
  #remaining = 0;
  #line = '';
  #trailerBytes = 0;
  /** After the final head: the connection may carry another exchange (no close, not close-delimited). */
  keepAlive = false;
  /** `Keep-Alive: timeout=N` of the last head, in ms; -1 without one. */
  keepAliveHintMs = -1;
  /** At least one byte of a response has arrived since `expect`. */
  started = false;

  constructor(private readonly sink: ResponseSink) {}

  /** Get ready for the response to a request with this method. */
  expect(method: string): void {
    this.#state = HEAD;
    this.#noBody = method === 'HEAD';
    this.#pending = null;
    this.started = false;
    this.keepAlive = false;
    this.keepAliveHintMs = -1;
  }

  get complete(): boolean {
    return this.#state === DONE;
  }

  /** The final head was read and its body is being read. */
  get headDone(): boolean {
    return this.#state !== HEAD && this.#state !== DONE;
  }

  /** Feed bytes; returns how many belong to the response (fewer when bytes follow its end). Throws UpstreamError. */
  execute(data: Buffer): number {
    this.started = true;
    let at = 0;
    while (at < data.length) {
      switch (this.#state) {
        case HEAD:
          at = this.#head(data, at);
          break;
        case LENGTH: {
          const available = data.length - at;
          if (available < this.#remaining) {
            this.#remaining -= available;
            this.sink.onResponseData(at === 0 ? data : data.subarray(at));
            return data.length;
          }
          const end = at + this.#remaining;
          this.#remaining = 0;
          this.#state = DONE;
          this.sink.onResponseEnd(data.subarray(at, end));
          return end;
        }
        case CHUNK_SIZE:
          at = this.#chunkSize(data, at);
          break;
        case CHUNK_DATA: {
          const end = Math.min(data.length, at + this.#remaining);
          this.#remaining -= end - at;
          if (this.#remaining === 0) this.#state = CHUNK_DATA_END;
          this.sink.onResponseData(data.subarray(at, end));
          at = end;
          break;
        }
        case CHUNK_DATA_END:
          // The CRLF after a chunk's data, possibly split across reads (#remaining counts its bytes seen).
          if (data[at] !== (this.#remaining === 0 ? 13 : 10)) throw malformed('chunk data not followed by CRLF');
          at++;
          if (++this.#remaining === 2) {
            this.#remaining = 0;
            this.#state = CHUNK_SIZE;
          }
          break;
        case TRAILERS:
          at = this.#trailers(data, at);
          break;
        case UNTIL_CLOSE:
          this.sink.onResponseData(at === 0 ? data : data.subarray(at));
          return data.length;
        default:
          return at;
      }
      if (this.#state === DONE) return at;
    }
    return at;
  }

  /** The connection ended: completes a body that runs to the close; throws when a message was cut short. */
  finish(): void {
    if (this.#state === UNTIL_CLOSE) {
      this.#state = DONE;
      this.sink.onResponseEnd(undefined);
    } else if (this.#state !== DONE) throw new UpstreamError('closed', 'other side closed');
  }

  #head(data: Buffer, at: number): number {
    const pending = this.#pending;
    let buffer = data;
    let from = at;
    let searchFrom = at;
    if (pending !== null) {
      // A head split across reads: search the joined bytes, from just before the seam.
      buffer = Buffer.concat([pending, at === 0 ? data : data.subarray(at)]);
      from = 0;
      searchFrom = Math.max(0, pending.length - 3);
    }
    const end = buffer.indexOf('\r\n\r\n', searchFrom, 'latin1');
    if (end < 0) {
      if (buffer.length - from > MAX_HEAD_BYTES) throw malformed('head too large');
      this.#pending = Buffer.from(buffer.subarray(from));
      return data.length;
    }
    if (end + 2 - from > MAX_HEAD_BYTES) throw malformed('head too large');
    this.#pending = null;
    this.#parseHead(latin1(buffer, from, end + 2));
    return pending === null ? end + 4 : at + end + 4 - pending.length;
  }

  #parseHead(head: string): void {
    // Status line: HTTP/1.x SP 3DIGIT [SP reason] (RFC 9112 §4).
    const lineEnd = head.indexOf('\r\n');
    if (lineEnd < 12 || !head.startsWith('HTTP/1.') || head.charCodeAt(8) !== 32 || (lineEnd > 12 && head.charCodeAt(12) !== 32))
      throw malformed('not an HTTP/1.x status line');
    const minor = head.charCodeAt(7);
    if (minor !== 48 && minor !== 49) throw malformed('unsupported HTTP version');
    const statusText = head.slice(9, 12);
    if (!isDigits(statusText)) throw malformed('invalid status code');
    const status = Number(statusText);
    let keepAlive = minor === 49;
    let contentLength = -1;
    let transferEncoding: string | undefined;
    const headers: string[] = [];
    let at = lineEnd + 2;
    while (at < head.length) {
      const next = head.indexOf('\r\n', at);
      const line = head.slice(at, next);
      at = next + 2;
      const colon = line.indexOf(':');
      const first = line.charCodeAt(0);
      if (colon <= 0 || first === 32 || first === 9) throw malformed('invalid header line');
      const last = line.charCodeAt(colon - 1);
      if (last === 32 || last === 9) throw malformed('whitespace before a header colon');
      if (line.indexOf('\n') >= 0) throw malformed('bare LF in the head');
      const name = line.slice(0, colon);
      const value = fieldValue(line, colon + 1);
      headers.push(name, value);
      switch (colon) {
        case 10:
          if (isName(name, 'connection')) {
            const lower = value.toLowerCase();
            if (/(^|[\s,])close($|[\s,])/.test(lower)) keepAlive = false;
            else if (minor === 48 && /(^|[\s,])keep-alive($|[\s,])/.test(lower)) keepAlive = true;
          } else if (isName(name, 'keep-alive')) {
            const hint = /(?:^|[\s,;])timeout\s*=\s*(\d+)/i.exec(value);
            if (hint !== null) this.keepAliveHintMs = Number(hint[1]) * 1000;
          }
          break;
        case 14:
          if (isName(name, 'content-length')) {
            if (contentLength >= 0 || !isDigits(value)) throw malformed('invalid or duplicate Content-Length');
            contentLength = Number(value);
          }
          break;
        case 17:
          if (isName(name, 'transfer-encoding')) transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
          break;
      }
    }
    if (transferEncoding !== undefined && contentLength >= 0) throw malformed('both Transfer-Encoding and Content-Length');
    this.sink.onResponseHead(status, headers);
    if (status < 200) {
      // Interim response (100, 102, 103): the final one follows on the same connection.
      this.#state = HEAD;
      return;
    }
    this.keepAlive = keepAlive;
    if (this.#noBody || status === 204 || status === 304) this.#end();
    else if (transferEncoding !== undefined) {
      // RFC 9112 §6.3 (4): chunked when it is the final coding; otherwise the body runs to the close.
      const codings = transferEncoding.toLowerCase();
      if (/(^|,)\s*chunked\s*$/.test(codings)) this.#state = CHUNK_SIZE;
      else this.#untilClose();
    } else if (contentLength > 0) {
      this.#remaining = contentLength;
      this.#state = LENGTH;
    } else if (contentLength === 0) this.#end();
    else this.#untilClose();
  }

  #end(): void {
    this.#state = DONE;
    this.sink.onResponseEnd(undefined);
  }

  #untilClose(): void {
    this.keepAlive = false;
    this.#state = UNTIL_CLOSE;
  }

  /** Reads a CRLF-terminated line that may span reads; returns it, or undefined when more bytes are needed. */
  #readLine(data: Buffer, at: number, limit: number): { line: string; next: number } | undefined {
    const lf = data.indexOf(10, at);
    const piece = latin1(data, at, lf < 0 ? data.length : lf);
    if (this.#line.length + piece.length > limit) throw malformed('line too long');
    if (lf < 0) {
      this.#line += piece;
      return undefined;
    }
    const line = this.#line + piece;
    this.#line = '';
    if (line.charCodeAt(line.length - 1) !== 13) throw malformed('bare LF');
    return { line: line.slice(0, -1), next: lf + 1 };
  }

  #chunkSize(data: Buffer, at: number): number {
    const read = this.#readLine(data, at, MAX_CHUNK_LINE);
    if (read === undefined) return data.length;
    const semicolon = read.line.indexOf(';');
    const hex = semicolon < 0 ? read.line : read.line.slice(0, semicolon);
    if (!/^[0-9a-fA-F]{1,13}$/.test(hex)) throw malformed('invalid chunk size');
    const size = Number.parseInt(hex, 16);
    if (size === 0) {
      this.#trailerBytes = 0;
      this.#state = TRAILERS;
    } else {
      this.#remaining = size;
      this.#state = CHUNK_DATA;
    }
    return read.next;
  }

  /** Trailer fields after the last chunk are read and dropped (a proxy may discard them, RFC 9110 §6.5.1). */
  #trailers(data: Buffer, at: number): number {
    const read = this.#readLine(data, at, MAX_HEAD_BYTES - this.#trailerBytes);
    if (read === undefined) return data.length;
    this.#trailerBytes += read.line.length + 2;
    if (read.line === '') this.#end();
    return read.next;
  }
}
