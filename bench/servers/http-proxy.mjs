// node-http-proxy as its README sets it up behind node:http, plus a keep-alive agent (without
// one it opens a new upstream connection per request, which no production setup would keep).
// Usage: node bench/servers/http-proxy.mjs PORT BACKEND_URL
import { Agent, createServer } from 'node:http';
import httpProxy from 'http-proxy';

const [port, target] = [Number(process.argv[2]), process.argv[3]];
const proxy = httpProxy.createProxyServer({
  target,
  agent: new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 }),
  xfwd: true,
});
proxy.on('error', (_error, _req, res) => {
  if ('writeHead' in res && !res.headersSent) res.writeHead(502).end();
  else res.destroy();
});
createServer((req, res) => proxy.web(req, res)).listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
