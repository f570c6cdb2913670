import { pino, type Logger as PinoLogger } from 'pino';
import { printableJson } from '../model/index.js';

/**
 * Portico's own structured events (config applied, target down, reload), as JSON lines.
 * Access-log lines are not written through this logger: they have their own format per stage.
 */
export type Logger = PinoLogger;

export interface LoggerOptions {
  /** pino's level name (`info`, `debug`, `silent`…); the server settles it (`--log-level`, else PORTICO_LOG_LEVEL, else info). */
  level: string;
  /** Where lines go; defaults to stderr so stdout stays free for the start-up table. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    // Names from the control plane reach these lines: JSON escapes C0 controls, the hook the rest (model/printable.ts).
    { level: options.level, base: { name: 'portico' }, hooks: { streamWrite: printableJson } },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that drops everything: for tests and library users who want silence. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
