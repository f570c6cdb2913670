import { resolve } from 'node:path';
import { LAMBDA_DEFAULTS, type FunctionDefinition } from './function-definition.js';
import { parseFunctionReference } from './function-reference.js';

const FORM = 'expected NAME_OR_ARN=./path/to/handler.mjs#export or NAME_OR_ARN=http://host:port';

/**
 * `--function NAME_OR_ARN=./path/to/handler.mjs#export` (a Node.js module here; the export defaults
 * to `handler`) or `NAME_OR_ARN=http://host:port` (a function served over Lambda's Invoke API).
 * A function the Terraform also defines keeps its timeout, memory size and environment; only where
 * its code runs changes.
 */
export function parseFunctionSpec(spec: string, cwd: string, defined?: FunctionDefinition): FunctionDefinition {
  const eq = spec.indexOf('=', spec.startsWith('arn:') ? spec.lastIndexOf(':') : 0);
  if (eq <= 0 || eq === spec.length - 1) throw new Error(`--function ${spec}: ${FORM}`);
  const reference = parseFunctionReference(spec.slice(0, eq));
  if (reference === undefined) throw new Error(`--function ${spec}: "${spec.slice(0, eq)}" is not a function name or ARN; ${FORM}`);
  const target = spec.slice(eq + 1);
  // What the Terraform configures for the function (runnable here or not) carries over to where it runs now.
  const base = defined?.kind === 'node' ? defined : defined?.kind === 'unrunnable' ? defined.settings : undefined;
  const timeoutSeconds = base?.timeoutSeconds ?? LAMBDA_DEFAULTS.timeoutSeconds;
  if (/^https?:\/\//.test(target))
    return { kind: 'endpoint', functionName: reference.functionName, source: '--function', url: target, timeoutSeconds };
  const hash = target.lastIndexOf('#');
  const file = hash < 0 ? target : target.slice(0, hash);
  const exportName = hash < 0 ? 'handler' : target.slice(hash + 1) || 'handler';
  return {
    kind: 'node',
    functionName: reference.functionName,
    source: '--function',
    code: { kind: 'file', path: resolve(cwd, file) },
    handler: exportName,
    // A function configured in another runtime is run by this Node.js handler now.
    runtime: base?.runtime?.startsWith('nodejs') ? base.runtime : 'nodejs20.x',
    timeoutSeconds,
    memorySizeMb: base?.memorySizeMb ?? LAMBDA_DEFAULTS.memorySizeMb,
    environment: base?.environment ?? {},
  };
}
