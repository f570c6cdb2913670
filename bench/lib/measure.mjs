// The run matrix: repetitions outermost, then scenarios, then contenders in an order that
// rotates every repetition, so slow drift of a shared machine spreads over every contender.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setAffinity, treeRss } from './processes.mjs';
import { runWrk, writePostScript } from './wrk.mjs';

let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system) a process and its direct children have used so far. */
export function cpuSeconds(pid) {
  const pids = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) pids.push(...children.split(' ').map(Number));
    }
  } catch {
    // gone, or no children file: count the process alone
  }
  let ticks = 0;
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // exited
    }
  }
  return ticks / ticksPerSecond();
}

export function rotate(list, by) {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/**
 * Runs every (scenario, contender) `reps` times; returns samples keyed `scenario|contender`.
 * A failed run is kept as a sample with `error`, so one broken contender never hides the rest.
 */
export async function runMatrix({ scenarios, reps, seconds, warmup, contenders, tools, loadCpu, proxyCpu, workDir, log }) {
  const samples = new Map();
  const postScripts = new Map();
  for (let rep = 0; rep < reps; rep++) {
    for (const scenario of scenarios) {
      for (const id of rotate(scenario.contenders, rep)) {
        const key = `${scenario.id}|${id}`;
        if (!samples.has(key)) samples.set(key, []);
        const path = scenario.path(id);
        let script;
        if (scenario.postBytes) {
          if (!postScripts.has(scenario.postBytes)) postScripts.set(scenario.postBytes, writePostScript(workDir, scenario.postBytes));
          script = postScripts.get(scenario.postBytes);
        }
        const cpu = scenario.unpinned ? undefined : loadCpu;
        let moved;
        try {
          const instance = await contenders.get(id, path);
          // Everything on one core: the proxy joins wrk and the backend for this run only.
          if (scenario.sharedCore && instance.pid) setAffinity((moved = instance.pid), loadCpu);
          const load = {
            wrk: tools.wrk,
            cpu,
            url: `${instance.url}${path}`,
            connections: scenario.connections,
            script,
            postBytes: scenario.postBytes,
          };
          if (warmup > 0) await runWrk({ ...load, seconds: warmup });
          const cpuBefore = instance.pid ? cpuSeconds(instance.pid) : 0;
          const started = process.hrtime.bigint();
          const result = await runWrk({ ...load, seconds });
          const wall = Number(process.hrtime.bigint() - started) / 1e9;
          const cpuUsed = instance.pid ? cpuSeconds(instance.pid) - cpuBefore : undefined;
          const sample = {
            ...result,
            proxyCpu: cpuUsed === undefined ? undefined : cpuUsed / wall,
            // CPU time per request: what a change to the proxy's code moves, whatever else the machine does.
            cpuUsPerReq: cpuUsed === undefined || result.requests === 0 ? undefined : (cpuUsed / result.requests) * 1e6,
            rss: instance.pid ? treeRss(instance.pid) : undefined,
          };
          samples.get(key).push(sample);
          log(`  [${rep + 1}/${reps}] ${scenario.id.padEnd(9)} ${id.padEnd(22)} ${describe(sample)}`);
        } catch (error) {
          samples.get(key).push({ error: error instanceof Error ? error.message : String(error) });
          log(`  [${rep + 1}/${reps}] ${scenario.id.padEnd(9)} ${id.padEnd(22)} FAILED: ${firstLine(error)}`);
        } finally {
          if (moved !== undefined) setAffinity(moved, proxyCpu);
        }
      }
    }
  }
  return samples;
}

function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function describe(s) {
  const parts = [`${Math.round(s.rps).toLocaleString('en-US').padStart(7)} req/s`, `p50 ${fmtUs(s.p50us)}`, `p99 ${fmtUs(s.p99us)}`];
  if (s.proxyCpu !== undefined) parts.push(`cpu ${Math.round(s.proxyCpu * 100)}%`);
  if (s.cpuUsPerReq !== undefined) parts.push(`${s.cpuUsPerReq.toFixed(1)} µs CPU/req`);
  if (s.rss !== undefined) parts.push(`rss ${(s.rss / 2 ** 20).toFixed(0)} MiB`);
  if (s.non2xx || s.socketErrors) parts.push(`ERRORS non-2xx ${s.non2xx}, socket ${s.socketErrors}`);
  return parts.join('  ');
}

export function fmtUs(us) {
  if (!Number.isFinite(us)) return '–';
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${Math.round(us)} µs`;
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Medians over the valid samples: a run that failed, or saw any non-2xx response or socket error,
 * measured something else than proxying and is left out (`errors` counts them).
 */
export function aggregate(list = []) {
  const ran = list.filter((s) => s.error === undefined);
  const good = ran.filter((s) => s.non2xx === 0 && s.socketErrors === 0);
  const errors = ran.reduce((n, s) => n + s.non2xx + s.socketErrors, 0);
  return {
    runs: good.length,
    failedRuns: list.length - good.length,
    errors,
    firstError: list.find((s) => s.error !== undefined)?.error ?? (errors > 0 ? `${errors} non-2xx responses or socket errors` : undefined),
    rps: median(good.map((s) => s.rps)),
    p50us: median(good.map((s) => s.p50us)),
    p99us: median(good.map((s) => s.p99us)),
    proxyCpu: median(good.map((s) => s.proxyCpu ?? Number.NaN)),
    cpuUsPerReq: median(good.map((s) => s.cpuUsPerReq ?? Number.NaN)),
    rss: Math.max(0, ...good.map((s) => s.rss ?? 0)) || undefined,
  };
}
