// A reference, not a gateway a user would pick: the least a Node proxy can do, node:http in front
// of an undici Pool with keep-alive (pool.stream, undici's fastest API), hop-by-hop headers dropped
// and nothing else — no routing, no logs, no metrics. Issue #6 quotes it at about 0.35× nginx.
// Usage: node bench/servers/undici-bare.mjs PORT BACKEND_URL
import { createServer } from 'node:http';
import { Pool } from 'undici';

const [port, target] = [Number(process.argv[2]), process.argv[3]];
const pool = new Pool(target, { connections: 256, pipelining: 1 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'expect']);

function withoutHopByHop(headers) {
  const kept = {};
  for (const name in headers) if (!HOP_BY_HOP.has(name)) kept[name] = headers[name];
  return kept;
}

createServer((req, res) => {
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  pool
    .stream(
      { path: req.url, method: req.method, headers: withoutHopByHop(req.headers), body: hasBody ? req : null },
      ({ statusCode, headers }) => {
        res.writeHead(statusCode, withoutHopByHop(headers));
        return res;
      },
    )
    .catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
}).listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
