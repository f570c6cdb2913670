import type { Portico } from '../server/index.js';

/** What the table reads: one process (`Portico`) or the primary of `--workers N` (`PorticoCluster`). */
export type SummarySource = Pick<Portico, 'endpoint' | 'apis' | 'controlPlane' | 'standIns' | 'resolveTarget'>;

/**
 * The start-up table: each API with its stages and URLs, each integration's target, and every
 * value Portico had to stand in for (like Terraform's "known after apply").
 */
export function formatSummary(portico: SummarySource): string {
  const lines: string[] = [];
  lines.push(`Portico is serving on ${portico.endpoint}  (AWS control plane endpoint: ${portico.endpoint})`);
  const config = portico.controlPlane.servingConfig();
  if (portico.apis.length === 0)
    lines.push('', 'No APIs yet: create some with Terraform, the AWS CLI or an AWS SDK pointed at the endpoint above.');
  for (const api of portico.apis) {
    lines.push('', `API ${api.name}  (id ${api.apiId})`);
    if (api.stages.length === 0) lines.push('  no stages yet: nothing is served until a stage exists');
    for (const stage of api.stages) {
      const served = config.apis.find((a) => a.apiId === api.apiId)?.stages.find((s) => s.stage.stageName === stage.stageName);
      const note = served?.deployment ? '' : '  (not deployed yet)';
      lines.push(`  stage ${stage.stageName}${note}`);
      for (const url of stage.urls) lines.push(`    ${url}`);
    }
    const snapshot = config.apis
      .find((a) => a.apiId === api.apiId)
      ?.stages.find((s) => s.deployment)
      ?.deployment?.snapshot();
    for (const integration of snapshot?.integrations ?? []) {
      const uri = integration.integrationUri ?? integration.integrationSubtype ?? '';
      const via = integration.connectionType === 'VPC_LINK' ? ` via VPC link ${integration.connectionId}` : '';
      const local = integration.connectionType === 'VPC_LINK' ? targetOf(portico, uri) : '';
      lines.push(`  integration ${integration.integrationId} ${integration.integrationType}${via} → ${uri}${local}`);
    }
  }
  if (portico.standIns.length > 0) {
    lines.push('', 'Stand-ins (values only a real apply would know; Portico invented these):');
    for (const standIn of portico.standIns)
      lines.push(
        `  ${standIn.address}.${standIn.attribute} = ${JSON.stringify(standIn.value)}  (${standIn.reason}; ${standIn.location.file}:${standIn.location.line})`,
      );
  }
  return lines.join('\n');
}

function targetOf(portico: SummarySource, uri: string): string {
  const urls = portico.resolveTarget(uri);
  return urls ? ` → ${urls.join(', ')}` : '  (no local target: add --target KEY=URL)';
}
