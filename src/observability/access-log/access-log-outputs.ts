import type { Logger } from '../logger.js';
import { BufferedLines, type BufferedLinesEvents } from './buffered-lines.js';
import { logFilePath, logGroupName } from './log-group.js';
import { fileSink, streamSink } from './sinks.js';

/** Takes one access-log line (no newline). Never throws, never waits. */
export interface LineWriter {
  write(line: string): void;
}

export interface AccessLogOutputOptions {
  /** Log files go to `<dir>/<log-group-name>.log`; no files when undefined. */
  dir?: string;
  /** Every line also goes here (`--log-to-stdout`). */
  stdout?: NodeJS.WritableStream;
  logger: Logger;
  /** Characters waiting per destination before lines are dropped. Default 8 Mi. */
  maxBufferedChars?: number;
  /** How long a chunk's first line waits for more before it is written (default 10 ms; 0: on the next turn). */
  flushAfterMs?: number;
}

const DEFAULT_MAX_BUFFERED = 8 * 1024 * 1024;

class Both implements LineWriter {
  constructor(
    private readonly a: LineWriter,
    private readonly b: LineWriter,
  ) {}
  write(line: string): void {
    this.a.write(line);
    this.b.write(line);
  }
}

/**
 * The destinations of access logs: a stage's `destinationArn` (a CloudWatch Logs group,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html) becomes a file per log group on this machine, and/or stdout.
 * Stages sharing a log group share its file, as they would share the group on AWS.
 */
export class AccessLogOutputs {
  readonly #options: AccessLogOutputOptions;
  readonly #maxChars: number;
  readonly #events: BufferedLinesEvents;
  readonly #writers = new Map<string, LineWriter | null>();
  readonly #files = new Map<string, BufferedLines>();
  readonly #stdout: BufferedLines | undefined;

  constructor(options: AccessLogOutputOptions) {
    this.#options = options;
    this.#maxChars = options.maxBufferedChars ?? DEFAULT_MAX_BUFFERED;
    const logger = options.logger;
    this.#events = {
      falling: (sink) => logger.warn({ sink }, 'access log is falling behind: dropping lines until it catches up'),
      recovered: (sink, count) => logger.warn({ sink, dropped: count }, `access log caught up after dropping ${count} lines`),
      failed: (sink, error) => logger.error({ sink, err: error }, 'access log cannot be written: its lines are dropped from now on'),
    };
    this.#stdout =
      options.stdout === undefined
        ? undefined
        : new BufferedLines(streamSink('stdout', options.stdout), this.#maxChars, this.#events, options.flushAfterMs);
  }

  /** Whether any line can be written at all (else the gateway need not render them). */
  get enabled(): boolean {
    return this.#options.dir !== undefined || this.#stdout !== undefined;
  }

  /** The writer for a stage's destination ARN; undefined when its lines go nowhere. Cached. */
  writerFor(destinationArn: string): LineWriter | undefined {
    let writer = this.#writers.get(destinationArn);
    if (writer === undefined) {
      writer = this.#build(destinationArn);
      this.#writers.set(destinationArn, writer);
    }
    return writer ?? undefined;
  }

  /** Resolves once every line written so far has been handed to its file and stdout. */
  async idle(): Promise<void> {
    await Promise.all([...this.#files.values(), ...(this.#stdout ? [this.#stdout] : [])].map((lines) => lines.idle()));
  }

  /** Write what is buffered, then close the files. */
  async close(): Promise<void> {
    await Promise.all([...this.#files.values(), ...(this.#stdout ? [this.#stdout] : [])].map((lines) => lines.close()));
    this.#files.clear();
    this.#writers.clear();
  }

  #build(destinationArn: string): LineWriter | null {
    const group = logGroupName(destinationArn);
    const dir = this.#options.dir;
    if (group === undefined) {
      this.#options.logger.warn({ destinationArn }, 'access log destination is not a CloudWatch Logs group ARN: not written');
      return null;
    }
    let file: BufferedLines | undefined;
    if (dir !== undefined) {
      const path = logFilePath(dir, group);
      file = this.#files.get(path);
      if (file === undefined) {
        file = new BufferedLines(fileSink(path), this.#maxChars, this.#events, this.#options.flushAfterMs);
        this.#files.set(path, file);
      }
    } else if (this.#stdout === undefined) {
      this.#options.logger.warn(
        { logGroup: group },
        `access log for log group ${group} is not written: start Portico with a project directory, --log-dir or --log-to-stdout`,
      );
      return null;
    }
    if (file !== undefined && this.#stdout !== undefined) return new Both(file, this.#stdout);
    return file ?? this.#stdout ?? null;
  }
}
