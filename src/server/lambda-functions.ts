import { parseFunctionSpec, type FunctionDefinition } from '../integrations/lambda/index.js';
import type { Logger } from '../observability/index.js';
import { lambdaFunctionsFrom, type LoadResult } from '../terraform/index.js';
import type { PorticoOptions } from './config.js';

/**
 * The functions of the configuration (`aws_lambda_function` with local code, nodejs* runtimes)
 * from the Terraform evaluation that was applied, then `--function` mappings over them.
 */
export function functionDefinitions(
  loaded: LoadResult | undefined,
  dir: string | undefined,
  options: PorticoOptions,
): FunctionDefinition[] {
  const byName = new Map<string, FunctionDefinition>();
  if (loaded && dir !== undefined)
    for (const definition of lambdaFunctionsFrom(loaded, dir)) byName.set(definition.functionName, definition);
  for (const spec of options.functions ?? []) {
    const definition = parseFunctionSpec(spec, process.cwd(), undefined);
    const defined = byName.get(definition.functionName);
    byName.set(definition.functionName, defined === undefined ? definition : parseFunctionSpec(spec, process.cwd(), defined));
  }
  return [...byName.values()];
}

/** Tell the operator which functions run here and which cannot (at start-up and after reloads). */
export function report(logger: Logger, functions: readonly FunctionDefinition[]): void {
  for (const fn of functions) {
    if (fn.kind === 'unrunnable') logger.warn({ function: fn.functionName }, fn.reason);
    else
      logger.info(
        { function: fn.functionName, source: fn.source, ...(fn.kind === 'endpoint' ? { url: fn.url } : { runtime: fn.runtime }) },
        'Lambda function available',
      );
  }
}
