import { readFileSync } from 'node:fs';

/**
 * Keeps the event loop polling instead of sleeping for a short window after request activity, while
 * that pays.
 *
 * A proxied request wakes the gateway three times: the client's request, the backend's response,
 * the client's next request on the same connection. Each wake-up of a sleeping process costs a
 * scheduler round trip, and on virtual machines an interrupt to a halted vCPU: tens of microseconds,
 * more than the gateway's own work for a small request. While an immediate is pending, libuv polls
 * with a zero timeout instead of blocking, so for `windowMs` after the last activity the next event
 * is picked up without a wake-up. Spinning-then-parking is what language runtimes do before blocking
 * a thread; Linux's SO_BUSY_POLL does the same for sockets.
 *
 * It costs CPU, and it only pays when that CPU is otherwise idle: when the gateway shares its core
 * with the backend or the client (a developer's laptop), every spin is time taken from the very
 * process whose answer it waits for. So the poller measures itself, once a period:
 * - the share of the period this thread spent runnable but waiting for the CPU (`run_delay` in
 *   /proc/self/schedstat, Linux): above `maxRunDelayShare`, something else wants the core;
 * - the share of windows that ended with activity (a hit) rather than running out (a miss): below
 *   `minHitRate`, the spinning was for nothing.
 * Either turns spinning off; after `offPeriods` periods it is tried again for one period.
 */
export class BusyPoll {
  #until = 0;
  #spinning = false;
  #enabled: boolean;
  #hits = 0;
  #misses = 0;
  #periodEnds = 0;
  #offLeft = 0;
  #lastDelay: number | undefined;
  readonly #options: Required<BusyPollOptions>;

  /** `windowMs` ≤ 0 turns it off for good. */
  constructor(
    private readonly windowMs: number,
    options: BusyPollOptions = {},
  ) {
    this.#options = { ...DEFAULT_OPTIONS, ...options };
    this.#enabled = windowMs > 0;
  }

  /** Whether the poller spins after activity now (false while it judged spinning not to pay). */
  get spinningAllowed(): boolean {
    return this.#enabled && this.#offLeft === 0;
  }

  /** Activity now: keep polling until `windowMs` from now (while spinning pays). */
  kick(): void {
    if (!this.#enabled) return;
    const now = this.#options.now();
    if (now >= this.#periodEnds) this.#judge(now);
    if (this.#offLeft > 0) return;
    this.#until = now + this.windowMs;
    if (this.#spinning) {
      this.#hits++;
      return;
    }
    this.#spinning = true;
    setImmediate(this.#spin);
  }

  readonly #spin = (): void => {
    if (this.#options.now() < this.#until) setImmediate(this.#spin);
    else {
      this.#spinning = false;
      this.#misses++;
    }
  };

  /** End of a period: decide whether the next one spins. */
  #judge(now: number): void {
    const { periodMs, runDelayMs, maxRunDelayShare, minHitRate, offPeriods } = this.#options;
    const elapsed = now - (this.#periodEnds - periodMs);
    const delay = runDelayMs();
    const contended =
      delay !== undefined && this.#lastDelay !== undefined && elapsed > 0 && (delay - this.#lastDelay) / elapsed > maxRunDelayShare;
    this.#lastDelay = delay;
    const windows = this.#hits + this.#misses;
    const wasted = windows >= MIN_WINDOWS && this.#hits / windows < minHitRate;
    if (this.#offLeft > 0) this.#offLeft--;
    else if (contended || wasted) this.#offLeft = offPeriods;
    this.#hits = 0;
    this.#misses = 0;
    this.#periodEnds = now + periodMs;
  }
}

export interface BusyPollOptions {
  /** Milliseconds, monotonic (performance.now()). */
  now?: () => number;
  /** Milliseconds this thread has spent runnable but not running, so far; undefined where unknown. */
  runDelayMs?: () => number | undefined;
  /** How often spinning is judged. Default 1 s. */
  periodMs?: number;
  /** Run delay per period above which the core counts as shared. Default 2%. */
  maxRunDelayShare?: number;
  /** Windows ending in activity below which spinning is wasted. Default 50%. */
  minHitRate?: number;
  /** Periods spinning stays off before it is tried again. Default 5. */
  offPeriods?: number;
}

/** Fewer windows than this in a period say nothing about the hit rate. */
const MIN_WINDOWS = 20;

let schedstatReadable = true;

/** The calling thread's run delay from /proc/thread-self/schedstat (its second field, in ns); undefined off Linux. */
export function threadRunDelayMs(): number | undefined {
  if (!schedstatReadable) return undefined;
  try {
    const fields = readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ');
    return Number(fields[1]) / 1e6;
  } catch {
    schedstatReadable = false;
    return undefined;
  }
}

const DEFAULT_OPTIONS: Required<BusyPollOptions> = {
  now: () => performance.now(),
  runDelayMs: threadRunDelayMs,
  periodMs: 1_000,
  maxRunDelayShare: 0.02,
  minHitRate: 0.5,
  offPeriods: 5,
};

/** The default window: long enough to cover a local backend's answer and a keep-alive client's next request. */
export const DEFAULT_BUSY_POLL_MS = 0.1;
