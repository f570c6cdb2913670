#!/usr/bin/env node
// Issue #17, finding 2: what 100 connections, each sending an unsigned `POST /v2/apis` that
// declares 10 MB (the quota) and sending 10 MB − 1 byte of it, then holding, add to the resident
// memory of `portico up --auth`.
// Usage: npm run build && node bench/control-plane-body-rss.mjs [dir] (default examples/seed)
// Prints the RSS of the Portico process before, at its peak while the uploads are under way, and
// once they are answered, and how each connection was answered. Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './lib/processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? join(root, 'examples/seed');
const CONNECTIONS = 100;
const DECLARED_BYTES = 10 * 1024 * 1024;
const BODY_BYTES = DECLARED_BYTES - 1;

const rssMiB = (pid) => {
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kib / 1024;
};

/** One unsigned upload: the head, then all but the last byte of the body as fast as the server takes it, then hold. Resolves with the status seen. */
function upload(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (outcome) => {
      if (done) return;
      done = true;
      resolve({ outcome, socket });
    };
    socket.on('error', (error) => finish(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? error.code));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      if (status && text.includes('\r\n\r\n')) finish(status);
    });
    socket.on('close', () => finish(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 'closed without answer'));
    socket.write(
      `POST /v2/apis HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${DECLARED_BYTES}\r\n\r\n`,
    );
    // Everything handed over and still no answer: the server holds the body, waiting for the last byte.
    socket.write(Buffer.alloc(BODY_BYTES, 0x20), (error) => {
      if (!error) setTimeout(() => finish(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 'no answer, body held'), 500);
    });
  });
}

const port = await freePort();
const child = spawn(
  process.execPath,
  [join(root, 'dist/cli/portico.js'), 'up', dir, '--port', String(port), '--state', ':memory:', '--auth', 'AKIDBENCH:bench-secret'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
try {
  await waitForPort(port, child);
  // One refused request loads the control-plane protocol, as any first client would.
  await upload(port).then(({ socket }) => socket.destroy());
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = rssMiB(child.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(child.pid))), 20);
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: CONNECTIONS }, () => upload(port)));
  const answeredMs = performance.now() - started;
  // The clients hold their sockets for a moment, as the attack did, while RSS is still sampled.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  clearInterval(sampler);
  const after = rssMiB(child.pid);
  for (const { socket } of results) socket.destroy();
  const outcomes = {};
  for (const { outcome } of results) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  const mib = (n) => `${n.toFixed(1)} MiB`;
  console.log(
    `${CONNECTIONS} unsigned POST /v2/apis sending ${BODY_BYTES} of ${DECLARED_BYTES} bytes, then holding, against portico up --auth (${dir})`,
  );
  console.log(`answers: ${JSON.stringify(outcomes)} within ${answeredMs.toFixed(0)} ms`);
  console.log(`RSS before ${mib(before)}, peak ${mib(peak)} (+${mib(peak - before)}), after ${mib(after)} (+${mib(after - before)})`);
} finally {
  child.kill('SIGTERM');
}
