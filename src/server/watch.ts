import { readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isConfigurationInput } from './watch-filter.js';

/** setTimeout/clearTimeout, injected so tests can fire the debounce themselves. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface WatchOptions {
  /** Quiet time after the last change before reloading (default 100 ms): an editor's burst of writes makes one reload. */
  debounceMs?: number;
  timers?: Timers;
}

export const DEFAULT_DEBOUNCE_MS = 100;

/**
 * Collapses a burst of change notices into one call, `debounceMs` after the last notice
 * (trailing edge). Changes that arrive while that call runs schedule one more.
 */
export class Debouncer {
  readonly #run: () => void;
  readonly #ms: number;
  readonly #timers: Timers;
  #pending: unknown;

  constructor(run: () => void, options: WatchOptions = {}) {
    this.#run = run;
    this.#ms = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.#timers = options.timers ?? realTimers;
  }

  notice(): void {
    if (this.#pending !== undefined) this.#timers.clearTimeout(this.#pending);
    this.#pending = this.#timers.setTimeout(this.#fire, this.#ms);
  }

  cancel(): void {
    if (this.#pending !== undefined) this.#timers.clearTimeout(this.#pending);
    this.#pending = undefined;
  }

  readonly #fire = (): void => {
    this.#pending = undefined;
    this.#run();
  };
}

export interface ConfigurationWatcher {
  /** Follow the inputs the last reload read (modules or var files outside the directory), and new folders. */
  update(inputs: readonly string[]): void;
  close(): void;
}

/** Folders under the configuration directory worth watching; hidden ones and node_modules are skipped. */
const MAX_FOLDERS = 1_000;

function foldersUnder(root: string): string[] {
  const found = [root];
  for (let i = 0; i < found.length && found.length < MAX_FOLDERS; i++) {
    let entries: Dirent[];
    try {
      entries = readdirSync(found[i] as string, { withFileTypes: true });
    } catch {
      continue; // removed meanwhile
    }
    for (const entry of entries)
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        found.push(join(found[i] as string, entry.name));
  }
  return found;
}

/**
 * Watches every folder of the configuration directory, and the folders of inputs that live outside
 * it, and calls `changed` once per burst of changes to configuration inputs. Each folder gets its
 * own non-recursive watcher: Node 20's recursive mode on Linux loses a file that an editor replaced
 * by renaming a new one over it (as `sed -i` and many editors save), while a folder's own watcher
 * sees every name in it.
 */
export function watchConfiguration(
  dir: string,
  inputs: readonly string[],
  changed: () => void,
  onError: (error: Error) => void,
  options: WatchOptions = {},
): ConfigurationWatcher {
  const root = resolve(dir);
  const debouncer = new Debouncer(changed, options);
  let known = new Set(inputs);
  let closed = false;
  const watchers = new Map<string, FSWatcher>();
  const sync = () => {
    if (closed) return;
    const outside = [...known].map((file) => dirname(file)).filter((folder) => folder !== root && !folder.startsWith(root + sep));
    const wanted = new Set([...foldersUnder(root), ...outside]);
    for (const [folder, watcher] of watchers)
      if (!wanted.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    for (const folder of wanted) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(folder, watch(folder, { persistent: false }, onChange(folder)).on('error', onError));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error as Error);
      }
    }
  };
  const onChange = (folder: string) => (event: string, filename: string | Buffer | null) => {
    // A name came or went: it may be a new folder to watch (or one to drop).
    if (event === 'rename') sync();
    // Some platforms do not say which file changed: reload to be safe.
    if (filename === null) return debouncer.notice();
    const absolute = join(folder, filename.toString());
    const inside = folder === root || folder.startsWith(root + sep);
    if (inside ? isConfigurationInput(relative(root, absolute), absolute, known) : known.has(absolute)) debouncer.notice();
  };
  sync();
  return {
    update(next: readonly string[]) {
      known = new Set(next);
      sync();
    },
    close() {
      closed = true;
      debouncer.cancel();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
