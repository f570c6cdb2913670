import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { ControlPlane } from '../control-plane/index.js';
import { LambdaRuntime, parseFunctionSpec, type FunctionDefinition } from '../integrations/lambda/index.js';
import type { Logger } from '../observability/index.js';
import { createApigatewayProvider, lambdaFunctionsFrom, loadTerraform } from '../terraform/index.js';
import { readProjectFile, type PorticoOptions } from './config.js';

export interface LambdaSetup {
  readonly dir: string | undefined;
  readonly options: PorticoOptions;
  readonly env: Record<string, string | undefined>;
  readonly controlPlane: ControlPlane;
  readonly logger: Logger;
}

function hasTerraformFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.tf') || name.endsWith('.tf.json'));
  } catch {
    return false;
  }
}

/**
 * The functions of the configuration (`aws_lambda_function` with local code, nodejs* runtimes)
 * read from the same evaluation Terraform input gets (the apigatewayv2 handlers plan but never
 * commit here, so ids and references come out identical), then `--function` mappings over them.
 */
async function definitions(setup: LambdaSetup): Promise<FunctionDefinition[]> {
  const { dir, options, env, controlPlane } = setup;
  const byName = new Map<string, FunctionDefinition>();
  if (dir !== undefined && hasTerraformFiles(dir)) {
    try {
      const provider = createApigatewayProvider({ cp: controlPlane, region: () => controlPlane.region, accountId: () => controlPlane.accountId });
      const loaded = await loadTerraform({
        dir,
        vars: { ...readProjectFile(dir).vars, ...options.vars },
        ...(options.varFiles ? { varFiles: options.varFiles } : {}),
        env,
        handlers: provider.handlers,
        region: controlPlane.region,
        accountId: controlPlane.accountId,
      });
      for (const definition of lambdaFunctionsFrom(loaded, dir)) byName.set(definition.functionName, definition);
    } catch {
      // A configuration that does not load has already been reported by the Terraform load itself.
    }
  }
  for (const spec of options.functions ?? []) {
    const definition = parseFunctionSpec(spec, process.cwd(), undefined);
    const defined = byName.get(definition.functionName);
    byName.set(definition.functionName, defined === undefined ? definition : parseFunctionSpec(spec, process.cwd(), defined));
  }
  return [...byName.values()];
}

/** Tell the operator, once at start-up, which functions run here and which cannot. */
function report(logger: Logger, functions: readonly FunctionDefinition[]): void {
  for (const fn of functions) {
    if (fn.kind === 'unrunnable') logger.warn({ function: fn.functionName }, fn.reason);
    else logger.info({ function: fn.functionName, source: fn.source, ...(fn.kind === 'endpoint' ? { url: fn.url } : { runtime: fn.runtime }) }, 'Lambda function available');
  }
}

/** The local Lambda service Portico's integrations and authorizers invoke; console lines go to the log with their request ids. */
export async function startLambdaRuntime(setup: LambdaSetup): Promise<LambdaRuntime> {
  const functions = await definitions(setup);
  report(setup.logger, functions);
  const { controlPlane, logger, dir } = setup;
  return new LambdaRuntime(
    {
      region: controlPlane.region,
      accountId: controlPlane.accountId,
      cacheDir: dir === undefined ? join(tmpdir(), 'portico-lambda') : join(dir, '.portico', 'lambda'),
      env: setup.env,
      onConsole: (line) =>
        logger.info({ function: line.functionName, awsRequestId: line.awsRequestId, consoleLevel: line.level }, line.message),
    },
    functions,
  );
}
