/**
 * Keeps the event loop polling instead of sleeping for a short window after request activity.
 *
 * A proxied request wakes the gateway three times: the client's request, the backend's response,
 * the client's next request on the same connection. Each wake-up of a sleeping process costs a
 * scheduler round trip, and on virtual machines an interrupt to a halted vCPU: tens of microseconds,
 * more than the gateway's own work for a small request. While an immediate is pending, libuv polls
 * with a zero timeout instead of blocking, so for `windowMs` after the last activity the next event
 * is picked up without a wake-up. The cost is CPU: the loop spins through each window (nothing is
 * spent once traffic stops). Spinning-then-parking is what language runtimes do before blocking a
 * thread; Linux's SO_BUSY_POLL does the same for sockets.
 */
export class BusyPoll {
  #until = 0;
  #spinning = false;

  /** `windowMs` ≤ 0 turns it off. */
  constructor(private readonly windowMs: number) {}

  /** Activity now: keep polling until `windowMs` from now. */
  kick(): void {
    if (this.windowMs <= 0) return;
    this.#until = performance.now() + this.windowMs;
    if (this.#spinning) return;
    this.#spinning = true;
    setImmediate(this.#spin);
  }

  readonly #spin = (): void => {
    if (performance.now() < this.#until) setImmediate(this.#spin);
    else this.#spinning = false;
  };
}

/** The default window: long enough to cover a local backend's answer and a keep-alive client's next request. */
export const DEFAULT_BUSY_POLL_MS = 0.1;
