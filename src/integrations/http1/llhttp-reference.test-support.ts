import { request, type IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import type { Ending, Outcome } from './parser-probe.test-support.js';

/*
 * Test support: llhttp, the parser in Node's own HTTP client, as the reference our response parser
 * is compared with (response-parser.differential.test.ts, response-parser.fuzz.test.ts). Not a
 * test file itself; only tests import it.
 */

/** llhttp's parse, with the error Node reported. */
export interface LlhttpOutcome extends Outcome {
  /** `HPE_…` for a parse error; ECONNRESET for a cut message; `upgrade` for a 101 Node took as a protocol switch. */
  readonly code: string | undefined;
}

/**
 * Read `pieces` as the response to `method` with `http.request` over an in-memory socket (no
 * network): the socket swallows the request, then delivers each piece as one 'data' event and
 * ends. llhttp runs with Node's defaults: strict (no lenient flags), 16 KiB of header bytes as
 * Node counts them.
 */
export function parseWithLlhttp(method: string, pieces: readonly Buffer[]): Promise<LlhttpOutcome> {
  return new Promise((resolve) => {
    const interim: number[] = [];
    const body: Buffer[] = [];
    const codes: string[] = [];
    let response: IncomingMessage | undefined;
    let ended = false;
    let eof = false;
    let completeAtEof = false;
    let answered = false;
    // Settled when the request and the socket have closed, and the response too when there is one.
    let open = 2;
    const settle = (): void => {
      if (--open === 0) resolve(outcome());
    };
    const outcome = (): LlhttpOutcome => {
      const hpe = codes.find((code) => code.startsWith('HPE_'));
      let ending: Ending;
      // Bytes after a complete message can still make llhttp fail: the message was framed all the same.
      if (ended) ending = eof && !completeAtEof ? 'at-close' : 'framed';
      else if (hpe !== undefined) ending = 'refused';
      // A 101 that llhttp takes as a protocol switch: with no 'upgrade' listener, Node drops the socket and reports nothing.
      else if (response === undefined && codes.length === 0) ending = 'refused';
      else ending = 'cut';
      const code = hpe ?? codes[0] ?? (ending === 'refused' ? 'upgrade' : undefined);
      return {
        interim,
        status: response?.statusCode ?? 0,
        headers: response?.rawHeaders ?? [],
        body: Buffer.concat(body).toString('latin1'),
        ending,
        code,
      };
    };
    const socket = new Duplex({
      read() {},
      write(_chunk, _encoding, callback) {
        callback();
        if (answered) return;
        answered = true;
        // Buffered until the client reads: then one 'data' event (one llhttp execute) per piece.
        for (const piece of pieces) socket.push(piece);
        socket.push(null);
      },
    });
    // Registered before the client's own listener, which hands the close to llhttp: was the message complete without it?
    socket.on('end', () => {
      eof = true;
      completeAtEof = response?.complete === true;
    });
    socket.on('close', settle);
    const req = request({ method, host: 'backend.test', path: '/', createConnection: () => socket });
    req.on('information', (info) => interim.push(info.statusCode));
    req.on('response', (res) => {
      response = res;
      open++;
      res.on('data', (chunk: Buffer) => body.push(chunk));
      res.on('end', () => (ended = true));
      res.on('error', (error: NodeJS.ErrnoException) => codes.push(error.code ?? error.message));
      res.on('close', settle);
    });
    req.on('error', (error: NodeJS.ErrnoException) => codes.push(error.code ?? error.message));
    req.on('close', settle);
    req.end();
  });
}
