/**
 * A Lambda function Portico can invoke on this machine. Terraform's `aws_lambda_function` (code in a
 * local directory or zip) and `--function NAME=…` both end up as one of these.
 */

/** Where a Node.js function's code lives. */
export type FunctionCode =
  /** A directory holding the code (`archive_file` `source_dir`, or the directory of its `source_file`). */
  | { readonly kind: 'directory'; readonly path: string }
  /** A deployment package (`filename`): unzipped into a cache directory on first use. */
  | { readonly kind: 'zip'; readonly path: string }
  /** One module file named on the command line (`--function NAME=./handler.mjs#export`). */
  | { readonly kind: 'file'; readonly path: string };

interface DefinitionBase {
  /** The function name ARNs and integration URIs carry. */
  readonly functionName: string;
  /** Where the definition came from, for messages: a Terraform address or `--function`. */
  readonly source: string;
}

/** A `nodejs*` function run in worker threads (`runtime`, `handler`, `timeout`, `memory_size`, `environment`). */
export interface NodeFunctionDefinition extends DefinitionBase {
  readonly kind: 'node';
  readonly code: FunctionCode;
  /**
   * Lambda's handler setting, `file.export` (`index.handler`, `src/app.handlers.main`); for `file`
   * code only the export path (`handler`).
   */
  readonly handler: string;
  readonly runtime: string;
  /** Lambda `timeout`, 1–900 s, default 3. */
  readonly timeoutSeconds: number;
  /** Lambda `memory_size`, 128–10,240 MB, default 128: the worker's heap limit. */
  readonly memorySizeMb: number;
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * A function served elsewhere over Lambda's Invoke API shape (`--function NAME=http://…`): the AWS
 * base images' Runtime Interface Emulator answers `POST /2015-03-31/functions/function/invocations`,
 * which is how functions in other runtimes (Python, Java, Go, …) are run next to Portico.
 */
export interface EndpointFunctionDefinition extends DefinitionBase {
  readonly kind: 'endpoint';
  readonly url: string;
  readonly timeoutSeconds: number;
}

/** A function Portico knows of but cannot run; invoking it answers 500 and logs `reason` once. */
export interface UnrunnableFunctionDefinition extends DefinitionBase {
  readonly kind: 'unrunnable';
  readonly reason: string;
  /** What the Terraform configures for it, kept for a `--function` mapping that runs it elsewhere. */
  readonly settings?: FunctionSettings;
}

/** A function's configured `timeout`, `memory_size` and `environment.variables`. */
export interface FunctionSettings {
  readonly runtime?: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly environment: Readonly<Record<string, string>>;
}

export type FunctionDefinition = NodeFunctionDefinition | EndpointFunctionDefinition | UnrunnableFunctionDefinition;

/** Lambda's defaults (CreateFunction API reference): timeout 3 s, memory 128 MB. */
export const LAMBDA_DEFAULTS = { timeoutSeconds: 3, memorySizeMb: 128 } as const;
