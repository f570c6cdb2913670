// Load from wrk: one thread (it shares its core with the backend), N keep-alive connections,
// `--latency` for the percentile table. Its text output is parsed here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from './processes.mjs';

const UNITS = { us: 1, ms: 1000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };

function micros(value, unit) {
  return Number(value) * (UNITS[unit] ?? Number.NaN);
}

/**
 * Parses wrk's report: requests/s, p50 and p99 in microseconds, the request count, non-2xx/3xx
 * responses and socket errors (a run with either is not a valid measurement).
 */
export function parseWrkOutput(text) {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  if (!rps) throw new Error(`wrk printed no Requests/sec line:\n${text}`);
  const percentile = (p) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(text);
    return match ? micros(match[1], match[2]) : Number.NaN;
  };
  const total = /(\d+) requests in/.exec(text);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    rps: Number(rps[1]),
    p50us: percentile(50),
    p99us: percentile(99),
    requests: total ? Number(total[1]) : 0,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors,
  };
}

/** wrk Lua that turns every request into a POST with a body of `bytes` bytes. */
export function writePostScript(dir, bytes) {
  const path = join(dir, `post-${bytes}.lua`);
  writeFileSync(
    path,
    `wrk.method = "POST"\nwrk.body = string.rep("p", ${bytes})\nwrk.headers["Content-Type"] = "application/octet-stream"\n`,
  );
  return path;
}

const LOADGEN = fileURLToPath(new URL('./loadgen.mjs', import.meta.url));

/**
 * Runs wrk against `url` (pinned to `cpu` when given) and returns the parsed report; without wrk
 * (`wrk` undefined), the bench's own generator, which reports in wrk's format (`postBytes` is its POST body).
 */
export async function runWrk({ wrk, cpu, url, connections, seconds, script, postBytes, timeoutSeconds = 10 }) {
  if (wrk === undefined) {
    const proc = await startProcess(
      'loadgen',
      [process.execPath, LOADGEN, url, String(connections), String(Math.max(1, Math.round(seconds))), String(postBytes ?? 0)],
      { cpu },
    );
    const { code } = await proc.exit;
    if (code !== 0) throw new Error(`the load generator exited with ${code}: ${proc.output.trim()}`);
    return parseWrkOutput(proc.output);
  }
  // wrk takes whole seconds only.
  const args = ['-t1', `-c${connections}`, `-d${Math.max(1, Math.round(seconds))}s`, '--timeout', `${timeoutSeconds}s`, '--latency'];
  if (script) args.push('-s', script);
  args.push(url);
  // Started like every other child, so an interrupted benchmark stops it too.
  const proc = await startProcess('wrk', [wrk, ...args], { cpu });
  const { code } = await proc.exit;
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${proc.output.trim()}`);
  return parseWrkOutput(proc.output);
}
