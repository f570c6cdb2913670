#!/usr/bin/env node
// Issue #13, hardening: what idle client connections cost `portico up` (the seed's Terraform), and
// how a normal client is answered while they and a slowloris client are held open.
// Usage: npm run build && node bench/idle-connections.mjs [connections=3000] [runs=3]
// Each run starts a fresh Portico, warms it up with 200 requests, then measures: the RSS and open
// file descriptors of the Portico process before and with the idle connections (they send nothing),
// and the latency of 200 sequential requests (a fresh connection each) without and with the idle
// connections plus one slowloris (a header byte every 100 ms). Prints medians over the runs.
// Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './lib/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = Number(process.argv[2] ?? 3000);
const RUNS = Number(process.argv[3] ?? 3);
const REQUESTS = 200;
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

const rssKiB = (pid) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const fds = (pid) => readdirSync(`/proc/${pid}/fd`).length;
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function get(port, host, path) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function latencies(port, host) {
  const ms = [];
  for (let i = 0; i < REQUESTS; i++) {
    const reply = await get(port, host, `/n/${i}`);
    if (reply.status !== 200) throw new Error(`status ${reply.status}`);
    ms.push(reply.ms);
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), max: ms.at(-1) };
}

function openIdle(port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

async function run(backendUrl) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(root, 'dist/cli/portico.js'),
      'up',
      join(root, 'examples/seed'),
      '--port',
      String(port),
      '--state',
      ':memory:',
      '--target',
      `${LISTENER}=${backendUrl}`,
    ],
    // The seed's portico.json maps the listener to 127.0.0.1:3000; --target puts this bench's backend in its place.
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  try {
    await waitForPort(port, child);
    const apis = await get(port, `127.0.0.1:${port}`, '/v2/apis');
    const apiId = JSON.parse(apis.body).items[0].apiId;
    const host = `${apiId}.execute-api.localhost:${port}`;
    // Warm up (JIT, pools), then let the process settle.
    for (let i = 0; i < REQUESTS; i++) await get(port, host, '/warm');
    const quiet = await latencies(port, host);
    await delay(1000);
    const before = { rssKiB: rssKiB(child.pid), fds: fds(child.pid) };

    const sockets = [];
    for (let i = 0; i < CONNECTIONS; i += 250) sockets.push(...(await Promise.all(Array.from({ length: 250 }, () => openIdle(port)))));
    // Accepted by the server (its descriptors), within 10 s.
    for (let waited = 0; fds(child.pid) < before.fds + CONNECTIONS && waited < 10_000; waited += 50) await delay(50);
    await delay(1000);
    const held = { rssKiB: rssKiB(child.pid), fds: fds(child.pid) };

    const slowloris = await openIdle(port);
    const head = `GET /slow HTTP/1.1\r\nhost: ${host}\r\nx-slow: `;
    let sent = 0;
    const drip = setInterval(() => slowloris.write(sent < head.length ? head[sent++] : 'a'), 100);
    const loaded = await latencies(port, host);
    clearInterval(drip);
    for (const socket of [...sockets, slowloris]) socket.destroy();
    return {
      rssBeforeMiB: before.rssKiB / 1024,
      rssHeldMiB: held.rssKiB / 1024,
      bytesPerConnection: ((held.rssKiB - before.rssKiB) * 1024) / CONNECTIONS,
      fdsPerConnection: (held.fds - before.fds) / CONNECTIONS,
      quiet,
      loaded,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const backend = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
const backendUrl = `http://127.0.0.1:${backend.address().port}`;
const results = [];
for (let i = 0; i < RUNS; i++) {
  const result = await run(backendUrl);
  results.push(result);
  console.log(`run ${i + 1}: ${JSON.stringify(result, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
}
const pick = (f) => Math.round(median(results.map(f)) * 10) / 10;
console.log(
  JSON.stringify({
    connections: CONNECTIONS,
    runs: RUNS,
    rssBeforeMiB: pick((r) => r.rssBeforeMiB),
    rssHeldMiB: pick((r) => r.rssHeldMiB),
    bytesPerIdleConnection: pick((r) => r.bytesPerConnection),
    fdsPerIdleConnection: pick((r) => r.fdsPerConnection),
    quietMs: { p50: pick((r) => r.quiet.p50), p99: pick((r) => r.quiet.p99) },
    withIdleAndSlowlorisMs: { p50: pick((r) => r.loaded.p50), p99: pick((r) => r.loaded.p99), max: pick((r) => r.loaded.max) },
    bytesPerIdleConnectionRange: [
      Math.min(...results.map((r) => r.bytesPerConnection)),
      Math.max(...results.map((r) => r.bytesPerConnection)),
    ].map(Math.round),
  }),
);
backend.close();
