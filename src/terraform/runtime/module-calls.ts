import type { ModuleCallDecl } from '../config/module-config.js';
import { withResolver } from '../expr/lazy-attributes.js';
import type { TfObject } from '../expr/values.js';
import { standInFor } from '../stand-ins/index.js';
import { ExprError, TerraformError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import { closest } from './did-you-mean.js';
import { addressKey, assemble, expandWith, instanceKeys } from './expansion.js';
import { recordStandIn } from './load-state.js';
import type { ModuleContext } from './module-context.js';
import { shapedStandIn } from './shaped-stand-in.js';

/**
 * A module block (https://developer.hashicorp.com/terraform/language/modules/syntax): local
 * sources, and remote ones `terraform init` installed, become child module instances whose
 * variables are the block's arguments, evaluated here with each/count; the outputs of a remote
 * module that is not installed are stand-ins.
 */
export function evaluateModuleCall(mi: ModuleContext, decl: ModuleCallDecl): TfValue {
  for (const dep of decl.dependsOn) mi.waitFor(dep, decl.location);
  const file = decl.location.file;
  const instances = expandWith(decl.count, decl.forEach, decl.location.file, (item) =>
    mi.evaluateAt(item.value, { file, line: item.line }),
  );
  const children: ModuleContext[] = [];
  mi.children.set(decl.name, children);
  if (decl.config) checkArguments(decl);
  const values = instanceKeys(instances).map(({ index, bindings }) => {
    const path = `${mi.path === '' ? '' : `${mi.path}.`}module.${decl.name}${addressKey(index)}`;
    const config = decl.config;
    if (!config) return remoteStandIn(mi, decl, path, bindings);
    const child = mi.instantiate(config, path, (variable) => {
      const item = decl.body.items.find((i) => i.name === variable.name);
      if (!item) return undefined;
      const location = { file, line: item.line };
      return { value: mi.evaluateAt(item.value, location, bindings), location };
    });
    children.push(child);
    return withResolver({}, (output) => {
      if (!config.outputs.has(output)) {
        const suggestion = closest(output, config.outputs.keys());
        throw new ExprError(
          `Unsupported attribute: ${path} has no output named "${output}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          true,
        );
      }
      return child.output(output);
    });
  });
  return assemble(instances, values);
}

/**
 * The outputs of a module Portico cannot read. Its arguments are evaluated one by one when a
 * stand-in reads them (its name, say), not all up front: Terraform's graph links each output to
 * what it really uses, so a Lambda module's `allowed_triggers` may use an API module's
 * `execution_arn` while the API module's integration uses the Lambda's ARN. Every argument is
 * still evaluated once the rest is (`state.deferred`), so a mistake in one is reported.
 */
function remoteStandIn(mi: ModuleContext, decl: ModuleCallDecl, path: string, bindings: Record<string, TfValue>): TfValue {
  const inputs: TfObject = {};
  const file = decl.location.file;
  for (const item of decl.body.items) {
    const location = { file, line: item.line };
    Object.defineProperty(inputs, item.name, {
      enumerable: true,
      get: () =>
        mi.memo.once(`${path.slice(mi.path === '' ? 0 : mi.path.length + 1)}.${item.name}`, location, () =>
          mi.evaluateAt(item.value, location, bindings),
        ),
    });
  }
  mi.state.deferred.push(() => {
    for (const item of decl.body.items) void inputs[item.name];
  });
  const reason = notReadReason(decl);
  return withResolver({}, (attribute, location, use) =>
    shapedStandIn(attribute, use, location, (attributePath, guessAs, at) => {
      const { value } = standInFor({
        address: path,
        kind: 'module',
        type: decl.source,
        name: decl.name,
        attribute: guessAs,
        path: attributePath,
        config: inputs,
        region: mi.state.region(),
        accountId: mi.state.accountId,
      });
      recordStandIn(mi.state, { address: path, attribute: attributePath, value, reason, location: at });
      return value;
    }),
  );
}

function notReadReason(decl: ModuleCallDecl): string {
  const source = JSON.stringify(decl.source);
  if (decl.remote && 'missing' in decl.remote && decl.remote.missing === 'source-changed')
    return `module source ${source} differs from the ${JSON.stringify(decl.remote.installedSource ?? '')} terraform init installed (run terraform init -backend=false again); its outputs are known only after apply`;
  return `module source ${source} is not installed (run terraform init -backend=false to download it); its outputs are known only after apply`;
}

function checkArguments(decl: ModuleCallDecl): void {
  const config = decl.config;
  if (!config) return;
  for (const item of decl.body.items) {
    if (!config.variables.has(item.name)) {
      const suggestion = closest(item.name, config.variables.keys());
      throw new TerraformError(
        { file: decl.location.file, line: item.line },
        `Unsupported argument: module "${decl.name}" (${decl.source}) has no variable named "${item.name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      );
    }
  }
  for (const variable of config.variables.values()) {
    if (variable.default === undefined && !decl.body.items.some((i) => i.name === variable.name)) {
      throw new TerraformError(
        decl.location,
        `Missing required argument: module "${decl.name}" needs a value for variable "${variable.name}", which has no default (declared at ${variable.location.file}:${variable.location.line})`,
      );
    }
  }
}
