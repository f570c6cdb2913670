/** What `withTimeout` resolves with when the time ran out first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * The work's result, or TIMED_OUT once `ms` have passed. The work itself is not cancelled (a Lambda
 * function keeps running to its own timeout, as on AWS); a late rejection is swallowed.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, ms, TIMED_OUT)));
  return Promise.race([work, timeout]).then(
    (value) => {
      clearTimeout(timer);
      if (value === TIMED_OUT) work.catch(() => undefined);
      return value;
    },
    (error: unknown) => {
      clearTimeout(timer);
      throw error;
    },
  );
}
