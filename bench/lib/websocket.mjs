// The `websocket` scenario (`npm run bench -- --only websocket`): what an idle WebSocket connection
// costs Portico (connections held per 100 MiB of resident memory) and how many messages per second
// go through a `$default` route to a local Lambda function and an `http` route to the echo backend,
// both two-way, with 50 connections each sending its next message when the answer to the last arrives.
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { REPO } from './portico.mjs';
import { freePort, startProcess, stopProcess } from './processes.mjs';

const IDLE_CONNECTIONS = 5_000;
const ACTIVE_CONNECTIONS = 50;
const MIB = 1024 * 1024;

async function rss(port) {
  const response = await fetch(`http://127.0.0.1:${port}/rss`);
  return (await response.json()).rss;
}

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function openMany(url, count) {
  const sockets = [];
  for (let i = 0; i < count; i += 200)
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(200, count - i) }, () => open(url)))));
  return sockets;
}

/** Closed-loop messages per second over `sockets` for `seconds`, after `warmup` seconds. */
async function messagesPerSecond(sockets, message, seconds, warmup) {
  let counting = false;
  let answered = 0;
  let stop = false;
  const loops = sockets.map(
    (ws) =>
      new Promise((resolve) => {
        ws.on('message', () => {
          if (counting) answered++;
          if (stop) return resolve();
          ws.send(message);
        });
        ws.send(message);
      }),
  );
  await new Promise((resolve) => setTimeout(resolve, warmup * 1000));
  counting = true;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  counting = false;
  stop = true;
  await Promise.all(loops);
  for (const ws of sockets) ws.removeAllListeners('message');
  return answered / seconds;
}

export async function runWebSocketScenario({ backendUrl, proxyCpu, seconds, warmup, log }) {
  const port = await freePort();
  const gateway = await startProcess(
    'websocket-gateway',
    [process.execPath, '--expose-gc', join(REPO, 'bench', 'servers', 'websocket-gateway.mjs'), String(port), backendUrl],
    { cpu: proxyCpu, ready: (output) => output.includes('listening') },
  );
  const url = `ws://127.0.0.1:${port}/_aws/execute-api/wsbench001/bench`;
  try {
    const before = await rss(port);
    const idle = await openMany(url, IDLE_CONNECTIONS);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await rss(port);
    const perConnection = Math.max(1, (after - before) / IDLE_CONNECTIONS);
    const held = Math.round((100 * MIB) / perConnection);
    log(`  websocket: ${IDLE_CONNECTIONS} idle connections took ${((after - before) / MIB).toFixed(1)} MiB: ${held} per 100 MiB`);
    for (const ws of idle) ws.terminate();
    const active = await openMany(url, ACTIVE_CONNECTIONS);
    const lambda = await messagesPerSecond(active, '{"action":"ping"}', seconds, warmup);
    log(`  websocket: $default → Lambda, ${ACTIVE_CONNECTIONS} connections: ${lambda.toFixed(0)} messages/s`);
    const http = await messagesPerSecond(active, '{"action":"http"}', seconds, warmup);
    log(`  websocket: http → echo backend, ${ACTIVE_CONNECTIONS} connections: ${http.toFixed(0)} messages/s`);
    for (const ws of active) ws.terminate();
    return {
      idleConnections: IDLE_CONNECTIONS,
      rssBeforeMiB: before / MIB,
      rssAfterMiB: after / MIB,
      connectionsPer100MiB: held,
      lambdaMessagesPerSecond: lambda,
      httpMessagesPerSecond: http,
    };
  } finally {
    await stopProcess(gateway);
  }
}

/** The scenario's lines for a report. */
export function describeWebSocketResult(r) {
  return [
    `WebSocket (${r.idleConnections} idle connections, then 50 in a closed loop): ${r.connectionsPer100MiB} connections held per 100 MiB ` +
      `(RSS ${r.rssBeforeMiB.toFixed(0)} → ${r.rssAfterMiB.toFixed(0)} MiB); ${r.lambdaMessagesPerSecond.toFixed(0)} messages/s through a ` +
      `\`$default\` Lambda route, ${r.httpMessagesPerSecond.toFixed(0)} messages/s through an echo HTTP integration (two-way routes).`,
  ];
}
