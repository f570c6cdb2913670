import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LoadResult, ResourceInstance, TfValue } from './types.js';

/**
 * The `aws_lambda_function` resources of a loaded configuration, as functions Portico can run. The
 * shapes match the Lambda runtime's definitions (src/integrations/lambda) field for field; they are
 * spelled out here because terraform/ does not import integrations/.
 */
export type LambdaFunctionCode = { readonly kind: 'directory'; readonly path: string } | { readonly kind: 'zip'; readonly path: string };

export type TerraformLambdaFunction =
  | {
      readonly kind: 'node';
      readonly functionName: string;
      readonly source: string;
      readonly code: LambdaFunctionCode;
      readonly handler: string;
      readonly runtime: string;
      readonly timeoutSeconds: number;
      readonly memorySizeMb: number;
      readonly environment: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'unrunnable';
      readonly functionName: string;
      readonly source: string;
      readonly reason: string;
      /** Kept for a `--function` mapping that runs the function elsewhere. */
      readonly settings: {
        readonly runtime?: string;
        readonly timeoutSeconds: number;
        readonly memorySizeMb: number;
        readonly environment: Readonly<Record<string, string>>;
      };
    };

const text = (value: TfValue | undefined): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const number = (value: TfValue | undefined, fallback: number): number => (typeof value === 'number' && value > 0 ? value : fallback);

/** `environment { variables = {…} }`: a block list holding one map. */
function environmentOf(instance: ResourceInstance): Record<string, string> {
  const blocks = instance.attributes['environment'];
  const block = Array.isArray(blocks) ? blocks[0] : undefined;
  const variables = block !== null && typeof block === 'object' && !Array.isArray(block) ? block['variables'] : undefined;
  const env: Record<string, string> = {};
  if (variables !== null && typeof variables === 'object' && !Array.isArray(variables))
    for (const [name, value] of Object.entries(variables))
      if (value !== null) env[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return env;
}

function howToMap(name: string): string {
  return (
    `Run it elsewhere and map it: a function served over Lambda's Invoke API (the AWS base images' Runtime Interface Emulator, ` +
    `e.g. \`docker run -p 9000:8080 <image>\`) is mapped with --function ${name}=http://127.0.0.1:9000; ` +
    `a Node.js handler file with --function ${name}=./path/to/handler.mjs#handler.`
  );
}

/**
 * Where a function's code is on this machine (`filename`, relative to the root module as Terraform
 * resolves it): the `archive_file` that builds that path (its `source_dir`, or the directory of its
 * `source_file`), else the zip or directory itself.
 */
function codeOf(filename: string, archives: readonly ResourceInstance[], rootDir: string): LambdaFunctionCode | string {
  const target = resolve(rootDir, filename);
  const archive = archives.find((candidate) => {
    const output = text(candidate.attributes['output_path']);
    return output !== undefined && resolve(rootDir, output) === target;
  });
  if (archive !== undefined) {
    const dir = text(archive.attributes['source_dir']);
    if (dir !== undefined) return { kind: 'directory', path: resolve(rootDir, dir) };
    const file = text(archive.attributes['source_file']);
    if (file !== undefined) return { kind: 'directory', path: dirname(resolve(rootDir, file)) };
    return `${archive.address} builds the package from source blocks, which Portico does not run; use source_dir or source_file`;
  }
  if (!existsSync(target)) return `the package ${filename} does not exist (build it first, or point an archive_file at the code)`;
  return statSync(target).isDirectory() ? { kind: 'directory', path: target } : { kind: 'zip', path: target };
}

/** The resource types lambdaFunctionsFrom reads: what a caller keeps of an evaluation to call it later. */
export const LAMBDA_CODE_TYPES: readonly string[] = ['aws_lambda_function', 'archive_file', 'aws_s3_object', 'aws_s3_bucket_object'];

/**
 * Code in S3 (`s3_bucket` + `s3_key`) that the same configuration uploads from a local file, as
 * HashiCorp's Lambda tutorial does (an `aws_s3_object` whose `source` is an archive's output_path):
 * that file is the code.
 */
function uploadedFrom(fn: ResourceInstance, resources: readonly ResourceInstance[]): string | undefined {
  const bucket = fn.attributes['s3_bucket'];
  const key = fn.attributes['s3_key'];
  if (typeof key !== 'string') return undefined;
  const upload = resources.find(
    (r) =>
      r.mode === 'managed' &&
      (r.type === 'aws_s3_object' || r.type === 'aws_s3_bucket_object') &&
      r.attributes['key'] === key &&
      (bucket === undefined || r.attributes['bucket'] === bucket),
  );
  return text(upload?.attributes['source']);
}

export function lambdaFunctionsFrom(result: Pick<LoadResult, 'resources'>, rootDir: string): TerraformLambdaFunction[] {
  const archives = result.resources.filter((r) => r.type === 'archive_file');
  const functions: TerraformLambdaFunction[] = [];
  for (const instance of result.resources) {
    if (instance.mode !== 'managed' || instance.type !== 'aws_lambda_function') continue;
    const attributes = instance.attributes;
    const functionName = text(attributes['function_name']);
    if (functionName === undefined) continue;
    const source = `${instance.address} (${instance.location.file}:${instance.location.line})`;
    const runtime = text(attributes['runtime']);
    const settings = {
      ...(runtime !== undefined ? { runtime } : {}),
      timeoutSeconds: number(attributes['timeout'], 3),
      memorySizeMb: number(attributes['memory_size'], 128),
      environment: environmentOf(instance),
    };
    const unrunnable = (why: string): TerraformLambdaFunction => ({
      kind: 'unrunnable',
      functionName,
      source,
      reason: `${source}: ${why}. ${howToMap(functionName)}`,
      settings,
    });
    if (attributes['package_type'] === 'Image' || text(attributes['image_uri']) !== undefined) {
      functions.push(unrunnable('container image functions are not run locally by Portico'));
      continue;
    }
    if (runtime === undefined || !runtime.startsWith('nodejs')) {
      functions.push(unrunnable(`runtime ${runtime ?? '(none)'} is not run locally by Portico, which runs nodejs* functions`));
      continue;
    }
    const filename = text(attributes['filename']) ?? uploadedFrom(instance, result.resources);
    const code =
      filename === undefined
        ? 'its code is not in a local file (s3_bucket, and no aws_s3_object in the configuration uploads it from one): Portico runs local code only'
        : codeOf(filename, archives, rootDir);
    const handler = text(attributes['handler']);
    if (typeof code === 'string' || handler === undefined) {
      functions.push(unrunnable(typeof code === 'string' ? code : 'it has no handler'));
      continue;
    }
    functions.push({
      kind: 'node',
      functionName,
      source,
      code,
      handler,
      ...settings,
      runtime,
    });
  }
  return functions;
}
