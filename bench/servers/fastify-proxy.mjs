// fastify + @fastify/http-proxy: the plugin's defaults (undici pool, keep-alive, 128
// connections), no request logging, the whole URL space forwarded unchanged.
// Usage: node bench/servers/fastify-proxy.mjs PORT BACKEND_URL
import proxy from '@fastify/http-proxy';
import Fastify from 'fastify';

const [port, upstream] = [Number(process.argv[2]), process.argv[3]];
const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
await app.register(proxy, { upstream, prefix: '/' });
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`listening ${port}\n`);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
