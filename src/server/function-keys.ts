import { parseFunctionReference } from '../integrations/lambda/index.js';
import { integrationIdOfTarget, type ServingConfig } from '../model/index.js';
import type { LoadResult, StandIn } from '../terraform/index.js';

/** The function names the served configuration invokes, each with what invokes it ("API shop: POST /orders"). */
export function invokedFunctions(config: ServingConfig): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const add = (uri: string | undefined, by: string): void => {
    const name = uri === undefined || uri.includes('${') ? undefined : parseFunctionReference(uri)?.functionName;
    if (name === undefined) return;
    const list = used.get(name) ?? [];
    if (!list.includes(by)) list.push(by);
    used.set(name, list);
  };
  for (const api of config.apis)
    for (const served of api.stages) {
      const snapshot = served.deployment?.snapshot();
      if (!snapshot) continue;
      for (const route of snapshot.routes) {
        const integrationId = route.target === undefined ? undefined : integrationIdOfTarget(route.target);
        const integration = snapshot.integrations.find((i) => i.integrationId === integrationId);
        if (integration?.integrationType === 'AWS_PROXY' && !integration.integrationSubtype)
          add(integration.integrationUri, `API ${api.name}: ${route.routeKey}`);
        const authorizer = snapshot.authorizers.find((a) => a.authorizerId === route.authorizerId);
        if (authorizer?.authorizerType === 'REQUEST') add(authorizer.authorizerUri, `API ${api.name}: authorizer ${authorizer.name}`);
      }
    }
  return used;
}

/**
 * What `--function KEY=…` may name besides a function name or ARN: the Terraform address of an
 * `aws_lambda_function` (`aws_lambda_function.api`, `module.lambda.aws_lambda_function.this[0]`,
 * without the `[0]` of a single instance), a module holding one function (`module.lambda`), and
 * a module output standing for one (`module.lambda.lambda_function_arn` of a module not installed).
 */
export function functionAliases(loaded: LoadResult | undefined, standIns: readonly StandIn[]): Map<string, string> {
  const aliases = new Map<string, string>();
  const perModule = new Map<string, Set<string>>();
  const note = (module: string, name: string): void => {
    if (module === '') return;
    perModule.set(module, (perModule.get(module) ?? new Set()).add(name));
  };
  for (const instance of loaded?.resources ?? []) {
    if (instance.mode !== 'managed' || instance.type !== 'aws_lambda_function') continue;
    const name = instance.attributes['function_name'];
    if (typeof name !== 'string') continue;
    aliases.set(instance.address, name);
    if (instance.index === 0) aliases.set(instance.address.replace(/\[0\]$/, ''), name);
    note(instance.modulePath, name);
  }
  for (const standIn of standIns) {
    const value = standIn.value;
    const name = typeof value === 'string' && value.startsWith('arn:') ? parseFunctionReference(value)?.functionName : undefined;
    if (name === undefined || !/(lambda|function)/.test(`${standIn.address}.${standIn.attribute}`)) continue;
    aliases.set(`${standIn.address}.${standIn.attribute}`, name);
    if (standIn.address.startsWith('module.')) note(standIn.address, name);
  }
  for (const [module, names] of perModule) if (names.size === 1) aliases.set(module, [...names][0] as string);
  return aliases;
}
