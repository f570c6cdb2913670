/** Where batches of lines end up: a log file, stdout. */
export interface ChunkSink {
  /** For log lines about this sink. */
  readonly name: string;
  write(chunk: string, done: (error?: Error | null) => void): void;
  close(): Promise<void>;
}

export interface BufferedLinesEvents {
  /** The sink fell behind by more than the buffer: lines are being dropped (called once per episode). */
  falling(sink: string): void;
  /** The sink caught up again after dropping `count` lines. */
  recovered(sink: string, count: number): void;
  /** The sink failed; nothing more is written to it. */
  failed(sink: string, error: Error): void;
}

/**
 * The most characters one chunk holds: a chunk should reach its file in one write(2), since a line
 * cut between two writes could get another process's chunk in between (`--workers`: several
 * processes append to one log file with O_APPEND, where each single write lands whole). Bounded
 * chunks stay under what one call writes (Node's FileHandle.writeFile: 512 KiB a call) and what a
 * kernel takes whole; 128 Ki UTF-16 code units are at most 384 KiB of UTF-8.
 */
const MAX_CHUNK_CHARS = 128 * 1024;

/**
 * How long the first line of a chunk waits for more. One write(2) per event-loop turn cost a system
 * call per request at low concurrency (one request a turn): 10 ms collects a chunk of dozens of lines
 * there, and is still far sooner than anyone reads a log (CloudWatch delivers in seconds).
 */
export const FLUSH_AFTER_MS = 10;

/**
 * Access-log lines on their way to a sink, off the request path: `write` only appends to an array;
 * the lines of `FLUSH_AFTER_MS` (or a full chunk, sooner) go out as one chunk, and while a chunk is
 * being written the next one collects. Memory is bounded: past `maxChars` waiting, lines are
 * dropped and counted instead of slowing or failing requests.
 */
export class BufferedLines {
  #pending: string[] = [];
  #pendingChars = 0;
  #inFlightChars = 0;
  #scheduled = false;
  #failed = false;
  #dropped = 0;
  #idle: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: ChunkSink,
    private readonly maxChars: number,
    private readonly events: BufferedLinesEvents,
    private readonly flushAfterMs = FLUSH_AFTER_MS,
  ) {}

  write(line: string): void {
    if (this.#failed) return;
    const size = line.length + 1;
    if (this.#pendingChars + this.#inFlightChars + size > this.maxChars) {
      if (this.#dropped++ === 0) this.events.falling(this.sink.name);
      return;
    }
    this.#pending.push(line);
    this.#pendingChars += size;
    if (this.#inFlightChars !== 0) return;
    if (!this.#scheduled) {
      this.#scheduled = true;
      if (this.flushAfterMs > 0) this.#timer = setTimeout(this.#flush, this.flushAfterMs);
      else setImmediate(this.#flush);
    } else if (this.#timer !== undefined && this.#pendingChars >= MAX_CHUNK_CHARS) {
      // A full chunk is waiting: write it on the next turn rather than at the deadline.
      clearTimeout(this.#timer);
      this.#timer = undefined;
      setImmediate(this.#flush);
    }
  }

  /** Resolves once every line written so far has reached the sink (or was given up on). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async close(): Promise<void> {
    await this.idle();
    await this.sink.close();
  }

  #isIdle(): boolean {
    return !this.#scheduled && this.#inFlightChars === 0 && this.#pending.length === 0;
  }

  readonly #flush = (): void => {
    this.#scheduled = false;
    this.#timer = undefined;
    if (this.#pending.length === 0) return this.#settle();
    let lines = this.#pending;
    let chars = this.#pendingChars;
    if (chars > MAX_CHUNK_CHARS) {
      // Whole lines up to the limit (at least one); the rest follows once this chunk is written.
      let count = 0;
      chars = 0;
      while (count < lines.length && (count === 0 || chars + (lines[count] as string).length + 1 <= MAX_CHUNK_CHARS))
        chars += (lines[count++] as string).length + 1;
      lines = this.#pending.splice(0, count);
    } else this.#pending = [];
    const chunk = `${lines.join('\n')}\n`;
    this.#inFlightChars = chars;
    this.#pendingChars -= chars;
    this.sink.write(chunk, this.#written);
  };

  readonly #written = (error?: Error | null): void => {
    this.#inFlightChars = 0;
    if (error) {
      this.#failed = true;
      this.#pending = [];
      this.#pendingChars = 0;
      this.events.failed(this.sink.name, error);
      return this.#settle();
    }
    if (this.#pending.length > 0) return this.#flush();
    this.#settle();
  };

  #settle(): void {
    if (this.#dropped > 0 && this.#pending.length === 0) {
      this.events.recovered(this.sink.name, this.#dropped);
      this.#dropped = 0;
    }
    if (!this.#isIdle()) return;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }
}
