import { printable, type Portico } from '../server/index.js';
import { describeFunction, functionNameOf } from './summary-functions.js';

/** What the table reads: one process (`Portico`) or the primary of `--workers N` (`PorticoCluster`). */
export type SummarySource = Pick<Portico, 'endpoint' | 'apis' | 'controlPlane' | 'standIns' | 'resolveTarget'> &
  Partial<Pick<Portico, 'warnings' | 'functions' | 'console'>>;

/** Routes listed per API; a configuration with thousands says how many more there are. */
const ROUTES_SHOWN = 25;

/**
 * The start-up table: each API with its stages and URLs, custom domains, routes and where each
 * goes (an integration's target, a Lambda function and whether it runs here), what the
 * configuration warns about, and every value Portico had to stand in for (like Terraform's
 * "known after apply") — everything a first request would otherwise be the one to find out.
 */
export function formatSummary(portico: SummarySource): string {
  const lines: string[] = [];
  lines.push(`Portico is serving on ${portico.endpoint}  (AWS control plane endpoint: ${portico.endpoint})`);
  if (portico.console !== undefined) lines.push(`Console: ${portico.console}`);
  const config = portico.controlPlane.servingConfig();
  const functions = portico.functions ?? [];
  if (portico.apis.length === 0)
    lines.push('', 'No APIs yet: create some with Terraform, the AWS CLI or an AWS SDK pointed at the endpoint above.');
  for (const api of portico.apis) {
    lines.push('', `API ${api.name}  (id ${api.apiId})`);
    if (api.stages.length === 0) lines.push('  no stages yet: nothing is served until a stage exists');
    const served = config.apis.find((a) => a.apiId === api.apiId);
    for (const stage of api.stages) {
      const deployed = served?.stages.find((s) => s.stage.stageName === stage.stageName)?.deployment;
      lines.push(`  stage ${stage.stageName}${deployed ? '' : '  (not deployed yet)'}`);
      for (const url of stage.urls) lines.push(`    ${url}`);
    }
    for (const domain of config.domainNames)
      for (const mapping of domain.mappings.filter((m) => m.apiId === api.apiId))
        lines.push(
          `  custom domain ${domain.domainName}/${mapping.apiMappingKey} → stage ${mapping.stage}  (Host: ${domain.domainName} on the edge port)`,
        );
    const snapshot = served?.stages.find((s) => s.deployment)?.deployment?.snapshot();
    for (const integration of snapshot?.integrations ?? []) {
      const uri = integration.integrationUri ?? integration.integrationSubtype ?? '';
      const via = integration.connectionType === 'VPC_LINK' ? ` via VPC link ${integration.connectionId}` : '';
      const local = integration.connectionType === 'VPC_LINK' ? targetOf(portico, uri) : '';
      const service = integration.integrationSubtype ? '  (an AWS service integration: Portico answers 500)' : '';
      lines.push(`  integration ${integration.integrationId} ${integration.integrationType}${via} → ${uri}${local}${service}`);
    }
    const routes = [...(snapshot?.routes ?? [])].sort((a, b) => (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0));
    for (const route of routes.slice(0, ROUTES_SHOWN)) {
      const integrationId = route.target?.replace(/^integrations\//, '');
      const integration = snapshot?.integrations.find((i) => i.integrationId === integrationId);
      const auth = route.authorizationType === 'NONE' ? '' : `  [${route.authorizationType}]`;
      const fn = integration?.integrationType === 'AWS_PROXY' ? functionNameOf(integration.integrationUri) : undefined;
      const goes =
        integration === undefined ? 'no integration (404)' : fn !== undefined ? `function ${fn}` : `integration ${integrationId}`;
      lines.push(`  route ${route.routeKey} → ${goes}${auth}`);
    }
    if (routes.length > ROUTES_SHOWN) lines.push(`  … and ${routes.length - ROUTES_SHOWN} more routes`);
  }
  const invoked = new Set(
    config.apis.flatMap((api) =>
      api.stages.flatMap((s) => (s.deployment?.snapshot().integrations ?? []).map((i) => functionNameOf(i.integrationUri))),
    ),
  );
  const shown = [...invoked].filter((name): name is string => name !== undefined).sort();
  if (shown.length > 0) {
    lines.push('', 'Lambda functions:');
    for (const name of shown) lines.push(`  ${describeFunction(name, functions)}`);
  }
  if ((portico.warnings ?? []).length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of portico.warnings ?? []) lines.push(`  ${warning}`);
  }
  if (portico.standIns.length > 0) {
    lines.push('', 'Stand-ins (values only a real apply would know; Portico invented these):');
    for (const standIn of portico.standIns)
      lines.push(
        `  ${standIn.address}.${standIn.attribute} = ${JSON.stringify(standIn.value)}  (${standIn.reason}; ${standIn.location.file}:${standIn.location.line})`,
      );
  }
  // Names come from whoever wrote the configuration or called the control plane: escaped, never obeyed.
  return lines.map(printable).join('\n');
}

function targetOf(portico: SummarySource, uri: string): string {
  const urls = portico.resolveTarget(uri);
  return urls ? ` → ${urls.join(', ')}` : '  (no local target: add --target KEY=URL)';
}
