// The programs the benchmark drives but does not ship: wrk (load), nginx (the native baseline),
// taskset (core pinning). On a fresh Debian machine they come from apt-get; the Node gateways
// come from package.json's devDependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem } from 'node:os';
import { createRequire } from 'node:module';

const APT_PACKAGES = { wrk: 'wrk', nginx: 'nginx', taskset: 'util-linux' };
const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Absolute path of a program, or undefined. nginx lives in /usr/sbin, often not on a user's PATH. */
export function which(program) {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH];
  for (const dir of dirs) if (existsSync(`${dir}/${program}`)) return `${dir}/${program}`;
  return undefined;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Optional: without wrk the bench drives load with its own generator (bench/lib/loadgen.mjs). */
const OPTIONAL = new Set(['wrk']);

/**
 * Installs what is missing with apt-get (one `apt-get update` first). Returns program → path; `wrk`
 * is undefined when it could not be installed (the bench's own load generator runs instead).
 * Debian's nginx package may try to start a system nginx on port 80; the benchmark never uses it
 * (it runs its own nginx processes with their own configs and prefixes).
 */
export function ensureTools(log, install = true) {
  const missing = Object.keys(APT_PACKAGES).filter((program) => which(program) === undefined);
  if (missing.length > 0) {
    const sudo = isRoot() ? [] : ['sudo'];
    const howTo = (programs) =>
      `install with: apt-get install -y ${[...new Set(programs.map((program) => APT_PACKAGES[program]))].join(' ')}`;
    const required = missing.filter((program) => !OPTIONAL.has(program));
    const canInstall = install && (isRoot() || which('sudo') !== undefined) && which('apt-get') !== undefined;
    if (!canInstall && required.length > 0)
      throw new Error(`missing ${required.join(', ')}; ${howTo(required)} (root, or sudo)${install ? '' : '; --no-install was given'}`);
    if (canInstall) {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const run = (args) => {
        const [cmd, ...rest] = [...sudo, ...args];
        return spawnSync(cmd, rest, { stdio: ['ignore', 'inherit', 'inherit'], env }).status === 0;
      };
      log(`installing ${missing.map((program) => APT_PACKAGES[program]).join(' ')} with apt-get (missing: ${missing.join(', ')})`);
      run(['apt-get', 'update', '-qq']);
      // One package at a time: a distribution without wrk still gets nginx.
      for (const program of missing) {
        const ok = run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', APT_PACKAGES[program]]);
        if (!ok && !OPTIONAL.has(program)) throw new Error(`apt-get install ${APT_PACKAGES[program]} failed; ${howTo([program])}`);
      }
    }
  }
  const paths = {};
  for (const program of Object.keys(APT_PACKAGES)) {
    const path = which(program);
    if (path === undefined && !OPTIONAL.has(program))
      throw new Error(`${program} is still missing after installing ${APT_PACKAGES[program]}`);
    paths[program] = path;
  }
  if (paths.wrk === undefined)
    log("wrk is not installed: the load comes from the bench's own generator (bench/lib/loadgen.mjs), which drives less load");
  return paths;
}

function firstLine(text) {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

function versionOf(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  return firstLine(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
}

function packageVersion(name) {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve(`${name}/package.json`, { paths: [process.cwd()] });
    return JSON.parse(readFileSync(path, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/** The commit under test; PORTICO_COMMIT names it when the bench runs from an export, not a checkout. */
function gitCommit() {
  if (process.env.PORTICO_COMMIT) return process.env.PORTICO_COMMIT;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${commit} + uncommitted changes in src/` : commit;
  } catch {
    return 'unknown';
  }
}

/** What the report prints about the machine and every program in the comparison. */
export function describeEnvironment(paths) {
  const cpu = cpus()[0];
  return {
    cpu: `${cpu?.model ?? 'unknown'} × ${cpus().length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    kernel: `Linux ${release()}`,
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    versions: {
      node: process.version,
      portico: gitCommit(),
      nginx: versionOf(paths.nginx, ['-v']).replace(/^nginx version: /, ''),
      wrk:
        paths.wrk === undefined
          ? 'not installed (bench/lib/loadgen.mjs instead)'
          : versionOf(paths.wrk, ['-v']).replace(/ Copyright.*$/, ''),
      undici: packageVersion('undici'),
      'fast-gateway': packageVersion('fast-gateway'),
      fastify: packageVersion('fastify'),
      '@fastify/http-proxy': packageVersion('@fastify/http-proxy'),
      'http-proxy': packageVersion('http-proxy'),
    },
  };
}
