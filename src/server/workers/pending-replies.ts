/**
 * Questions sent to another process and the promises waiting for their answers, matched by id
 * (IPC messages carry no request/response pairing of their own).
 */
export class PendingReplies<T> {
  #next = 1;
  readonly #waiting = new Map<number, { resolve(value: T): void; reject(error: Error): void; timer: NodeJS.Timeout | undefined }>();

  /** Send the question with a fresh id; rejects after `timeoutMs` without an answer. */
  ask(send: (id: number) => void, timeoutMs?: number): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.#waiting.delete(id);
              reject(new Error(`no answer within ${timeoutMs} ms`));
            }, timeoutMs);
      this.#waiting.set(id, { resolve, reject, timer });
      send(id);
    });
  }

  answer(id: number, value: T): void {
    const waiting = this.#waiting.get(id);
    if (waiting === undefined) return;
    this.#waiting.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve(value);
  }

  /** The other process is gone: nothing will answer. */
  failAll(error: Error): void {
    for (const waiting of this.#waiting.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
    this.#waiting.clear();
  }
}
