import { randomBytes, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { invokeEndpoint } from './endpoint-function.js';
import type { FunctionDefinition, NodeFunctionDefinition } from './function-definition.js';
import type { ExecuteApiLoopback, LambdaError } from './execution-environment.js';
import { FunctionPool } from './function-pool.js';
import { parseFunctionReference } from './function-reference.js';
import { lambdaEnvironment } from './lambda-environment.js';
import { resolveHandler, resolveModuleFile, type HandlerResolution } from './resolve-handler.js';
import { unpackDeploymentPackage } from './unzip.js';

/** A console line of a function, with Lambda's request id (the gateway writes it to its log). */
export interface FunctionLogLine {
  readonly functionName: string;
  readonly awsRequestId: string | undefined;
  readonly level: string;
  readonly message: string;
}

export interface LambdaRuntimeOptions {
  readonly region: string;
  readonly accountId: string;
  /** Where deployment packages are unzipped. */
  readonly cacheDir: string;
  readonly onConsole?: (line: FunctionLogLine) => void;
  /** Environments per function that may run at once (default 10); more invocations queue. */
  readonly maxEnvironmentsPerFunction?: number;
  /** Lambda request ids; default random UUIDs. */
  readonly requestId?: () => string;
  /** The environment AWS credentials, PATH and the like are passed through from (Portico's, settled at start-up). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The gateway's edge port: a function's HTTPS requests to `{api-id}.execute-api.{region}.amazonaws.com`
   * go there in plain HTTP (worker-source.ts), so that handler code calling the `@connections` API at
   * `https://${event.requestContext.domainName}/${stage}` reaches this gateway unchanged.
   */
  readonly executeApi?: ExecuteApiLoopback;
  /**
   * The credentials a function gets when neither Portico's environment nor the function's variables
   * hold any (Lambda always gives a function its execution role's): the SDK needs some to sign.
   */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export type InvocationResult =
  | { readonly kind: 'result'; readonly payload: string; readonly awsRequestId: string }
  | { readonly kind: 'error'; readonly error: LambdaError; readonly awsRequestId: string }
  /** No function by that name, or one Portico cannot run: AWS would answer 500 (function not found / no permission). */
  | { readonly kind: 'unavailable'; readonly problem: string };

/**
 * The Lambda service, on this machine: functions by name, each invoked in its own warm execution
 * environments (Node.js in worker threads) or forwarded to an HTTP endpoint. `define` replaces the
 * set; pools of functions whose definition changed are stopped and started afresh on next use.
 */
export class LambdaRuntime {
  readonly #options: LambdaRuntimeOptions;
  #definitions = new Map<string, FunctionDefinition>();
  readonly #pools = new Map<string, PoolEntry>();

  constructor(options: LambdaRuntimeOptions, definitions: readonly FunctionDefinition[] = []) {
    this.#options = options;
    this.define(definitions);
  }

  define(definitions: readonly FunctionDefinition[]): void {
    const next = new Map<string, FunctionDefinition>();
    for (const definition of definitions) next.set(definition.functionName, definition);
    for (const [name, { definition, pool }] of this.#pools) {
      if (next.get(name) === definition) continue;
      this.#pools.delete(name);
      void pool.close();
    }
    this.#definitions = next;
  }

  /** The definition a function name or ARN refers to. */
  lookup(nameOrArn: string): FunctionDefinition | undefined {
    const reference = parseFunctionReference(nameOrArn);
    return reference === undefined ? undefined : this.#definitions.get(reference.functionName);
  }

  get definitions(): readonly FunctionDefinition[] {
    return [...this.#definitions.values()];
  }

  /** Invoke synchronously (RequestResponse), as API Gateway invokes proxy integrations and authorizers. */
  async invoke(nameOrArn: string, event: unknown): Promise<InvocationResult> {
    const reference = parseFunctionReference(nameOrArn);
    const definition = reference === undefined ? undefined : this.#definitions.get(reference.functionName);
    if (reference === undefined || definition === undefined)
      return {
        kind: 'unavailable',
        problem:
          `No local function for "${nameOrArn}". Define it in the Terraform (aws_lambda_function with local code) ` +
          `or map it: --function ${reference?.functionName ?? 'NAME'}=./path/to/handler.mjs#handler (or =http://host:port for a function served elsewhere).`,
      };
    const awsRequestId = (this.#options.requestId ?? randomUUID)();
    if (definition.kind === 'unrunnable') return { kind: 'unavailable', problem: definition.reason };
    if (definition.kind === 'endpoint') {
      const outcome = await invokeEndpoint(definition.url, event, definition.timeoutSeconds * 1000);
      return { ...outcome, awsRequestId };
    }
    const pool = this.#pool(definition);
    if (!pool.ok) return { kind: 'unavailable', problem: pool.problem };
    const { region, accountId } = this.#options;
    const qualifier = reference.qualifier === undefined ? '' : `:${reference.qualifier}`;
    const timeoutMs = definition.timeoutSeconds * 1000;
    const outcome = await pool.pool.invoke(event, {
      awsRequestId,
      functionName: definition.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${definition.functionName}${qualifier}`,
      memoryLimitInMB: String(definition.memorySizeMb),
      logGroupName: `/aws/lambda/${definition.functionName}`,
      logStreamName: pool.logStream,
      deadlineMs: Date.now() + timeoutMs,
    });
    return { ...outcome, awsRequestId };
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map(({ pool }) => pool.close()));
  }

  #pool(definition: NodeFunctionDefinition): ({ ok: true } & PoolEntry) | { ok: false; problem: string } {
    const existing = this.#pools.get(definition.functionName);
    if (existing !== undefined && existing.definition === definition) return { ok: true, ...existing };
    let taskRoot: string;
    let entry: HandlerResolution;
    try {
      const code = definition.code;
      taskRoot =
        code.kind === 'zip'
          ? unpackDeploymentPackage(code.path, this.#options.cacheDir)
          : code.kind === 'file'
            ? dirname(code.path)
            : code.path;
      entry = code.kind === 'file' ? resolveModuleFile(code.path, definition.handler) : resolveHandler(taskRoot, definition.handler);
    } catch (error) {
      return {
        ok: false,
        problem: `${definition.source}: cannot read the code of ${definition.functionName}: ${(error as Error).message}`,
      };
    }
    if (!entry.ok) return { ok: false, problem: `${definition.source}: ${entry.problem}` };
    const onConsole = this.#options.onConsole;
    const pool = new FunctionPool({
      functionName: definition.functionName,
      handler: definition.handler,
      entry: entry.value,
      env: lambdaEnvironment(definition, taskRoot, this.#options.region, this.#options.env, this.#options.credentials),
      executeApi: this.#options.executeApi,
      timeoutMs: definition.timeoutSeconds * 1000,
      memorySizeMb: definition.memorySizeMb,
      maxEnvironments: this.#options.maxEnvironmentsPerFunction ?? 10,
      onConsole: (awsRequestId, level, message) => onConsole?.({ functionName: definition.functionName, awsRequestId, level, message }),
    });
    // Lambda names log streams `yyyy/mm/dd/[$LATEST]<id>`, one per execution environment; one per pool here.
    const logStream = `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
    const created: PoolEntry = { definition, pool, logStream };
    this.#pools.set(definition.functionName, created);
    return { ok: true, ...created };
  }
}

interface PoolEntry {
  readonly definition: FunctionDefinition;
  readonly pool: FunctionPool;
  readonly logStream: string;
}
