import type { LambdaIntegrationRequest } from '../integrations/index.js';
import { findHeader } from './client-request.js';
import type { RoutedInvocation } from './invocation.js';
import { eventBody } from './lambda/body-encoding.js';
import { buildEventInput, type EventInputDependencies } from './lambda/build-event-input.js';
import { integrationEventV1 } from './lambda/lambda-event-v1.js';
import { integrationEventV2 } from './lambda/lambda-event-v2.js';
import { functionUriFor, type LambdaPlan } from './lambda/lambda-plan.js';

/**
 * Step 7 for a Lambda proxy integration (docs/reference/dataplane.md §5.1): the 1.0 or 2.0 event
 * for the request, with the client's whole body (API Gateway buffers it too), and the function
 * the stage's variables name.
 */
export function buildLambdaRequest(
  plan: LambdaPlan,
  routed: RoutedInvocation,
  body: Buffer,
  deps: EventInputDependencies,
): LambdaIntegrationRequest {
  const input = buildEventInput(routed, body.length, deps);
  const encoded = eventBody(body, findHeader(routed.request.rawHeaders, 'content-type'));
  return {
    functionUri: functionUriFor(plan, routed.stageVariables),
    event: plan.payloadFormatVersion === '2.0' ? integrationEventV2(input, encoded) : integrationEventV1(input, encoded),
    payloadFormatVersion: plan.payloadFormatVersion,
    timeoutMs: plan.timeoutMs,
  };
}
