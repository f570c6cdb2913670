import type { ResourceInstance } from '../types.js';

/**
 * AWS service integrations (`integration_subtype`, e.g. EventBridge-PutEvents, SQS-SendMessage,
 * StepFunctions-StartExecution:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html)
 * are applied, but Portico does not call AWS services: their routes answer 500 Internal Server
 * Error. The start-up output says so for each one, naming the subtype, rather than leaving the
 * user to find out from the first request.
 */
export function serviceIntegrationWarning(instance: ResourceInstance): string | undefined {
  const subtype = instance.attributes['integration_subtype'];
  if (typeof subtype !== 'string' || subtype === '') return undefined;
  const at = instance.attributeLocation('integration_subtype');
  return (
    `${at.file}:${at.line}: ${instance.address} is an AWS service integration (${subtype}), which Portico does not call: ` +
    `requests routed to it get 500 Internal Server Error. The rest of the API is served.`
  );
}
