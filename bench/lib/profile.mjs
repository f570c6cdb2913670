// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by function,
// and by area (Portico's own code, undici, pino, Node's HTTP internals, GC, idle).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Which part of the process a source URL belongs to. */
export function areaOf(url, functionName) {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8/native (program)';
  if (url === '') return 'native';
  if (url.startsWith('wasm://')) return 'WebAssembly';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own) return `portico ${own[1]}/`;
  if (url.startsWith('node:internal/http') || url.startsWith('node:_http') || url.startsWith('node:http')) return 'node http';
  if (url.startsWith('node:internal/streams') || url.startsWith('node:stream')) return 'node streams';
  if (url.startsWith('node:net') || url.startsWith('node:internal/stream_base')) return 'node net';
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/bootstrap')) return 'node module loading';
  if (url.startsWith('node:')) return 'node other';
  return 'other';
}

function shortUrl(url) {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, '');
}

/**
 * Self time per function and per area, as shares of all sampled time (idle included, so a
 * proxy that was not saturated shows it). `top` functions, most expensive first. `fromMicros`:
 * only samples taken that long after the profile started.
 */
export function summarizeProfile(profile, top = 25, { fromMicros = 0 } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  let elapsed = 0;
  for (let i = 0; i < samples.length; i++) {
    elapsed += timeDeltas[i] ?? 0;
    // Samples before `fromMicros` (start-up, warm-up) are not what is being asked about.
    if (elapsed < fromMicros) continue;
    const delta = timeDeltas[i + 1] ?? 0;
    selfMicros.set(samples[i], (selfMicros.get(samples[i]) ?? 0) + Math.max(delta, 0));
  }
  let total = 0;
  const functions = new Map();
  const areas = new Map();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (node === undefined) continue;
    total += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const key = `${name} ${shortUrl(url)}:${lineNumber + 1}`;
    const entry = functions.get(key) ?? { name, where: url ? `${shortUrl(url)}:${lineNumber + 1}` : '', micros: 0 };
    entry.micros += micros;
    functions.set(key, entry);
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + micros);
  }
  const share = (micros) => (total === 0 ? 0 : micros / total);
  return {
    totalMs: total / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, share: share(f.micros) })),
    areas: [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([area, micros]) => ({ area, share: share(micros) })),
  };
}

/** The newest .cpuprofile in `dir`, parsed. */
/**
 * The main thread's profile in `dir`. node --cpu-prof writes one file per thread, named
 * `CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile`; the main thread is thread 0, and
 * the worker threads (the HCL check, Lambda environments) are not the proxy path.
 */
export function readMainThreadProfile(dir) {
  const files = readdirSync(dir)
    .filter((name) => /\.0\.\d+\.cpuprofile$/.test(name))
    .sort();
  const last = files.at(-1);
  if (last === undefined) throw new Error(`no main-thread .cpuprofile was written in ${dir}`);
  return JSON.parse(readFileSync(join(dir, last), 'utf8'));
}

/** Markdown for the report. */
export function profileMarkdown(summary, { topAreas = 12 } = {}) {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Sampled ${(summary.totalMs / 1000).toFixed(1)} s of CPU time.`,
    '',
    '| Area | Self time |',
    '| --- | ---: |',
    ...summary.areas.slice(0, topAreas).map((a) => `| ${a.area} | ${pct(a.share)} |`),
    '',
    '| Function | Where | Self time |',
    '| --- | --- | ---: |',
    ...summary.functions.map((f) => `| \`${f.name}\` | ${f.where} | ${pct(f.share)} |`),
  ];
  return lines.join('\n');
}
