import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one request looked like when it reached the backend. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

export interface Backend {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/**
 * The backend behind every conformance row: a real server on 127.0.0.1 port 0 that records each
 * request and answers with it as JSON. A row shapes the answer through request headers the gateway
 * forwards: `x-reply-status`, `x-reply-headers` (a JSON object of headers), `x-reply-body`; a path
 * ending in `/slow` is answered only when the backend closes (integration timeouts).
 */
export async function startBackend(): Promise<Backend> {
  const received: Received[] = [];
  const held: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(seen);
      const status = Number(req.headers['x-reply-status'] ?? 200);
      const extra = req.headers['x-reply-headers'];
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(typeof extra === 'string' ? (JSON.parse(extra) as Record<string, string>) : {}),
      };
      const body = typeof req.headers['x-reply-body'] === 'string' ? req.headers['x-reply-body'] : JSON.stringify(seen);
      const answer = () => res.writeHead(status, headers).end(body);
      if ((req.url ?? '').split('?')[0]?.endsWith('/slow')) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: async () => {
      for (const answer of held) answer();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
