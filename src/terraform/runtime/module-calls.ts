import type { ModuleCallDecl } from '../config/module-config.js';
import { evaluateBody } from '../expr/evaluate.js';
import { withResolver } from '../expr/lazy-attributes.js';
import { standInFor } from '../stand-ins/index.js';
import { ExprError, TerraformError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import { closest } from './did-you-mean.js';
import { addressKey, assemble, expandWith, instanceKeys } from './expansion.js';
import { recordStandIn } from './load-state.js';
import type { ModuleContext } from './module-context.js';

/**
 * A module block (https://developer.hashicorp.com/terraform/language/modules/syntax): local
 * sources become child module instances whose variables are the block's arguments, evaluated
 * here with each/count; other sources (registry, git) are not read, and their outputs are stand-ins.
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
    if (!config) {
      const inputs = evaluateBody(decl.body, mi.scope(decl.location, bindings));
      return withResolver({}, (attribute, location) => {
        const { value, reason } = standInFor({
          address: path,
          kind: 'module',
          type: decl.source,
          name: decl.name,
          attribute,
          config: inputs,
          region: mi.state.region(),
          accountId: mi.state.accountId,
        });
        recordStandIn(mi.state, { address: path, attribute, value, reason, location });
        return value;
      });
    }
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
