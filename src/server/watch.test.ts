import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Debouncer, watchConfiguration, type Timers } from './watch.js';
import { isConfigurationInput } from './watch-filter.js';

/** Timers the test fires by hand; `armed()` resolves when the code under test next sets one. */
class ManualTimers implements Timers {
  readonly pending = new Map<number, () => void>();
  sets = 0;
  #next = 0;
  #waiters: (() => void)[] = [];

  setTimeout(run: () => void, _ms: number): unknown {
    const id = ++this.#next;
    this.pending.set(id, run);
    this.sets++;
    for (const resolve of this.#waiters.splice(0)) resolve();
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  armed(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  fire(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const run of due) run();
  }
}

describe('Debouncer', () => {
  it('turns a burst of notices into one call, after the burst', () => {
    const timers = new ManualTimers();
    let calls = 0;
    const debouncer = new Debouncer(() => calls++, { debounceMs: 50, timers });
    for (let i = 0; i < 5; i++) debouncer.notice();
    expect(calls).toBe(0);
    expect(timers.pending.size).toBe(1);
    timers.fire();
    expect(calls).toBe(1);
    debouncer.notice();
    timers.fire();
    expect(calls).toBe(2);
  });

  it('cancel drops a pending call', () => {
    const timers = new ManualTimers();
    let calls = 0;
    const debouncer = new Debouncer(() => calls++, { timers });
    debouncer.notice();
    debouncer.cancel();
    timers.fire();
    expect(calls).toBe(0);
  });
});

describe('isConfigurationInput', () => {
  const known = new Set(['/cfg/policy.txt']);
  it.each([
    ['main.tf', true],
    ['modules/api/main.tf', true],
    ['api.tf.json', true],
    ['prod.tfvars', true],
    ['terraform.tfvars.json', true],
    ['portico.json', true],
    ['openapi.yaml', true],
    ['templates/body.tftpl', true],
    ['certs/ca.pem', true],
    ['policy.txt', true], // read last time (e.g. by file()), so it counts whatever its name
    ['.portico/state.db', false],
    ['.portico/state.db-wal', false],
    ['.terraform/modules/modules.json', false],
    ['.git/index', false],
    ['main.tf~', false],
    ['.main.tf.swp', false],
    ['#main.tf#', false],
    ['main.tf___jb_tmp___', false],
    ['node_modules/x/package.json', false],
    ['server.log', false],
    ['dist/index.js', false],
  ])('%s → %s', (path, expected) => {
    expect(isConfigurationInput(path, join('/cfg', path), known)).toBe(expected);
  });
});

/** Let the change notices already queued for the saves so far arrive (a few turns of the event loop). */
async function drain(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('watchConfiguration (real files, hand-fired timers)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('notices a .tf change and calls once, when the timer fires (which files count: isConfigurationInput above)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-watch-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'main.tf'), '# v1');
    const timers = new ManualTimers();
    let changes = 0;
    const watcher = watchConfiguration(
      dir,
      [join(dir, 'main.tf')],
      () => changes++,
      (error) => {
        throw error;
      },
      { timers },
    );
    try {
      const armed = timers.armed();
      writeFileSync(join(dir, 'main.tf'), '# v2');
      await armed;
      expect(changes).toBe(0);
      timers.fire();
      expect(changes).toBe(1);
    } finally {
      watcher.close();
    }
  });

  it('keeps seeing a file an editor replaced by renaming a new one over it, and folders made later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-watch-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'main.tf'), '# v1');
    const timers = new ManualTimers();
    let changes = 0;
    const watcher = watchConfiguration(
      dir,
      [join(dir, 'main.tf')],
      () => changes++,
      (error) => {
        throw error;
      },
      { timers },
    );
    try {
      // Save as `sed -i` and many editors do: write a temporary file, rename it over the original.
      let armed = timers.armed();
      writeFileSync(join(dir, 'main.tf.tmp'), '# v2');
      renameSync(join(dir, 'main.tf.tmp'), join(dir, 'main.tf'));
      await armed;
      await drain();
      timers.fire();
      // The next save, in place, to the new file.
      armed = timers.armed();
      appendFileSync(join(dir, 'main.tf'), '\n# v3');
      await armed;
      await drain();
      timers.fire();
      // A folder made after start (a template beside a module) is watched too.
      mkdirSync(join(dir, 'templates'));
      armed = timers.armed();
      let noticed = false;
      void armed.then(() => (noticed = true));
      // The folder's watcher starts when its creation is seen; save until a save is noticed.
      while (!noticed) {
        writeFileSync(join(dir, 'templates', 'body.yaml'), 'openapi: 3.0.1');
        await new Promise((resolve) => setImmediate(resolve));
      }
      timers.fire();
      expect(changes).toBe(3);
    } finally {
      watcher.close();
    }
  });

  it('follows inputs outside the directory (a module or var file elsewhere) once told about them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-watch-'));
    const shared = mkdtempSync(join(tmpdir(), 'portico-shared-'));
    dirs.push(dir, shared);
    const timers = new ManualTimers();
    let changes = 0;
    const watcher = watchConfiguration(
      dir,
      [],
      () => changes++,
      (error) => {
        throw error;
      },
      { timers },
    );
    try {
      watcher.update([join(shared, 'common.tfvars')]);
      const armed = timers.armed();
      writeFileSync(join(shared, 'common.tfvars'), 'x = 1');
      await armed;
      timers.fire();
      expect(changes).toBe(1);
    } finally {
      watcher.close();
    }
  });
});
