#!/usr/bin/env node
// The bench's own load generator, for machines without wrk: N keep-alive HTTP/1.1 connections on
// node:net, each sending its next request as soon as the previous response is complete (a closed
// loop, as wrk runs), for S seconds. It prints its report in wrk's format (the lines
// bench/lib/wrk.mjs parses), so a run reads the same either way. One Node process drives less load
// than wrk (roughly half on the same core): with it the proxies are less saturated, the ratios say less.
//
// Usage: node bench/lib/loadgen.mjs URL CONNECTIONS SECONDS [POST_BYTES]
import { connect } from 'node:net';

/** Response framing state for one connection: head, then a body of known length, or chunked. */
export class ResponseReader {
  #buffer = Buffer.alloc(0);
  #status = 0;
  #remaining = -1; // body bytes left; -1: reading the head
  #chunked = false;

  /** Feed bytes; calls `onResponse(status)` for every complete response. Throws on what it cannot frame. */
  push(chunk, onResponse) {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      if (this.#remaining < 0) {
        const end = this.#buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = this.#buffer.toString('latin1', 0, end);
        this.#buffer = this.#buffer.subarray(end + 4);
        this.#status = Number(head.slice(9, 12));
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        this.#chunked = /\r\ntransfer-encoding:[^\r]*chunked/i.test(head);
        if (!this.#chunked && length === null)
          throw new Error(`a response without Content-Length or chunked framing: ${head.split('\r\n')[0]}`);
        this.#remaining = this.#chunked ? 0 : Number(length[1]);
      }
      if (this.#chunked) {
        // Chunks: size line, data, CRLF; the last one is size 0 followed by an empty line (no trailers).
        const line = this.#buffer.indexOf('\r\n');
        if (line < 0) return;
        const size = Number.parseInt(this.#buffer.toString('latin1', 0, line), 16);
        if (!Number.isFinite(size)) throw new Error('a bad chunk size');
        const need = line + 2 + size + 2;
        if (this.#buffer.length < need) return;
        this.#buffer = this.#buffer.subarray(need);
        if (size > 0) continue;
      } else {
        if (this.#buffer.length < this.#remaining) {
          this.#remaining -= this.#buffer.length;
          this.#buffer = Buffer.alloc(0);
          return;
        }
        this.#buffer = this.#buffer.subarray(this.#remaining);
      }
      this.#remaining = -1;
      onResponse(this.#status);
    }
  }
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function fmt(us) {
  return us >= 1000 ? `${(us / 1000).toFixed(2)}ms` : `${us.toFixed(2)}us`;
}

/** Runs the load; resolves with wrk-format text. */
export function runLoad({ url, connections, seconds, postBytes = 0 }) {
  const target = new URL(url);
  const body = postBytes > 0 ? Buffer.alloc(postBytes, 'p') : undefined;
  const head =
    `${body ? 'POST' : 'GET'} ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n` +
    (body ? `Content-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n` : '') +
    '\r\n';
  const request = body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
  const latencies = [];
  const errors = { connect: 0, read: 0, write: 0, timeout: 0 };
  let done = 0;
  let non2xx = 0;
  let stopping = false;
  const started = process.hrtime.bigint();
  const sockets = [];
  return new Promise((resolve) => {
    const open = () => {
      const socket = connect(Number(target.port || 80), target.hostname);
      socket.setNoDelay(true);
      const reader = new ResponseReader();
      let sentAt = 0n;
      const send = () => {
        sentAt = process.hrtime.bigint();
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('data', (chunk) => {
        try {
          reader.push(chunk, (status) => {
            latencies.push(Number(process.hrtime.bigint() - sentAt) / 1000);
            done++;
            if (status < 200 || status >= 400) non2xx++;
            if (!stopping) send();
          });
        } catch {
          errors.read++;
          socket.destroy();
        }
      });
      socket.on('error', () => (socket.connecting ? errors.connect++ : errors.read++));
      socket.on('close', () => {
        if (!stopping) open();
      });
      sockets.push(socket);
    };
    for (let i = 0; i < connections; i++) open();
    setTimeout(() => {
      stopping = true;
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      for (const socket of sockets) socket.destroy();
      const sorted = latencies.sort((a, b) => a - b);
      resolve(
        [
          `Running ${seconds}s test @ ${url} (bench/lib/loadgen.mjs)`,
          `  ${connections} connections`,
          '  Latency Distribution',
          ...[50, 75, 90, 99].map((p) => `     ${p}%  ${fmt(percentile(sorted, p))}`),
          `  ${done} requests in ${elapsed.toFixed(2)}s`,
          ...(errors.connect + errors.read + errors.write + errors.timeout > 0
            ? [`  Socket errors: connect ${errors.connect}, read ${errors.read}, write ${errors.write}, timeout ${errors.timeout}`]
            : []),
          ...(non2xx > 0 ? [`  Non-2xx or 3xx responses: ${non2xx}`] : []),
          `Requests/sec: ${(done / elapsed).toFixed(2)}`,
          '',
        ].join('\n'),
      );
    }, seconds * 1000);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, connections, seconds, postBytes] = process.argv.slice(2);
  process.stdout.write(
    await runLoad({ url, connections: Number(connections), seconds: Number(seconds), postBytes: Number(postBytes ?? 0) }),
  );
}
