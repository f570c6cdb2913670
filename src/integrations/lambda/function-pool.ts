import {
  ExecutionEnvironment,
  type ConsoleLine,
  type ExecuteApiLoopback,
  type InvocationContext,
  type InvocationOutcome,
  type LambdaError,
} from './execution-environment.js';
import type { HandlerEntry } from './resolve-handler.js';

export interface FunctionPoolOptions {
  readonly functionName: string;
  readonly handler: string;
  readonly entry: HandlerEntry;
  readonly env: Record<string, string>;
  readonly timeoutMs: number;
  readonly memorySizeMb: number;
  /** Environments that may run at once; more invocations wait in line (Lambda would scale out). */
  readonly maxEnvironments: number;
  readonly onConsole: ConsoleLine;
  readonly executeApi?: ExecuteApiLoopback | undefined;
}

/** What an invocation returns: the handler's JSON result, or Lambda's function error. */
export type FunctionOutcome =
  { readonly kind: 'result'; readonly payload: string } | { readonly kind: 'error'; readonly error: LambdaError };

/**
 * The execution environments of one function, like Lambda's: each serves one invocation at a
 * time and stays warm for the next; a second concurrent invocation gets a second environment; an
 * environment that crashed or timed out is thrown away and the next invocation starts a fresh one.
 */
export class FunctionPool {
  readonly #options: FunctionPoolOptions;
  readonly #idle: ExecutionEnvironment[] = [];
  readonly #all = new Set<ExecutionEnvironment>();
  readonly #waiting: ((environment: ExecutionEnvironment | undefined) => void)[] = [];
  #closed = false;

  constructor(options: FunctionPoolOptions) {
    this.#options = options;
  }

  async invoke(event: unknown, context: InvocationContext): Promise<FunctionOutcome> {
    const environment = await this.#acquire();
    if (environment === undefined)
      return { kind: 'error', error: { errorType: 'Runtime.Terminated', errorMessage: 'the function is shutting down' } };
    const seconds = (this.#options.timeoutMs / 1000).toFixed(2);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<InvocationOutcome>((resolve) => {
      // A hung handler is stopped at the function's timeout, as Lambda stops its sandbox.
      timer = setTimeout(() => {
        const error = {
          errorType: 'Sandbox.Timedout',
          errorMessage: `${new Date().toISOString()} ${context.awsRequestId} Task timed out after ${seconds} seconds`,
        };
        void environment.terminate(error);
        resolve({ kind: 'crashed', error });
      }, this.#options.timeoutMs);
    });
    const outcome = await Promise.race([environment.invoke(event, context), timedOut]);
    clearTimeout(timer);
    if (outcome.kind === 'crashed') this.#discard(environment);
    else this.#release(environment);
    return outcome.kind === 'result' ? outcome : { kind: 'error', error: outcome.error };
  }

  /** Stop every environment; waiting invocations end with an error. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    const all = [...this.#all];
    this.#all.clear();
    this.#idle.length = 0;
    await Promise.all(all.map((environment) => environment.terminate()));
  }

  get environments(): number {
    return this.#all.size;
  }

  #acquire(): Promise<ExecutionEnvironment | undefined> {
    if (this.#closed) return Promise.resolve(undefined);
    while (this.#idle.length > 0) {
      const environment = this.#idle.pop() as ExecutionEnvironment;
      if (environment.gone === undefined) return Promise.resolve(environment);
      this.#all.delete(environment);
    }
    if (this.#all.size < this.#options.maxEnvironments) return Promise.resolve(this.#start());
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #start(): ExecutionEnvironment {
    const { entry, handler, env, memorySizeMb, onConsole, executeApi } = this.#options;
    const environment = new ExecutionEnvironment({ entry, handler, env, memorySizeMb, onConsole, executeApi });
    this.#all.add(environment);
    return environment;
  }

  #release(environment: ExecutionEnvironment): void {
    if (this.#closed) {
      void environment.terminate();
      return;
    }
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter(environment);
    else this.#idle.push(environment);
  }

  #discard(environment: ExecutionEnvironment): void {
    this.#all.delete(environment);
    void environment.terminate();
    if (this.#closed) return;
    // A slot came free: the next waiting invocation gets a fresh environment.
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter(this.#start());
  }
}
