#!/usr/bin/env node
// `npm run bench`: Portico against a direct backend, nginx and the Node gateways, in one run,
// on one core each; writes docs/performance.md. `npm run bench -- --help` for the options.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { Contenders } from './lib/contenders.mjs';
import { aggregate, median, runMatrix } from './lib/measure.mjs';
import { isFullRun, parseOptions, USAGE } from './lib/options.mjs';
import { measureColdStart, PORTICO_CLI, porticoHasFlag, REPO, routePath } from './lib/portico.mjs';
import { porticoSetup } from './lib/portico-setup.mjs';
import { nginxBackendCommand } from './lib/nginx.mjs';
import { killAllNow, freePort, probe, startProcess, stopAll, usePinning } from './lib/processes.mjs';
import { profileStartup, profileUnderLoad } from './lib/profile-portico.mjs';
import { renderReport } from './lib/report.mjs';
import { buildScenarios } from './lib/scenarios.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { describeEnvironment, ensureTools } from './lib/tools.mjs';
import { describeWebSocketResult, runWebSocketScenario } from './lib/websocket.mjs';

const PROXY_CPU = 1;
const LOAD_CPU = 0;
const log = (line) => process.stdout.write(`${line}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    log(`\nbench: ${signal}, stopping every process it started`);
    void stopAll().finally(() => process.exit(130));
  });
}
process.on('exit', killAllNow);

/** bench/analysis.md: what the missed targets' numbers show and what was tried, kept by hand. */
function readAnalysis() {
  const path = join(REPO, 'bench', 'analysis.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** bench/history.md: figures of earlier benchmark set-ups (the Node backend), kept by hand. */
function readHistory() {
  const path = join(REPO, 'bench', 'history.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.help) return log(USAGE);
  if (!existsSync(PORTICO_CLI))
    throw new Error(`${relative(REPO, PORTICO_CLI)} is missing: run \`npm run build\` first (npm run bench does)`);
  // The WebSocket scenario alone needs neither wrk nor nginx.
  if (options.only?.length === 1 && options.only[0] === 'websocket') return webSocketOnly(options);
  const tools = ensureTools(log, options.install);
  usePinning(tools.taskset);
  const env = describeEnvironment(tools);
  const workDir = join(REPO, 'bench', '.work');
  mkdirSync(workDir, { recursive: true });

  // The backend is nginx (native, one worker, answers from memory): it serves several times what a
  // proxy does, so the proxy is what sets the pace. The Node backend of earlier runs is history.
  const backendPort = await freePort();
  await startProcess('backend (nginx)', nginxBackendCommand(tools.nginx, { dir: join(workDir, 'nginx-backend'), port: backendPort }), {
    cpu: LOAD_CPU,
    ready: async () => (await probe(`http://127.0.0.1:${backendPort}/orders/42`)) === 200,
  });
  const ctx = {
    tools,
    backendPort,
    backendUrl: `http://127.0.0.1:${backendPort}`,
    workDir,
    proxyCpu: PROXY_CPU,
    loadCpu: LOAD_CPU,
    porticoExtraFlags: [],
    log,
  };
  const setup = await porticoSetup(ctx);
  ctx.porticoExtraFlags = setup.extraFlags;
  const selected = (id) => options.only === undefined || options.only.includes(id);
  const skipped = new Map();
  const scenarios = buildScenarios({ routes: options.routes, routePath, allGateways: options.allGateways }).filter((s) => selected(s.id));
  for (const scenario of scenarios)
    if (scenario.requiresFlag && !porticoHasFlag(scenario.requiresFlag))
      skipped.set(scenario.id, `\`portico up\` has no \`${scenario.requiresFlag}\` option yet; this scenario runs once it does.`);
  log(
    `bench: ${options.reps} × ${options.duration} s per run, warm-up ${options.warmup} s; proxies on CPU ${PROXY_CPU}, wrk + backend on CPU ${LOAD_CPU}`,
  );

  let coldStart;
  if (selected('cold-start')) {
    const samples = [];
    for (let i = 0; i < options.coldStarts; i++) {
      const ms = await measureColdStart({
        workDir,
        apiPort: await freePort(),
        backendUrl: ctx.backendUrl,
        cpu: PROXY_CPU,
        extraFlags: setup.extraFlags,
      });
      samples.push(ms);
      log(`  cold start ${i + 1}/${options.coldStarts}: ${ms.toFixed(0)} ms`);
    }
    coldStart = { samples, medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples) };
  }

  let webSocket;
  if (selected('websocket'))
    webSocket = await runWebSocketScenario({
      backendUrl: await startNodeBackend(),
      proxyCpu: PROXY_CPU,
      seconds: options.duration,
      warmup: options.warmup,
      log,
    });

  const contenders = new Contenders(ctx);
  const toRun = scenarios.filter((s) => !skipped.has(s.id));
  const samples = await runMatrix({
    scenarios: toRun,
    reps: options.reps,
    seconds: options.duration,
    warmup: options.warmup,
    contenders,
    tools,
    loadCpu: LOAD_CPU,
    proxyCpu: PROXY_CPU,
    workDir,
    log,
  });
  const results = new Map(toRun.map((s) => [s.id, new Map(s.contenders.map((c) => [c, aggregate(samples.get(`${s.id}|${c}`))]))]));
  const startMs = new Map(contenders.startTimes());
  await contenders.stopAll();

  const notes = [...setup.notes, ...(webSocket === undefined ? [] : describeWebSocketResult(webSocket))];
  const load = Number(env.loadAverage.split(' ')[0]);
  if (load > cpus().length / 2)
    notes.push(
      `The machine was busy when this run started (load average ${load} on ${cpus().length} cores): the proxies shared their core with other work (see "proxy CPU"), so absolute numbers are low and ratios noisy. Re-run on a quiet machine.`,
    );
  for (const [id, byContender] of results) {
    const direct = byContender.get('direct')?.rps;
    for (const [contender, a] of byContender)
      if (contender !== 'direct' && a.rps > 0.8 * direct)
        notes.push(`${id}: ${contender} reached ${((a.rps / direct) * 100).toFixed(0)}% of direct; the backend may be what limits it.`);
  }
  const titles = new Map(scenarios.map((s) => [s.id, s.title]));
  const targets = evaluateTargets(results, coldStart, { routes: options.routes, titles });
  const missed = targets.filter((t) => t.met === false);

  const profiles = [];
  const wantProfile = options.profile === 'always' || (options.profile === 'auto' && missed.length > 0);
  if (wantProfile) {
    const missedThroughput = missed.some((t) => !/RSS|Cold start/.test(t.target));
    if (options.profile === 'always' || missedThroughput) {
      const allScenarios = buildScenarios({ routes: options.routes, routePath, allGateways: options.allGateways });
      for (const id of ['get-small', 'post-64k']) {
        log(`bench: profiling Portico under load (${id})`);
        profiles.push(
          await profileUnderLoad({ scenario: allScenarios.find((s) => s.id === id), seconds: Math.max(5, options.duration), ctx }),
        );
      }
    }
    if (options.profile === 'always' || missed.some((t) => /Cold start/.test(t.target))) {
      log('bench: profiling Portico start-up');
      profiles.push(await profileStartup({ ctx }));
    }
  }

  const full = isFullRun(options);
  const out = options.out ?? (full ? join(REPO, 'docs', 'performance.md') : join(workDir, 'performance.md'));
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const report = renderReport({
    date,
    full,
    argv,
    options,
    env,
    scenarios,
    results,
    targets,
    coldStart,
    skipped,
    startMs,
    profiles,
    notes,
    porticoSetup: setup.lines,
    proxyCpu: PROXY_CPU,
    loadCpu: LOAD_CPU,
    analysis: readAnalysis(),
    history: readHistory(),
  });
  writeFileSync(out, report);
  const raw = join(workDir, `results-${date.replace(/[:]/g, '')}.json`);
  writeFileSync(raw, JSON.stringify({ date, options, env, coldStart, targets, samples: Object.fromEntries(samples) }, null, 2));
  log('\nTargets:');
  for (const t of targets)
    log(`  ${t.met === true ? 'met   ' : t.met === false ? 'MISSED' : t.met === 'info' ? 'info  ' : 'n/a   '} ${t.target}: ${t.measured}`);
  log(`\nwrote ${relative(process.cwd(), out)} (raw samples: ${relative(process.cwd(), raw)})`);
}

/** The Node echo backend (bench/servers/backend.mjs): the WebSocket scenario's HTTP route echoes through it. */
async function startNodeBackend() {
  const port = await freePort();
  await startProcess('backend (node)', [process.execPath, join(REPO, 'bench', 'servers', 'backend.mjs'), String(port)], {
    cpu: LOAD_CPU,
    ready: (output) => output.includes('listening'),
  });
  return `http://127.0.0.1:${port}`;
}

/** `npm run bench -- --only websocket`: the backend, the WebSocket gateway, the client; a short report in bench/.work. */
async function webSocketOnly(options) {
  const workDir = join(REPO, 'bench', '.work');
  mkdirSync(workDir, { recursive: true });
  const result = await runWebSocketScenario({
    backendUrl: await startNodeBackend(),
    proxyCpu: PROXY_CPU,
    seconds: options.duration,
    warmup: options.warmup,
    log,
  });
  const out = options.out ?? join(workDir, 'websocket.md');
  writeFileSync(out, `# WebSocket scenario (${new Date().toISOString()})\n\n${describeWebSocketResult(result).join('\n')}\n`);
  log(`\nwrote ${relative(process.cwd(), out)}`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
  removeRunDirectories(join(REPO, 'bench', '.work'));
}

/** Fixture copies, their state and access logs (hundreds of MB after a full run), nginx's prefix. */
function removeRunDirectories(workDir) {
  if (!existsSync(workDir)) return;
  for (const entry of readdirSync(workDir, { withFileTypes: true }))
    if (entry.isDirectory() && entry.name !== 'profiles') rmSync(join(workDir, entry.name), { recursive: true, force: true });
}
