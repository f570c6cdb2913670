import { Readable } from 'node:stream';
import type { ResponseSink } from '../integrations/index.js';
import type { ClientConnection, ClientRequest } from './client-request.js';
import { assertResponseField } from './response-fields.js';

/** A request handed to `Gateway.handle`, as a client would send it. */
export interface GatewayRequest {
  readonly method?: string;
  /** The request target: `/prod/pets?x=1`, or absolute form `http://host/…`. */
  readonly url: string;
  /** Header fields; on the edge, Host picks the API (`{apiId}.execute-api.localhost`). A body gets its Content-Length unless one is given. */
  readonly headers?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  readonly body?: string | Buffer;
  /** The client's address (`$context.identity.sourceIp`); default 127.0.0.1. */
  readonly remoteAddress?: string;
}

/** What the client got. */
export interface GatewayResponse {
  readonly status: number;
  /** Fields by lower-case name; repeated fields joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Fields as sent, flat [name, value, …]. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

const LOOPBACK: ClientConnection = { remoteAddress: '127.0.0.1', localAddress: '127.0.0.1', localPort: 0, encrypted: false };

/** A request whose body is in memory, readable as a stream the way node:http's IncomingMessage is. */
class InProcessRequest extends Readable implements ClientRequest {
  complete = false;
  #body: Buffer | undefined;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly rawHeaders: readonly string[],
    readonly socket: ClientConnection,
    body: Buffer,
  ) {
    super();
    this.#body = body;
  }

  override _read(): void {
    const body = this.#body;
    if (body === undefined) return;
    this.#body = undefined;
    if (body.length > 0) this.push(body);
    this.complete = true;
    this.push(null);
  }
}

export function inProcessRequest(init: GatewayRequest): ClientRequest {
  const body = init.body === undefined ? Buffer.alloc(0) : Buffer.from(init.body);
  const pairs = init.headers === undefined ? [] : Array.isArray(init.headers) ? init.headers : Object.entries(init.headers);
  const rawHeaders = pairs.flatMap(([name, value]) => [name, value]);
  if (body.length > 0 && !pairs.some(([name]) => name.toLowerCase() === 'content-length'))
    rawHeaders.push('content-length', String(body.length));
  const socket = init.remoteAddress === undefined ? LOOPBACK : { ...LOOPBACK, remoteAddress: init.remoteAddress };
  return new InProcessRequest(init.method ?? 'GET', init.url, rawHeaders, socket, body);
}

/** The client's response in memory: the sink behind `Gateway.handle`. It never falls behind. */
export class MemorySink implements ResponseSink {
  status = 0;
  rawHeaders: string[] = [];
  readonly chunks: Buffer[] = [];
  headSent = false;
  closed = false;
  /** The response was cut off (what a client sees as a connection closed mid-response). */
  aborted = false;
  readonly #closeListeners = new Set<() => void>();

  /** HEAD responses carry no body, whatever is written. */
  constructor(private readonly method: string) {}

  head(status: number, headers: string[]): void {
    for (let i = 0; i < headers.length; i += 2) assertResponseField(headers[i] as string, headers[i + 1] as string);
    this.status = status;
    this.rawHeaders = headers.slice();
    // node:http sends a Date with every response that has none (`sendDate`), as API Gateway does.
    if (!headers.some((name, i) => i % 2 === 0 && name.toLowerCase() === 'date')) this.rawHeaders.push('date', new Date().toUTCString());
    this.headSent = true;
  }

  write(chunk: Buffer): boolean {
    if (this.method !== 'HEAD') this.chunks.push(Buffer.from(chunk));
    return true;
  }

  end(last?: Buffer): void {
    if (last !== undefined) this.write(last);
    this.#close();
  }

  abort(): void {
    this.aborted = true;
    this.#close();
  }

  onDrain(): void {}

  onClose(listener: () => void): void {
    this.#closeListeners.add(listener);
  }

  offClose(listener: () => void): void {
    this.#closeListeners.delete(listener);
  }

  response(): GatewayResponse {
    const headers: Record<string, string> = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const name = (this.rawHeaders[i] as string).toLowerCase();
      const value = this.rawHeaders[i + 1] as string;
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    return { status: this.status, headers, rawHeaders: this.rawHeaders, body: Buffer.concat(this.chunks) };
  }

  #close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.#closeListeners) listener();
  }
}
