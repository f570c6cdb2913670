import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Where the processes of one `portico up --workers N` meet: the primary's control socket, and the shared state of `--state :memory:`. */
export interface RunDirectory {
  /** The primary's control-plane socket: a Unix socket in a private directory, or a named pipe on Windows. */
  readonly controlSocket: string;
  /** The state file every process opens: the user's, or a temporary one standing in for `:memory:`. */
  readonly stateFile: string;
  /** Deletes the directory (and the temporary state with it). */
  remove(): void;
}

/**
 * `state` is what `--state` resolved to. `:memory:` cannot be shared by processes, so with several
 * workers it becomes a SQLite file in a temporary directory, deleted when Portico stops: the state is
 * still gone after the run, as `:memory:` promises.
 */
export function createRunDirectory(state: string): RunDirectory {
  // mkdtemp makes the directory 0700: only this user reaches the control socket.
  const dir = mkdtempSync(join(tmpdir(), 'portico-'));
  const controlSocket = process.platform === 'win32' ? `\\\\?\\pipe\\${basename(dir)}-control` : join(dir, 'control.sock');
  return {
    controlSocket,
    stateFile: state === ':memory:' ? join(dir, 'state.db') : state,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
