// Child processes of the benchmark: pinned to a core, each in its own process group so that a
// proxy and anything it forks (nginx's worker) stop together, and every one of them stopped when
// the benchmark exits, fails or is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';

const running = new Set();
let tasksetPath;

/** Pinning is on when taskset was found; `cpu: undefined` runs unpinned (the workers scenario). */
export function usePinning(path) {
  tasksetPath = path;
}

/**
 * Starts `argv` (pinned to `cpu` when given) and resolves once `ready(output)` is true for its
 * collected stdout+stderr, or rejects with that output when it exits first or `timeoutMs` passes.
 */
export function startProcess(name, argv, { cpu, env, cwd, ready, timeoutMs = 30_000 } = {}) {
  const [cmd, ...args] = cpu !== undefined && tasksetPath ? [tasksetPath, '-c', String(cpu), ...argv] : argv;
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const proc = { name, child, pid: child.pid, output: '', exited: false, startedAt: process.hrtime.bigint() };
  running.add(proc);
  const keep = (chunk) => {
    // Keep the start of the output (where failures are explained) and not much more.
    if (proc.output.length < 64 * 1024) proc.output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  proc.exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      proc.exited = true;
      running.delete(proc);
      resolve({ code, signal });
    }),
  );
  if (ready === undefined) return Promise.resolve(proc);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`${name} did not become ready within ${timeoutMs} ms:\n${proc.output}`));
    }, timeoutMs);
    const poll = setInterval(async () => {
      if (proc.exited) {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`${name} exited before it was ready:\n${proc.output}`));
      } else if (await ready(proc.output)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(proc);
      }
    }, 20);
  });
}

/** SIGTERM to the process group, SIGKILL after `graceMs`. */
export async function stopProcess(proc, graceMs = 3000) {
  if (proc.exited) return;
  const signal = (sig) => {
    try {
      process.kill(-proc.pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await proc.exit;
  clearTimeout(timer);
  // A forked child (nginx's worker) may outlive the leader for a moment.
  signal('SIGKILL');
}

export async function stopAll() {
  await Promise.all([...running].map((proc) => stopProcess(proc)));
}

/** Synchronous last resort for process exit: the event loop is gone, so SIGKILL the groups. */
export function killAllNow() {
  for (const proc of running) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:`port`; rejects if `child` exits first. */
export async function waitForPort(port, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portico exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One GET; resolves with the status code, or 0 when the connection failed. */
export function probe(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

function childrenOf(pid) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return children;
}

/** Moves a process, all its threads and its descendants (nginx's worker) to `cpu` (taskset -a -p). */
export function setAffinity(pid, cpu) {
  if (!tasksetPath) return;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop();
    spawnSync(tasksetPath, ['-a', '-p', '-c', String(cpu), String(next)], { stdio: 'ignore' });
    pending.push(...childrenOf(next));
  }
}

/** Resident memory of a process and all its descendants, in bytes (nginx = master + worker). */
export function treeRss(pid) {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop();
    try {
      const status = readFileSync(`/proc/${next}/status`, 'utf8');
      const kib = /VmRSS:\s+(\d+) kB/.exec(status);
      if (kib) total += Number(kib[1]) * 1024;
    } catch {
      continue;
    }
    pending.push(...childrenOf(next));
  }
  return total;
}
