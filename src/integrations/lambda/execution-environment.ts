import { Worker } from 'node:worker_threads';
import type { HandlerEntry } from './resolve-handler.js';
import { WORKER_SOURCE } from './worker-source.js';

/** Lambda's error payload (`X-Amz-Function-Error: Unhandled`): what a failed invocation returns. */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** The Lambda `context` fields that are plain data; the worker adds the methods. */
export interface InvocationContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Epoch ms when the function's timeout ends (for `getRemainingTimeInMillis`). */
  readonly deadlineMs: number;
}

export type InvocationOutcome =
  | { readonly kind: 'result'; readonly payload: string }
  | { readonly kind: 'error'; readonly error: LambdaError }
  /** The environment is gone (crash, exit, out of memory, init failure): it must not be reused. */
  | { readonly kind: 'crashed'; readonly error: LambdaError };

export type ConsoleLine = (requestId: string | undefined, level: string, message: string) => void;

/** Where a function's HTTPS requests to execute-api hosts go instead (this gateway's edge port): see worker-source.ts. */
export interface ExecuteApiLoopback {
  readonly host: string;
  readonly port: number;
}

export interface EnvironmentOptions {
  readonly entry: HandlerEntry;
  readonly handler: string;
  readonly env: Record<string, string>;
  readonly memorySizeMb: number;
  readonly onConsole: ConsoleLine;
  readonly executeApi?: ExecuteApiLoopback | undefined;
}

interface WorkerMessage {
  type: 'ready' | 'init-error' | 'log' | 'result' | 'error';
  id?: string;
  level?: string;
  message?: string;
  payload?: string;
  error?: LambdaError;
}

/** How a worker's end reads as a Lambda error (Runtime.ExitError, Runtime.OutOfMemory, …). */
function exitError(code: number, error: Error | undefined): LambdaError {
  if (error !== undefined) {
    const oom = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    return oom
      ? { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited with error: out of memory' }
      : { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${code}` };
}

/**
 * One execution environment: a worker thread that imports the handler once and then serves one
 * invocation at a time. Isolated from the gateway: a handler that throws outside an invocation,
 * calls process.exit or runs out of heap ends only its worker.
 */
export class ExecutionEnvironment {
  readonly #worker: Worker;
  readonly #onConsole: ConsoleLine;
  #ready: Promise<LambdaError | undefined>;
  #pending: { id: string; settle: (outcome: InvocationOutcome) => void } | undefined;
  #gone: LambdaError | undefined;

  constructor(options: EnvironmentOptions) {
    this.#onConsole = options.onConsole;
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: options.env,
      workerData: {
        modulePath: options.entry.modulePath,
        exportPath: options.entry.exportPath,
        handler: options.handler,
        executeApi: options.executeApi,
      },
      // memory_size bounds the handler's heap, the part of Lambda's limit a worker can enforce.
      resourceLimits: { maxOldGenerationSizeMb: options.memorySizeMb },
      stdout: true,
      stderr: true,
    });
    this.#worker.unref();
    // Direct writes to process.stdout/stderr belong to whatever invocation is running.
    this.#worker.stdout.on('data', (chunk: Buffer) => this.#onConsole(this.#pending?.id, 'INFO', chunk.toString().trimEnd()));
    this.#worker.stderr.on('data', (chunk: Buffer) => this.#onConsole(this.#pending?.id, 'ERROR', chunk.toString().trimEnd()));
    this.#ready = new Promise((resolve) => {
      this.#worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve(undefined);
        else if (message.type === 'init-error') {
          const error = message.error ?? { errorType: 'Runtime.Unknown', errorMessage: 'init failed' };
          resolve(error);
          void this.terminate(error);
        } else this.#onMessage(message);
      });
      const ended = (code: number, error?: Error) => {
        const lambdaError = exitError(code, error);
        resolve(lambdaError);
        this.#end(lambdaError);
      };
      this.#worker.on('error', (error: Error) => ended(1, error));
      this.#worker.on('exit', (code: number) => ended(code));
    });
  }

  /** Undefined while usable; the reason once the environment is gone. */
  get gone(): LambdaError | undefined {
    return this.#gone;
  }

  /** Run one invocation; resolves when the handler answers or the environment dies. */
  async invoke(event: unknown, context: InvocationContext): Promise<InvocationOutcome> {
    const initError = await this.#ready;
    if (initError !== undefined) return { kind: 'crashed', error: initError };
    if (this.#gone !== undefined) return { kind: 'crashed', error: this.#gone };
    return new Promise((settle) => {
      this.#pending = { id: context.awsRequestId, settle };
      this.#worker.postMessage({ type: 'invoke', id: context.awsRequestId, event, context });
    });
  }

  /** Stop the worker now (timeout, shutdown); a pending invocation ends with `reason`. */
  terminate(reason: LambdaError = { errorType: 'Runtime.Terminated', errorMessage: 'execution environment stopped' }): Promise<void> {
    this.#end(reason);
    return this.#worker.terminate().then(() => undefined);
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'log') {
      this.#onConsole(message.id, message.level ?? 'INFO', message.message ?? '');
      return;
    }
    const pending = this.#pending;
    if (pending === undefined || message.id !== pending.id) return;
    this.#pending = undefined;
    if (message.type === 'result') pending.settle({ kind: 'result', payload: message.payload ?? 'null' });
    else pending.settle({ kind: 'error', error: message.error ?? { errorType: 'Error', errorMessage: 'unknown error' } });
  }

  #end(reason: LambdaError): void {
    if (this.#gone === undefined) this.#gone = reason;
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.settle({ kind: 'crashed', error: reason });
  }
}
