import { httpIntegration, type Integration, type LambdaIntegrationRequest } from '../../integrations/index.js';
import { functionUriFor } from '../lambda/lambda-plan.js';
import type { WarnOnce } from '../warn-once.js';
import { CollectingSink } from './collected-response.js';
import type { IntegrationCall, IntegrationResult } from './integration-call.js';
import { integrateTemplated, type TemplateDependencies } from './templated-integration.js';
import { httpRequest, settle } from './http-call.js';

export interface IntegrateDependencies extends TemplateDependencies {
  readonly lambdaIntegration: Integration<LambdaIntegrationRequest>;
  readonly warnOnce: WarnOnce;
}

/**
 * Invoke a route's integration through the `Integration` interface with a sink that collects the
 * response; MOCK and non-proxy templates go through the template seam (templated-integration.ts).
 */
export async function integrate(call: IntegrationCall, deps: IntegrateDependencies): Promise<IntegrationResult> {
  const plan = call.plan;
  const sink = new CollectingSink();
  switch (plan.kind) {
    case 'lambda': {
      const request: LambdaIntegrationRequest = {
        functionUri: functionUriFor(plan, call.stageVariables),
        event: call.event(),
        payloadFormatVersion: '1.0',
        timeoutMs: plan.timeoutMs,
      };
      return settle(await deps.lambdaIntegration.invoke(request, sink), sink);
    }
    case 'http':
      if (plan.templates !== undefined) return integrateTemplated(plan, plan.templates, call, deps);
      return settle(await httpIntegration.invoke(httpRequest(plan, call), sink), sink);
    case 'templated':
      return integrateTemplated(plan, plan.templates, call, deps);
    case 'unserved':
      deps.warnOnce.warn(`unserved:${plan.integrationId}`, { integrationId: plan.integrationId }, plan.problem);
      return { kind: 'failed', failure: 'unavailable', detail: plan.problem };
  }
}
