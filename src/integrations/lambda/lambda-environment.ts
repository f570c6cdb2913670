import type { NodeFunctionDefinition } from './function-definition.js';

/** Passed through from Portico's own environment: what lets a handler reach AWS (or a local stand-in) and spawn tools. */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'LANG',
  'TMPDIR',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
] as const;

/**
 * The environment variables a function sees: a few of Portico's (credentials, PATH), then the
 * function's `environment.variables`, then the ones Lambda reserves and sets itself, which a
 * function cannot override ("Defined runtime environment variables", AWS Lambda Developer Guide).
 */
export function lambdaEnvironment(
  definition: NodeFunctionDefinition,
  taskRoot: string,
  region: string,
  processEnv: Readonly<Record<string, string | undefined>>,
  credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASS_THROUGH) {
    const value = processEnv[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(processEnv)) if (name.startsWith('AWS_ENDPOINT_URL') && value !== undefined) env[name] = value;
  Object.assign(env, definition.environment);
  // Lambda hands every function its role's credentials; here, when none came through, the gateway's.
  if (credentials !== undefined && env['AWS_ACCESS_KEY_ID'] === undefined && env['AWS_PROFILE'] === undefined) {
    env['AWS_ACCESS_KEY_ID'] = credentials.accessKeyId;
    env['AWS_SECRET_ACCESS_KEY'] = credentials.secretAccessKey;
  }
  Object.assign(env, {
    _HANDLER: definition.handler,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${definition.functionName}`,
    LAMBDA_TASK_ROOT: taskRoot,
  });
  return env;
}
