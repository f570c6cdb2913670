import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { CountedBody } from '../counted-body.js';
import { ConnectionPool, type ConnectionPoolOptions } from './connection-pool.js';
import type { ExchangeControl, ExchangeHandler } from './exchange.js';
import { buildRequestHead } from './request-head.js';

/*
 * Fixtures for the connection pool's tests (*.test.ts beside this file): a raw TCP backend that
 * writes whatever bytes a test gives it, and a handler that collects one exchange. Not a test file
 * itself; only tests import it.
 */

/** A TCP server whose answers the test writes byte for byte; it records every request's bytes and each connection. */
export interface RawServer {
  readonly url: string;
  readonly port: number;
  /** Connections accepted so far. */
  connections: number;
  /** Everything received, per connection. */
  readonly received: string[];
  close(): Promise<void>;
}

export type Responder = (socket: Socket, request: string, index: number) => void;

export async function rawServer(respond: Responder): Promise<RawServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const state: RawServer = {
    url: '',
    port: 0,
    connections: 0,
    received: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((socket) => {
    const connection = state.connections++;
    state.received[connection] = '';
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      state.received[connection] += chunk.toString('latin1');
      pending += chunk.toString('latin1');
      // One request per head; a body (Content-Length or chunked) is answered once it is complete.
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.slice(0, end);
        const length = /\r\ncontent-length: (\d+)/i.exec(head);
        let total = end + 4 + (length ? Number(length[1]) : 0);
        if (/\r\ntransfer-encoding: chunked/i.test(head)) {
          const last = pending.indexOf('\r\n0\r\n\r\n', end);
          if (last < 0) return;
          total = last + 7;
        }
        if (pending.length < total) return;
        const request = pending.slice(0, total);
        pending = pending.slice(total);
        respond(socket, request, requests++);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, { port, url: `http://127.0.0.1:${port}` });
}

export interface Result {
  status: number;
  headers: string[];
  body: string;
  connected: boolean;
  error?: Error;
}

/** Collects one exchange; `slowReader` returns false from onData and resumes later, to exercise backpressure. */
export class Collector implements ExchangeHandler {
  connected = false;
  status = 0;
  headers: string[] = [];
  chunks: Buffer[] = [];
  control: ExchangeControl | undefined;
  readonly done: Promise<Result>;
  #resolve: (result: Result) => void = () => undefined;

  constructor(private readonly slowReader = false) {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  onConnect(control: ExchangeControl): void {
    this.connected = true;
    this.control = control;
  }

  onHeaders(status: number, headers: string[]): void {
    this.status = status;
    this.headers = headers;
  }

  onData(chunk: Buffer): boolean {
    // Kept as handed over (a client response keeps them too until they are written): the client must not reuse their bytes.
    this.chunks.push(chunk);
    if (!this.slowReader) return true;
    setTimeout(() => this.control?.resume(), 1);
    return false;
  }

  onComplete(last: Buffer | undefined): void {
    if (last !== undefined) this.chunks.push(last);
    this.#resolve({
      status: this.status,
      headers: this.headers,
      body: Buffer.concat(this.chunks).toString('latin1'),
      connected: this.connected,
    });
  }

  onError(error: Error): void {
    this.#resolve({
      status: this.status,
      headers: this.headers,
      body: Buffer.concat(this.chunks).toString('latin1'),
      connected: this.connected,
      error,
    });
  }
}

const cleanups: (() => Promise<void>)[] = [];

/** Closes the servers and pools the test made, newest first: every test file runs it in `afterEach`. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
}

/** Registers something else to close after the test (a front server). */
export function onCleanUp(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

export async function serve(respond: Responder): Promise<RawServer> {
  const server = await rawServer(respond);
  cleanups.push(server.close);
  return server;
}

export function poolFor(server: { url: string }, options: ConnectionPoolOptions = {}): ConnectionPool {
  const pool = new ConnectionPool(server.url, options);
  cleanups.push(() => pool.close(0));
  return pool;
}

export function call(
  pool: ConnectionPool,
  method = 'GET',
  path = '/',
  body: Buffer | CountedBody | null = null,
  headers: string[] = [],
  slowReader = false,
): Promise<Result> {
  const collector = new Collector(slowReader);
  pool.dispatch({ head: buildRequestHead(method, path, ['host', 'backend.test', ...headers], 'origin.test'), body }, collector);
  return collector.done;
}

export const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;
