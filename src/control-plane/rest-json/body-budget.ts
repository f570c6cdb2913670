/**
 * The bytes of control-plane request bodies held at once, across every connection (issue #17,
 * finding 2). A request takes its declared length (the whole 10 MB quota when the length is not
 * declared) before a byte of its body is read, and gives it back once answered; a request that does
 * not fit is refused with TooManyRequestsException, which the AWS SDKs, the CLI and the Terraform
 * provider retry with backoff, so nothing is buffered past the budget.
 */
export const DEFAULT_BODY_BUDGET_BYTES = 64 * 1024 * 1024;

export class BodyBudget {
  #held = 0;

  constructor(readonly capacity: number = DEFAULT_BODY_BUDGET_BYTES) {}

  /** Bytes taken by requests being received or answered now. */
  get held(): number {
    return this.#held;
  }

  /** Takes `bytes` when they fit; the caller gives them back with the returned function (once). */
  take(bytes: number): (() => void) | undefined {
    if (bytes > 0 && this.#held + bytes > this.capacity) return undefined;
    this.#held += bytes;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#held -= bytes;
    };
  }
}
