import { createTargetMap, type TargetSpec } from '../integrations/index.js';
import type { ServingConfig } from '../model/index.js';
import type { ResourceInstance } from '../terraform/index.js';

const LISTENER_NAME = /:listener\/(?:app|net)\/([^/]+)\//;

/**
 * A `--target` (or portico.json "targets") key that no private integration of the configuration
 * would use is refused before anything is applied, listing the keys that would work: a typo in a
 * load balancer's name must not leave every request answering 503.
 */
export function checkTargetKeys(
  cli: Readonly<Record<string, TargetSpec[]>> | undefined,
  project: Readonly<Record<string, TargetSpec | TargetSpec[]>> | undefined,
  resources: readonly ResourceInstance[],
  aliases: Readonly<Record<string, string>>,
  served: ServingConfig,
): void {
  const uris = privateIntegrationUris(resources, served);
  const check = (key: string, specs: TargetSpec[], givenAs: string): void => {
    const alone = createTargetMap({ [key]: specs }, { aliases: { ...aliases } });
    if (uris.some((uri) => alone.resolve(uri) !== undefined)) return;
    throw new Error(`${givenAs} ${key}: no private integration of this configuration goes to "${key}". ${validKeys(uris, aliases)}`);
  };
  for (const [key, specs] of Object.entries(cli ?? {})) check(key, specs, '--target');
  for (const [key, value] of Object.entries(project ?? {}))
    if (!Object.hasOwn(cli ?? {}, key)) check(key, Array.isArray(value) ? value : [value], 'portico.json "targets"');
}

function privateIntegrationUris(resources: readonly ResourceInstance[], served: ServingConfig): string[] {
  const uris = new Set<string>();
  for (const r of resources)
    if (
      r.type === 'aws_apigatewayv2_integration' &&
      r.attributes['connection_type'] === 'VPC_LINK' &&
      typeof r.attributes['integration_uri'] === 'string'
    )
      uris.add(r.attributes['integration_uri']);
  for (const api of served.apis)
    for (const stage of api.stages)
      for (const integration of stage.deployment?.snapshot().integrations ?? [])
        if (integration.connectionType === 'VPC_LINK' && integration.integrationUri) uris.add(integration.integrationUri);
  return [...uris];
}

function validKeys(uris: readonly string[], aliases: Readonly<Record<string, string>>): string {
  if (uris.length === 0) return 'It has no private (VPC link) integrations, so no --target is needed.';
  const lines = uris.map((uri) => {
    const names = [
      LISTENER_NAME.exec(uri)?.[1],
      ...Object.entries(aliases)
        .filter(([, arn]) => arn === uri)
        .map(([address]) => address),
    ];
    const also = names.filter((n): n is string => n !== undefined);
    return `  ${uri}${also.length > 0 ? ` (or ${also.join(', ')})` : ''}`;
  });
  return `The private integrations go to:\n${lines.join('\n')}`;
}
