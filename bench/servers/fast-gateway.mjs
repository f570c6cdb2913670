// fast-gateway (restana + fast-proxy-lite): one catch-all route to the backend. Its proxy keeps
// upstream connections alive by default (http.Agent keepAlive, 2048 sockets).
// Usage: node bench/servers/fast-gateway.mjs PORT BACKEND_URL
import gateway from 'fast-gateway';

const [port, target] = [Number(process.argv[2]), process.argv[3]];
const server = gateway({
  // prefix '' + the default pathRegex '/*': every path, forwarded unchanged.
  routes: [{ prefix: '', target }],
});
await server.start(port, '127.0.0.1');
process.stdout.write(`listening ${port}\n`);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
