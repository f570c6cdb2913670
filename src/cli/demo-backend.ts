import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The private backend behind the seed's VPC link, for `portico demo`: it answers every request
 * with what it received, so a user sees the path, query and headers the gateway forwarded.
 */
export async function startDemoBackend(port = 0): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      const body = JSON.stringify(
        { backend: 'portico demo backend', method: req.method, url: req.url, headers: req.headers, bodyBytes: bytes },
        null,
        2,
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end(`${body}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
