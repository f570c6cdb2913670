import type { Integration } from '../../model/index.js';

/** An AWS_PROXY integration (docs/reference/dataplane.md §5): the function it invokes and the event format it wants. */
export interface LambdaPlan {
  readonly kind: 'lambda';
  readonly integrationId: string;
  readonly timeoutMs: number;
  readonly payloadFormatVersion: '1.0' | '2.0';
  /**
   * Function ARN, invoke ARN (alias or version qualifier allowed) or name; `${stageVariables.x}`
   * parts are filled in per request from the stage's live variables (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html).
   */
  readonly functionUri: string;
  readonly usesStageVariables: boolean;
}

const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

export function compileLambdaPlan(integration: Integration, timeoutMs: number): LambdaPlan {
  const uri = integration.integrationUri ?? '';
  return {
    kind: 'lambda',
    integrationId: integration.integrationId,
    timeoutMs,
    // Terraform and the API default to 1.0 (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_integration); 2.0 only when asked for.
    payloadFormatVersion: integration.payloadFormatVersion === '2.0' ? '2.0' : '1.0',
    functionUri: uri,
    usesStageVariables: uri.includes('${stageVariables.'),
  };
}

/** The plan's function for this stage: a variable the stage does not define becomes "". */
export function functionUriFor(plan: LambdaPlan, stageVariables: Readonly<Record<string, string>>): string {
  if (!plan.usesStageVariables) return plan.functionUri;
  return plan.functionUri.replace(STAGE_VARIABLE, (_all, name: string) => stageVariables[name] ?? '');
}
