// How each contender is started. Every proxy runs pinned to the proxy core and stays up for the
// whole run (like a deployed gateway); `direct` is the backend itself, with no proxy in between.
import { request } from 'node:http';
import { join } from 'node:path';
import { nginxCommand } from './nginx.mjs';
import { prepareFixture, REPO, routePath, routesFlags, startPortico } from './portico.mjs';
import { freePort, probe, startProcess, stopProcess } from './processes.mjs';

export const LABELS = {
  direct: 'direct (no proxy)',
  portico: 'Portico',
  nginx: 'nginx',
  'fast-gateway': 'fast-gateway',
  'fastify-http-proxy': 'fastify + @fastify/http-proxy',
  'http-proxy': 'http-proxy',
  'undici-bare': 'node:http + undici, bare (reference)',
};

export function labelOf(id) {
  const routes = /^portico-routes-(\d+)$/.exec(id);
  if (routes) return `Portico, ${Number(routes[1]).toLocaleString('en-US')} route${routes[1] === '1' ? '' : 's'}`;
  const workers = /^portico-workers-(\d+)$/.exec(id);
  if (workers) return `Portico, --workers ${workers[1]}`;
  if (id === 'portico-no-console') return 'Portico, --no-console';
  if (id === 'portico-console-closed') return 'Portico, no console open';
  if (id === 'portico-console-open') return 'Portico, a live view open (SSE)';
  return LABELS[id] ?? id;
}

const NODE_SCRIPTS = {
  'fast-gateway': 'fast-gateway.mjs',
  'fastify-http-proxy': 'fastify-proxy.mjs',
  'http-proxy': 'http-proxy.mjs',
  'undici-bare': 'undici-bare.mjs',
};

const untilListening = (output) => output.includes('listening');

/**
 * Starts contenders on demand and keeps them. `ctx`: { tools, backendUrl, backendPort, workDir,
 * proxyCpu, porticoExtraFlags: added to every `portico up`, log }.
 */
export class Contenders {
  #started = new Map();
  #failed = new Map();

  constructor(ctx) {
    this.ctx = ctx;
  }

  /** { id, url (origin), pid | undefined, startMs, stop() } */
  async get(id, path) {
    const existing = this.#started.get(id);
    if (existing) return existing;
    // A contender that could not start fails its later runs at once instead of retrying.
    const failure = this.#failed.get(id);
    if (failure) throw failure;
    const started = Date.now();
    let instance;
    try {
      instance = await this.#start(id, path);
    } catch (error) {
      this.#failed.set(id, error);
      throw error;
    }
    instance.startMs = Date.now() - started;
    this.#started.set(id, instance);
    return instance;
  }

  /** [id, ms from spawn to ready] of every contender started so far. */
  startTimes() {
    return [...this.#started].map(([id, instance]) => [id, instance.startMs]);
  }

  async stopAll() {
    await Promise.all([...this.#started.values()].map((instance) => instance.stop()));
    this.#started.clear();
  }

  async #start(id, path) {
    const { ctx } = this;
    if (id === 'direct') return { id, url: ctx.backendUrl, pid: undefined, stop: async () => {} };
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { NODE_ENV: 'production' };
    let proc;
    if (id === 'nginx') {
      const argv = nginxCommand(ctx.tools.nginx, { dir: join(ctx.workDir, 'nginx'), port, backendPort: ctx.backendPort });
      proc = await startProcess('nginx', argv, {
        cpu: ctx.proxyCpu,
        ready: async () => (await probe(`${url}${path}`)) === 200,
      });
    } else if (NODE_SCRIPTS[id]) {
      const script = join(REPO, 'bench', 'servers', NODE_SCRIPTS[id]);
      proc = await startProcess(id, [process.execPath, script, String(port), ctx.backendUrl], {
        cpu: ctx.proxyCpu,
        env,
        ready: untilListening,
      });
    } else {
      proc = await this.#startPortico(id, port, path);
    }
    return {
      id,
      url,
      pid: proc.pid,
      proc,
      stop: () => {
        proc.liveView?.close();
        return stopProcess(proc);
      },
    };
  }

  async #startPortico(id, apiPort, path) {
    const { ctx } = this;
    const routes = /^portico-routes-(\d+)$/.exec(id);
    const workers = /^portico-workers-(\d+)$/.exec(id);
    const count = routes ? Number(routes[1]) : undefined;
    const dir = prepareFixture(ctx.workDir, id, count);
    if (count !== undefined && count >= 1000)
      ctx.log(`  starting Portico with ${count.toLocaleString('en-US')} routes (loading them can take a while)`);
    const extraFlags = [...ctx.porticoExtraFlags, ...routesFlags(count)];
    if (workers) extraFlags.push('--workers', workers[1]);
    if (id === 'portico-no-console') extraFlags.push('--no-console');
    // A live view: the console's event stream stays open through the runs, as a browser tab's would.
    const liveView = id === 'portico-console-open';
    const edgePort = liveView ? await freePort() : undefined;
    if (edgePort !== undefined) extraFlags.push('--port', String(edgePort));
    const { proc } = await startPortico(
      id,
      { dir, apiPort, backendUrl: ctx.backendUrl, extraFlags },
      { cpu: workers ? undefined : ctx.proxyCpu, path: path ?? (count ? routePath(count) : '/orders/42'), timeoutMs: 15 * 60_000 },
    );
    if (edgePort === undefined) return proc;
    const view = await openLiveView(`http://127.0.0.1:${edgePort}/_portico/api/events`);
    ctx.log(`  ${id}: live view open on /_portico/api/events`);
    proc.liveView = view;
    return proc;
  }
}

/** An event-stream client that reads (and counts) every request event, as the console page does. */
function openLiveView(url) {
  return new Promise((resolve, reject) => {
    const view = { events: 0, close: () => req.destroy() };
    const req = request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
      res.setEncoding('utf8');
      // Requests arrive in batches ("requests": an array of summaries, one "seq" each).
      res.on('data', (chunk) => {
        view.events += chunk.split('"seq":').length - 1;
      });
      resolve(view);
    });
    req.on('error', (error) => (view.events === 0 ? reject(error) : undefined));
    req.end();
  });
}
