import { isMessage, type FromWorker, type ToWorker } from './messages.js';
import { GatewayWorker } from './worker.js';

/**
 * The program node:cluster runs for each gateway worker of `portico up --workers N`. It waits for
 * its settings from the primary, listens, serves, and ends when the primary says stop, when it
 * gets SIGTERM (the primary replaces it), or when the primary is gone.
 */
function send(message: FromWorker): void {
  // The channel closes when the primary goes away; what could not be said no longer matters.
  if (process.connected) process.send?.(message);
}

let worker: GatewayWorker | undefined;

function exit(code: number): void {
  if (worker === undefined) process.exit(code);
  void worker.stop().finally(() => process.exit(code));
}

// Ctrl-C reaches every process of the terminal's group: the primary alone decides to stop, and tells the workers.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => exit(0));
// A primary that is gone without a word (killed) closes the channel: node:cluster then ends the worker itself.

process.on('message', (raw: unknown) => {
  if (!isMessage<ToWorker>(raw)) return;
  if (raw.t === 'start') {
    const started = new GatewayWorker(raw.settings, { send });
    worker = started;
    started.listen().catch((error: unknown) => {
      send({ t: 'failed', error: error instanceof Error ? error.message : String(error) });
      exit(1);
    });
    return;
  }
  if (raw.t === 'stop') return exit(0);
  worker?.receive(raw).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // A failed setup (an API port taken) is the primary's to report, once.
    if (raw.t !== 'setup') return worker?.logger.error({ err: error }, `worker ${process.pid}: ${message}`);
    send({ t: 'failed', error: message });
    exit(1);
  });
});
send({ t: 'hello' });
