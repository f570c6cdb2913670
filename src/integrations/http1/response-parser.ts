import { isFieldLine, latin1, malformed, parseResponseHead, refuseBadHeadStart } from './response-head.js';
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

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const CHUNK_DATA_END = 4;
const TRAILERS = 5;
const UNTIL_CLOSE = 6;
const DONE = 7;

/** A bare CR (the line's own CR is gone) or a NUL in `line` from `from`. */
const hasCrOrNul = (line: string, from: number): boolean => line.indexOf('\r', from) >= 0 || line.indexOf('\0', from) >= 0;

/** Heads are searched in a string when the read is this small (one conversion, then a JIT-compiled search). */
const SMALL_READ = 2_048;

/**
 * An HTTP/1.x response parser (RFC 9112), fed the bytes of one connection. Message framing follows
 * §6.3: no body after HEAD, 1xx, 204 and 304; Transfer-Encoding ending in chunked; else
 * Content-Length; else the body runs to the end of the connection. Whatever could be read two
 * ways — both Transfer-Encoding and Content-Length, duplicate Content-Lengths, folded lines,
 * whitespace before a colon, a bare CR or LF, a NUL — is refused as malformed, as llhttp refuses
 * it; so is a status below 100. A head split across reads is refused as soon as its first bytes
 * cannot begin a valid one, without waiting for its end. Where and why this differs from llhttp:
 * llhttp-differences.ts.
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
    if (pending === null && at === 0 && data.length <= SMALL_READ) {
      // The usual case: a whole small response in one read.
      const text = latin1(data, 0, data.length);
      const end = text.indexOf('\r\n\r\n');
      if (end >= 0) {
        this.#onHead(text.slice(0, end + 2));
        return end + 4;
      }
    }
    let buffer = data;
    let from = at;
    let searchFrom = at;
    if (pending !== null) {
      // A head split across reads: search the joined bytes, from just before the seam.
      buffer = Buffer.concat([pending, at === 0 ? data : data.subarray(at)]);
      from = 0;
      searchFrom = Math.max(0, pending.length - 3);
    }
    const end = buffer.indexOf(CRLFCRLF, searchFrom);
    if (end < 0) {
      // A head of MAX_HEAD_BYTES (to its last CRLF) may have arrived with the empty line's CR: one more byte.
      if (buffer.length - from > MAX_HEAD_BYTES + 1) throw malformed('head too large');
      refuseBadHeadStart(buffer, from, pending === null ? from : pending.length);
      this.#pending = Buffer.from(buffer.subarray(from));
      return data.length;
    }
    if (end + 2 - from > MAX_HEAD_BYTES) throw malformed('head too large');
    this.#pending = null;
    this.#onHead(latin1(buffer, from, end + 2));
    return pending === null ? end + 4 : at + end + 4 - pending.length;
  }

  #onHead(text: string): void {
    if (text.length > MAX_HEAD_BYTES) throw malformed('head too large');
    const head = parseResponseHead(text);
    const status = head.status;
    if (head.keepAliveHintMs >= 0) this.keepAliveHintMs = head.keepAliveHintMs;
    this.sink.onResponseHead(status, head.headers);
    if (status < 200) {
      // Interim response (100, 102, 103): the final one follows on the same connection.
      this.#state = HEAD;
      return;
    }
    this.keepAlive = head.keepAlive;
    const transferEncoding = head.transferEncoding;
    if (this.#noBody || status === 204 || status === 304) this.#end();
    else if (transferEncoding !== undefined) {
      // RFC 9112 §6.3 (4): chunked when it is the final coding; otherwise the body runs to the close.
      // Only SP and HTAB surround list items (OWS, RFC 9110 §5.6.1): not all that `\s` takes (NBSP, VT, FF).
      if (/(^|,)[ \t]*chunked[ \t]*$/i.test(transferEncoding)) this.#state = CHUNK_SIZE;
      else this.#untilClose();
    } else if (head.contentLength > 0) {
      this.#remaining = head.contentLength;
      this.#state = LENGTH;
    } else if (head.contentLength === 0) this.#end();
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
    // Extensions are not read, but a bare CR or a NUL in them is refused (RFC 9112 §2.2, RFC 9110 §5.5).
    if (semicolon >= 0 && hasCrOrNul(read.line, semicolon)) throw malformed('CR or NUL in a chunk extension');
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
    // Read like the head's fields (RFC 9112 §7.1.2: a trailer section is field lines), though dropped.
    else if (!isFieldLine(read.line) || hasCrOrNul(read.line, 0)) throw malformed('invalid trailer line');
    return read.next;
  }
}
