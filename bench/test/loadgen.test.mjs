import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ResponseReader, runLoad } from '../lib/loadgen.mjs';
import { parseWrkOutput } from '../lib/wrk.mjs';

describe("the bench's own load generator (no wrk)", () => {
  it('frames responses by Content-Length and by chunks, however the bytes are split', () => {
    const wire = Buffer.from(
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n42\n' +
        'HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n4\r\nnope\r\n0\r\n\r\n' +
        'HTTP/1.1 201 Created\r\ncontent-length: 0\r\n\r\n',
    );
    for (const step of [1, 7, wire.length]) {
      const reader = new ResponseReader();
      const statuses = [];
      for (let at = 0; at < wire.length; at += step) reader.push(wire.subarray(at, at + step), (status) => statuses.push(status));
      expect(statuses).toEqual([200, 404, 201]);
    }
  });

  it("drives keep-alive connections and reports in wrk's format", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'text/plain' }).end('ok'));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${server.address().port}`;
      const report = parseWrkOutput(await runLoad({ url: `${url}/ok`, connections: 2, seconds: 1, postBytes: 1024 }));
      expect(report.requests).toBeGreaterThan(10);
      expect(report.rps).toBeGreaterThan(0);
      expect(report.p50us).toBeGreaterThan(0);
      expect(report.non2xx + report.socketErrors).toBe(0);
      expect(parseWrkOutput(await runLoad({ url: `${url}/missing`, connections: 1, seconds: 1 })).non2xx).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
