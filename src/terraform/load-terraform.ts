import { resolve } from 'node:path';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../model/index.js';
import type { ModuleConfig } from './config/module-config.js';
import { readModuleTree } from './config/read-module.js';
import { uninstalledModuleWarnings } from './config/uninstalled-modules.js';
import type { FunctionContext } from './functions/index.js';
import type { LoadState } from './runtime/load-state.js';
import { ModuleInstance } from './runtime/module-instance.js';
import { collectRootValues } from './runtime/root-values.js';
import { renderTemplate } from './runtime/template-file.js';
import { rootInput } from './runtime/variables.js';
import { stableUuid } from './stand-ins/stable-random.js';
import { TerraformError } from './terraform-error.js';
import type { LoadOptions, LoadResult, ResourceInstance, TfValue } from './types.js';

/**
 * Reads a directory of unchanged Terraform and evaluates it as `terraform apply` would, with
 * handlers standing in for the provider. All files are parsed first (the only async step); the
 * evaluation after that is synchronous, so a caller can run it inside one transaction.
 */
export async function loadTerraform(opts: LoadOptions): Promise<LoadResult> {
  try {
    return await load(opts);
  } catch (error) {
    if (error instanceof TerraformError) throw error;
    // File-system failures and the like still come out as one readable, located message.
    throw new TerraformError(
      { file: opts.dir, line: 0 },
      `Could not load the configuration: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function load(opts: LoadOptions): Promise<LoadResult> {
  const rootDir = resolve(opts.dir);
  const config = await readModuleTree(rootDir);
  const rootValues = await collectRootValues(opts, rootDir, new Set(config.variables.keys()));

  let uuids = 0;
  let region: string | undefined;
  let regionPending = false;
  const functions: FunctionContext = {
    baseDir: rootDir,
    now: opts.now ?? (() => new Date()),
    // Deterministic, so a reload produces the same configuration.
    nextUuid: () => stableUuid(`portico/uuid/${uuids++}`),
    renderTemplate: (source, path, vars) => renderTemplate(functions, source, path, vars),
  };
  const state: LoadState = {
    rootDir,
    accountId: opts.accountId ?? DEFAULT_ACCOUNT_ID,
    handlers: opts.handlers ?? {},
    functions,
    region: () => {
      if (region !== undefined) return region;
      if (regionPending)
        throw new TerraformError(
          config.providerRegion?.location ?? { file: '', line: 0 },
          'Cycle: the provider region depends on a value that needs the region',
        );
      regionPending = true;
      region = providerRegion(root, config) ?? opts.region ?? DEFAULT_REGION;
      return region;
    },
    resources: [],
    standIns: new Map(),
    warnings: [
      ...allConfigs(config).flatMap((c) =>
        c.ignoredFiles.map((f) => `${f}: Override files are not supported by Portico; this file was not read`),
      ),
      ...rootValues.warnings,
      ...uninstalledModuleWarnings(config),
    ],
    deferred: [],
    evaluating: [],
  };
  const root: ModuleInstance = new ModuleInstance(
    state,
    config,
    '',
    rootInput(rootValues.values, () => root),
  );
  root.evaluateAll();
  for (const evaluation of state.deferred) evaluation();

  state.warnings.push(...restApiNotices(state.resources));
  const outputs: Record<string, TfValue> = {};
  for (const name of config.outputs.keys()) outputs[name] = root.output(name);
  return {
    resources: state.resources,
    standIns: [...state.standIns.values()],
    outputs,
    region: state.region(),
    accountId: state.accountId,
    files: [...allFiles(config), ...rootValues.files],
    warnings: state.warnings,
  };
}

/**
 * REST APIs (API Gateway v1, `aws_api_gateway_*`) are another service, which Portico does not
 * serve: a configuration with only those would otherwise start with "No APIs" and no reason.
 */
function restApiNotices(resources: readonly ResourceInstance[]): string[] {
  const rest = resources.filter((r) => r.mode === 'managed' && r.type === 'aws_api_gateway_rest_api');
  if (rest.length === 0) return [];
  const names = rest.map((r) => `${r.address} (${r.location.file}:${r.location.line})`).join(', ');
  const httpApis = resources.some((r) => r.mode === 'managed' && r.type === 'aws_apigatewayv2_api');
  return [
    httpApis
      ? `${names}: REST APIs (API Gateway v1) are not served by Portico, which serves HTTP APIs (aws_apigatewayv2_*); the HTTP APIs are served.`
      : `This configuration has only REST APIs (API Gateway v1: ${names}). Portico serves HTTP APIs (aws_apigatewayv2_api and friends), so nothing here is served.`,
  ];
}

/** The root module's default `provider "aws" { region = ... }`. */
function providerRegion(root: ModuleInstance, config: ModuleConfig): string | undefined {
  const given = config.providerRegion;
  if (!given) return undefined;
  const value = root.evaluateAt(given.expr, given.location);
  if (value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new TerraformError(
      given.location,
      `Invalid provider region: expected a region name such as "us-east-1", got ${JSON.stringify(value)}`,
    );
  return value;
}

function allConfigs(config: ModuleConfig, seen = new Set<ModuleConfig>()): ModuleConfig[] {
  if (seen.has(config)) return [];
  seen.add(config);
  return [config, ...[...config.modules.values()].flatMap((m) => (m.config ? allConfigs(m.config, seen) : []))];
}

function allFiles(config: ModuleConfig): string[] {
  return allConfigs(config).flatMap((c) => c.files);
}
