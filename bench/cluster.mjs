#!/usr/bin/env node
// `npm run bench:cluster`: cluster mode's costs, on the machine's PostgreSQL and Redis.
//   1. What the Redis bucket adds to a request: `tryTake` on the Redis-backed bucket store against the
//      in-process one (the request path never waits on Redis: tokens are leased ahead of need), and the
//      round trip of one lease (the Lua script), which happens off the request path.
//   2. Throughput of 1 node against 2 nodes on one store with shared throttling on (wrk, each node
//      pinned to a core of its own with taskset when there are enough cores).
// Prints a Markdown table; writes nothing.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const REPO = join(import.meta.dirname, '..');
const CLI = join(REPO, 'dist', 'cli', 'portico.js');
const POSTGRES = process.env.PORTICO_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.PORTICO_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.CLUSTER_BENCH_SECONDS ?? 8);
const children = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function bucketCost() {
  const { InProcessBucketStore, RedisBucketStore } = await import(join(REPO, 'dist', 'data-plane', 'throttle', 'index.js'));
  const { RedisBuckets } = await import(join(REPO, 'dist', 'data-plane', 'throttle', 'redis-buckets.js'));
  const prefix = `portico-bench-${randomBytes(4).toString('hex')}:`;
  const limits = { rateLimit: 1e9, burstLimit: 1e9 };
  const shared = new RedisBucketStore({ url: REDIS, node: 'bench', prefix, accountLimits: limits });
  while (!shared.shared) await new Promise((resolve) => setTimeout(resolve, 5));
  const local = new InProcessBucketStore(limits);
  const perCall = async (store) => {
    const bucket = store.routeBucket('api', '$default', 'GET /x', limits, Date.now());
    await new Promise((resolve) => setTimeout(resolve, 50)); // the first lease
    const samples = [];
    for (let round = 0; round < 20; round++) {
      const started = process.hrtime.bigint();
      let taken = 0;
      for (let i = 0; i < 20_000; i++) if (bucket.tryTake(Date.now()) && store.account.tryTake(Date.now())) taken++;
      samples.push(Number(process.hrtime.bigint() - started) / 20_000);
      if (taken === 0) throw new Error('nothing admitted: the bench is wrong');
      await new Promise((resolve) => setImmediate(resolve)); // leases arrive between rounds, as between requests
    }
    return samples.sort((a, b) => a - b);
  };
  const inProcess = await perCall(local);
  const redis = await perCall(shared);
  shared.close();
  const buckets = new RedisBuckets({
    url: REDIS,
    node: 'bench-rtt',
    prefix,
    timers: { setTimeout, clearTimeout, setInterval: (f, ms) => setInterval(f, ms).unref(), clearInterval },
    onState: () => undefined,
  });
  while (!buckets.up) await new Promise((resolve) => setTimeout(resolve, 5));
  const rtt = [];
  for (let i = 0; i < 3_000; i++) {
    const started = process.hrtime.bigint();
    await buckets.take('rtt', { rateLimit: 1e9, burstLimit: 1e9 }, 10);
    rtt.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  buckets.close();
  rtt.sort((a, b) => a - b);
  return {
    inProcess: percentile(inProcess, 0.5),
    redis: percentile(redis, 0.5),
    rttP50: percentile(rtt, 0.5),
    rttP99: percentile(rtt, 0.99),
  };
}

function start(args, cpu) {
  const command = cpu === undefined ? [process.execPath, CLI, ...args] : ['taskset', '-c', String(cpu), process.execPath, CLI, ...args];
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const endpoint = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out)?.[1];
      if (endpoint) resolve({ endpoint, child });
    });
    child.once('exit', (code) => reject(new Error(`portico exited with ${code}: ${out}`)));
  });
}

function wrk(url, seconds) {
  const text = execFileSync('wrk', ['-t1', '-c32', `-d${seconds}s`, url], { encoding: 'utf8' });
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? 0);
}

async function throughput() {
  const schema = `portico_bench_${randomBytes(4).toString('hex')}`;
  const store = `${POSTGRES}?schema=${schema}`;
  const redis = `${REDIS}?prefix=${schema}:`;
  const backend = spawn(process.execPath, [join(REPO, 'bench', 'servers', 'backend.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(backend);
  const backendPort = await new Promise((resolve) =>
    backend.stdout.on('data', (chunk) => resolve(Number(/listening (\d+)/.exec(String(chunk))?.[1]))),
  );
  const pin = cpus().length >= 3;
  const common = [
    'serve',
    '--port',
    '0',
    '--store',
    store,
    '--redis',
    redis,
    '--log-level',
    'warn',
    '--account-rate',
    '1000000',
    '--account-burst',
    '500000',
  ];
  const one = await start([...common, '--node', 'one'], pin ? 1 : undefined);
  const created = await fetch(`${one.endpoint}/v2/apis`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', protocolType: 'HTTP', target: `http://127.0.0.1:${backendPort}` }),
  });
  const { apiId } = await created.json();
  const path = `/_aws/execute-api/${apiId}/orders/42`;
  wrk(one.endpoint + path, 2); // warm-up
  const single = wrk(one.endpoint + path, SECONDS);
  const two = await start([...common, '--node', 'two'], pin ? 2 : undefined);
  wrk(two.endpoint + path, 2);
  const both = await Promise.all(
    [one, two].map(
      (node) =>
        new Promise((resolve) => {
          const child = spawn('wrk', ['-t1', '-c32', `-d${SECONDS}s`, node.endpoint + path]);
          let text = '';
          child.stdout.on('data', (chunk) => (text += chunk));
          child.on('exit', () => resolve(Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? 0)));
        }),
    ),
  );
  for (const child of children) child.kill('SIGTERM');
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
  return { single, two: both[0] + both[1], pinned: pin, cores: cpus().length };
}

const cost = await bucketCost();
const speed = await throughput();
const line = (cells) => `| ${cells.join(' | ')} |`;
console.log(
  [
    '## Cluster mode',
    '',
    line(['Measure', 'Value']),
    line(['---', '---']),
    line(['`tryTake` (route + account), in-process buckets, p50 of 20 rounds', `${cost.inProcess.toFixed(0)} ns`]),
    line(['`tryTake` (route + account), Redis buckets (leased), p50', `${cost.redis.toFixed(0)} ns`]),
    line(['Added by the Redis bucket per request (p50)', `${((cost.redis - cost.inProcess) / 1000).toFixed(3)} µs`]),
    line(['One lease (Lua script round trip, off the request path) p50 / p99', `${cost.rttP50.toFixed(0)} / ${cost.rttP99.toFixed(0)} µs`]),
    line(['1 node, req/s (wrk -c32)', speed.single.toFixed(0)]),
    line(['2 nodes, req/s (two wrk, summed)', speed.two.toFixed(0)]),
    line(['2 nodes / 1 node', (speed.two / speed.single).toFixed(2)]),
    '',
    `${speed.cores} cores; nodes ${speed.pinned ? 'pinned to cores 1 and 2' : 'not pinned (fewer than 3 cores: wrk, the backend and the nodes share them)'}.`,
  ].join('\n'),
);
process.exit(0);
