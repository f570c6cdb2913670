import { ResponseParser } from './response-parser.js';
import { UpstreamError } from './upstream-error.js';

/*
 * Test support for the response parser's differential, hostile and fuzz tests (*.test.ts beside
 * this file): one parse reduced to what any HTTP/1.1 reader can report, so that ours and llhttp
 * (llhttp-reference.ts) can be compared. Not a test file itself; only tests import it.
 */

/**
 * Where the message ended: at its framing (Content-Length, last chunk, no body), at the close of a
 * body that runs to the close, cut short by the close, or refused as malformed.
 */
export type Ending = 'framed' | 'at-close' | 'cut' | 'refused';

/** One parse, as both parsers can report it. */
export interface Outcome {
  /** Statuses of the interim (1xx) heads before the final one. */
  readonly interim: number[];
  /** The final status; 0 when no final head arrived. */
  readonly status: number;
  /** The final head's fields, flat [name, value…] as received. */
  readonly headers: string[];
  /** Body bytes, one latin1 character each. */
  readonly body: string;
  readonly ending: Ending;
}

/** Our parse, with what only we report. */
export interface OurOutcome extends Outcome {
  /** The UpstreamError code of a refused or cut message. */
  readonly code: string | undefined;
  /** Bytes after the end of the message (not part of it: the connection is not reused). */
  readonly rest: number;
  /** Broken promises of the parser (the fuzz test's invariants); empty when it behaved. */
  readonly violations: string[];
}

/** Bytes as one latin1 character each (test tables are written as strings). */
export const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** `data` cut at these offsets (ascending, inside the data); empty pieces are dropped, as reads are never empty. */
export function splitAt(data: Buffer, offsets: readonly number[]): Buffer[] {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const at of offsets) {
    if (at <= from || at >= data.length) continue;
    pieces.push(data.subarray(from, at));
    from = at;
  }
  if (from < data.length) pieces.push(data.subarray(from));
  return pieces;
}

/**
 * Feed `pieces` (one read each) to a ResponseParser expecting the answer to `method`, then the
 * close, and record what it reported. The parser is driven as UpstreamConnection drives it: no
 * more bytes after the message ended, `finish()` when the connection ends before that.
 */
export function parseWithOurs(method: string, pieces: readonly Buffer[]): OurOutcome {
  const interim: number[] = [];
  const violations: string[] = [];
  const body: Buffer[] = [];
  let status = 0;
  let headers: string[] = [];
  let ended = false;
  let given = 0;
  let consumed = 0;
  const parser = new ResponseParser({
    onResponseHead(code, fields) {
      if (ended) violations.push('a head after the end of the message');
      if (status !== 0) violations.push('a second final head');
      if (code < 200) interim.push(code);
      else [status, headers] = [code, fields];
    },
    onResponseData(chunk) {
      if (status === 0) violations.push('body bytes before the final head');
      if (ended) violations.push('body bytes after the end of the message');
      if (chunk.length === 0) violations.push('an empty body piece');
      body.push(Buffer.from(chunk));
    },
    onResponseEnd(last) {
      if (status === 0) violations.push('the end of a message before its final head');
      if (ended) violations.push('a second end');
      ended = true;
      if (last !== undefined) body.push(Buffer.from(last));
    },
  });
  parser.expect(method);
  const outcome = (ending: Ending, code?: string): OurOutcome => {
    const all = Buffer.concat(body);
    // A read that was refused is not counted as consumed, but its first body bytes may have gone out.
    const fed = ending === 'framed' || ending === 'at-close' ? consumed : given;
    if (all.length > fed) violations.push(`${all.length} body bytes from ${fed} bytes`);
    if (ended !== (ending === 'framed' || ending === 'at-close')) violations.push(`ended ${ended} but ${ending}`);
    const rest = ending === 'framed' ? given - consumed : 0;
    return { interim, status, headers, body: all.toString('latin1'), ending, code, rest, violations };
  };
  try {
    for (const piece of pieces) {
      given += piece.length;
      const used = parser.execute(piece);
      if (used < 0 || used > piece.length) violations.push(`used ${used} of a ${piece.length}-byte read`);
      consumed += used;
      if (parser.complete) {
        // The rest of the input is not this message's: counted, never fed.
        given = pieces.reduce((sum, each) => sum + each.length, 0);
        return outcome('framed');
      }
      if (used !== piece.length) violations.push(`used ${used} of a ${piece.length}-byte read before the message ended`);
    }
    parser.finish();
    return outcome('at-close');
  } catch (error) {
    if (!(error instanceof UpstreamError)) {
      violations.push(`threw ${String(error)}`);
      return outcome('refused', 'not an UpstreamError');
    }
    if (error.code === 'closed') return outcome('cut', error.code);
    if (error.code !== 'malformed') violations.push(`threw UpstreamError ${error.code}`);
    return outcome('refused', error.code);
  }
}

/** The parts of two outcomes that differ, as "field: ours ≠ theirs" lines; empty when they agree. */
export function differences(ours: Outcome, theirs: Outcome): string[] {
  const found: string[] = [];
  const show = (value: unknown): string => JSON.stringify(value);
  if (ours.ending !== theirs.ending) found.push(`ending: ${ours.ending} ≠ ${theirs.ending}`);
  // Two refusals agree whatever each had read before: each names its error in its own words.
  if (ours.ending === 'refused' && theirs.ending === 'refused') return found;
  for (const field of ['interim', 'status', 'headers', 'body'] as const)
    if (!same(ours[field], theirs[field])) found.push(`${field}: ${show(ours[field])} ≠ ${show(theirs[field])}`);
  return found;
}

/** Equal values, or arrays of equal values (heads can be 16 KiB: no stringifying to compare them). */
function same<T>(a: T | readonly T[], b: T | readonly T[]): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
