import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  url: string;
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A real backend on 127.0.0.1 port 0 that records what reached it and answers with it as JSON.
 * Paths ending in /slow hold the answer back (until the test ends) to exercise integration
 * timeouts; /status/NNN answers with that status.
 */
export async function startUpstream(name = 'upstream'): Promise<Upstream> {
  const seen: SeenRequest[] = [];
  const held: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(request);
      const answer = () => res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': name }).end(JSON.stringify(request));
      const status = /\/status\/(\d{3})$/.exec(req.url ?? '');
      if (status) res.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end(`status ${status[1]}`);
      else if ((req.url ?? '').split('?')[0]?.endsWith('/slow')) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: async () => {
      for (const answer of held) answer();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
