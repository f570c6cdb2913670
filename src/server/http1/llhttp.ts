import { createRequire } from 'node:module';

/** A parse error as llhttp reports it through Node's binding. */
export interface ParseError extends Error {
  code: string;
  bytesParsed: number;
  reason?: string;
  rawPacket?: Buffer;
}

/** Node's binding of llhttp, the parser node:http itself runs (the same framing rules and defences). */
export interface RequestParser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  /** Bytes parsed, or the error; an upgrade request stops parsing after its head (the count says where). */
  execute(data: Buffer): number | ParseError;
  finish(): number | ParseError | undefined;
  close(): void;
  /** Read a stream handle natively (node:http's server does): callbacks, then `kOnExecute` per read. */
  consume(handle: object): void;
  unconsume(): void;
  /** A copy of the read being parsed; only inside `kOnExecute`. */
  getCurrentBuffer(): Buffer;
  [callback: number]: unknown;
}

interface ParserBinding {
  new (): RequestParser;
  REQUEST: number;
  kOnMessageBegin: number;
  kOnHeaders: number;
  kOnHeadersComplete: number;
  kOnBody: number;
  kOnMessageComplete: number;
  kOnExecute: number;
}

// node:http's own module exposes the binding (`_http_common`, present from Node 0.x to 24); no
// deprecation is attached to it. Node's server and client use it the same way as here.
const common = createRequire(import.meta.url)('_http_common') as { HTTPParser: ParserBinding; methods: string[] };

export const HTTPParser = common.HTTPParser;
/** Method names by llhttp's method number. */
export const METHODS: readonly string[] = common.methods;

/** The strict parser (no lenient flags), as node:http runs it without `insecureHTTPParser`. */
export const STRICT = 0;

const pool: RequestParser[] = [];

/** A parser from the pool (or a new one), set up for requests with a head of at most `maxHeaderSize` bytes. */
export function requestParser(maxHeaderSize: number): RequestParser {
  const parser = pool.pop() ?? new HTTPParser();
  parser.initialize(HTTPParser.REQUEST, {}, maxHeaderSize, STRICT);
  return parser;
}

/** Back to the pool (no longer reading a socket, its callbacks cleared), or closed when the pool is full. Not from inside its header or body callbacks (kOnExecute is fine). */
export function releaseParser(parser: RequestParser, consumed = false): void {
  if (consumed) parser.unconsume();
  for (const key of [
    HTTPParser.kOnMessageBegin,
    HTTPParser.kOnHeaders,
    HTTPParser.kOnHeadersComplete,
    HTTPParser.kOnBody,
    HTTPParser.kOnMessageComplete,
    HTTPParser.kOnExecute,
  ])
    parser[key] = undefined;
  if (pool.length < 1_000) pool.push(parser);
  // It may be inside its own kOnExecute (an upgrade): closed once that has unwound.
  else setImmediate(() => parser.close());
}
