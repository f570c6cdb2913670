import type { ModuleConfig } from './module-config.js';
import { MANIFEST_PATH } from './module-manifest.js';

/**
 * What to tell a user whose remote modules are not installed: Portico reads registry and git
 * modules only where `terraform init` put them, so an API defined inside one is invisible until
 * then. `-backend=false` because init would otherwise configure the state backend (an S3 bucket,
 * say), which needs AWS credentials; downloading modules and providers does not.
 * https://developer.hashicorp.com/terraform/cli/commands/init
 */
export function uninstalledModuleWarnings(root: ModuleConfig): string[] {
  const warnings: string[] = [];
  const visit = (config: ModuleConfig, prefix: string, seen: Set<ModuleConfig>): void => {
    if (seen.has(config)) return;
    seen.add(config);
    for (const call of config.order) {
      if (call.declKind !== 'module') continue;
      const address = `${prefix}module.${call.name}`;
      if (call.config) visit(call.config, `${address}.`, seen);
      const missing = call.remote && 'missing' in call.remote ? call.remote : undefined;
      if (!missing) continue;
      const where = `${call.sourceLocation.file}:${call.sourceLocation.line}`;
      const why =
        missing.missing === 'source-changed'
          ? `its source changed since terraform init installed ${JSON.stringify(missing.installedSource ?? '')}`
          : `it is not installed (no entry in ${MANIFEST_PATH})`;
      const holds = looksLikeApiModule(call.source)
        ? 'Portico cannot see the aws_apigatewayv2_* resources it defines, so they are not served'
        : 'its outputs are stand-ins, and any aws_apigatewayv2_* resources it holds are not served';
      warnings.push(
        `${where}: ${address} (${call.source}): ${why}; ${holds}. Run \`terraform init -backend=false\` in the configuration directory (it downloads modules and providers only: no AWS access, no state) and start Portico again.`,
      );
    }
  };
  visit(root, '', new Set());
  return warnings;
}

/** terraform-aws-modules/apigateway-v2/aws, a company's "git::…/http-api.git", "./api-gateway": the module's own name says it. */
function looksLikeApiModule(source: string): boolean {
  return /api-?gateway|apigw|http-?api|(^|[/_-])api([/_.-]|$)/i.test(source);
}
