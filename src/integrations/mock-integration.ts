import type { Integration, IntegrationOutcome } from './integration.js';
import { mockStatus } from './mock-status.js';
import type { ResponseSink } from './response-sink.js';

/**
 * One MOCK call: the integration request body, as the data plane built it — the request template it
 * selected and rendered, or the client's payload passed through (`passthroughBehavior`).
 */
export interface MockIntegrationRequest {
  readonly body: string | Buffer;
}

/**
 * MOCK (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html;
 * WebSocket: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html):
 * "API Gateway responds … directly, without the need for an integration backend". Here the
 * integration request's `statusCode` plays the endpoint: it answers with that status and an empty
 * body, and fails as a malformed response when there is none to read (mock-status.ts).
 *
 * Where the parts sit: the request template is selected and rendered by the data plane
 * (data-plane/templates: template selection, passthrough and 415, rendering), exactly as for HTTP
 * and AWS non-proxy integrations, and handed over already rendered — integrations/ may not import
 * data-plane/, and a render callback would only hide that same step behind an indirection. After
 * the call, choosing the integration response by `integrationResponseSelectionExpression` (the
 * status, `/2\d\d/`, `$default`) and rendering its response template is the data plane's one
 * integration-response step for every non-proxy type. The body that step reads is empty for MOCK:
 * AWS does not pass the request template's output on to the response (a MOCK "doesn't allow to pass
 * the body from the request to the response", recorded against AWS in localstack/localstack
 * tests/aws/services/apigateway/test_apigateway_import.py).
 */
export const mockIntegration: Integration<MockIntegrationRequest> = {
  invoke(request: MockIntegrationRequest, response: ResponseSink): Promise<IntegrationOutcome> {
    const status = mockStatus(request.body);
    if (typeof status === 'string') return Promise.resolve({ kind: 'failed', failure: 'malformed-response', detail: status });
    try {
      response.head(status, ['content-length', '0']);
      response.end();
    } catch (error) {
      // The sink refused the head (it cannot happen with these fields, but the contract says what then).
      return Promise.resolve({ kind: 'failed', failure: 'malformed-response', error: error as Error, detail: (error as Error).message });
    }
    return Promise.resolve({ kind: 'responded', status });
  },
};
