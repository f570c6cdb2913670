import { parseFunctionSpec, type FunctionDefinition } from '../integrations/lambda/index.js';
import type { Logger } from '../observability/index.js';
import { lambdaFunctionsFrom, type LoadResult } from '../terraform/index.js';
import type { PorticoOptions } from './config.js';

/** What `--function` keys are checked against: the functions invoked and the other names they go by. */
export interface FunctionKeys {
  /** Function name → what invokes it (routes, authorizers). */
  readonly invoked: ReadonlyMap<string, readonly string[]>;
  /** Terraform address or module output → function name. */
  readonly aliases: ReadonlyMap<string, string>;
}

/**
 * The functions of the configuration (`aws_lambda_function` with local code, nodejs* runtimes)
 * from the Terraform evaluation that was applied, then `--function` mappings over them. A mapping
 * names a function by name or ARN, or by one of `keys.aliases`; one that names no function of the
 * configuration is refused, listing those it could name (a typo must not go unnoticed).
 */
export function functionDefinitions(
  loaded: LoadResult | undefined,
  dir: string | undefined,
  options: PorticoOptions,
  keys?: FunctionKeys,
): FunctionDefinition[] {
  const byName = new Map<string, FunctionDefinition>();
  if (loaded && dir !== undefined)
    for (const definition of lambdaFunctionsFrom(loaded, dir)) byName.set(definition.functionName, definition);
  for (const given of options.functions ?? []) {
    const eq = given.indexOf('=');
    const alias = eq > 0 ? keys?.aliases.get(given.slice(0, eq)) : undefined;
    const spec = alias === undefined ? given : `${alias}${given.slice(eq)}`;
    const definition = parseFunctionSpec(spec, process.cwd(), undefined);
    const defined = byName.get(definition.functionName);
    if (keys && defined === undefined && !keys.invoked.has(definition.functionName)) throw unknownFunction(given, byName, keys);
    byName.set(definition.functionName, defined === undefined ? definition : parseFunctionSpec(spec, process.cwd(), defined));
  }
  return [...byName.values()];
}

function unknownFunction(given: string, defined: ReadonlyMap<string, FunctionDefinition>, keys: FunctionKeys): Error {
  const names = new Set([...defined.keys(), ...keys.invoked.keys()]);
  const lines = [...names].sort().map((name) => {
    const also = [...keys.aliases].filter(([, target]) => target === name).map(([alias]) => alias);
    return `  ${name}${also.length > 0 ? ` (or ${also.join(', ')})` : ''}`;
  });
  return new Error(
    `--function ${given}: no function of this configuration goes by "${given.slice(0, Math.max(0, given.indexOf('=')))}". ` +
      (lines.length > 0 ? `The functions it defines or invokes:\n${lines.join('\n')}` : 'It defines and invokes no Lambda function.'),
  );
}

/**
 * Tell the operator which functions run here and which cannot (at start-up and after reloads),
 * before any request finds out: a function that cannot run is warned about when a route or an
 * authorizer invokes it, naming them; one nothing invokes is only mentioned at debug level.
 */
export function report(logger: Logger, functions: readonly FunctionDefinition[], invoked?: ReadonlyMap<string, readonly string[]>): void {
  for (const fn of functions) {
    if (fn.kind === 'unrunnable') {
      const users = invoked?.get(fn.functionName);
      if (invoked !== undefined && users === undefined) logger.debug({ function: fn.functionName }, `${fn.reason} (no route invokes it)`);
      else logger.warn({ function: fn.functionName, ...(users ? { invokedBy: users } : {}) }, fn.reason);
    } else
      logger.info(
        { function: fn.functionName, source: fn.source, ...(fn.kind === 'endpoint' ? { url: fn.url } : { runtime: fn.runtime }) },
        'Lambda function available',
      );
  }
  if (invoked === undefined) return;
  const known = new Set(functions.map((fn) => fn.functionName));
  for (const [name, users] of invoked)
    if (!known.has(name))
      logger.warn(
        { function: name, invokedBy: users },
        `Lambda function ${name} is invoked (${users.join('; ')}) but neither defined with local code nor mapped: its requests get 500. Map it with --function ${name}=./handler.mjs#handler or --function ${name}=http://127.0.0.1:9000 (a Lambda Invoke endpoint).`,
      );
}
