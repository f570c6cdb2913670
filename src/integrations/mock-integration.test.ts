import { describe, expect, it } from 'vitest';
import { RecordingSink, runIntegrationContract, type EndpointScript, type IntegrationFixture } from './integration.contract.js';
import { mockIntegration, type MockIntegrationRequest } from './mock-integration.js';
import { MOCK_STATUS_ERROR, mockStatus } from './mock-status.js';

/**
 * A MOCK integration's "endpoint" is its request template: the fixture's request is the rendered
 * template the data plane hands over, naming the scripted status (or, for a malformed answer, none).
 */
function request(script: EndpointScript): MockIntegrationRequest {
  if (script.kind === 'answer') return { body: `{"statusCode": ${script.status}}` };
  if (script.kind === 'malformed') return { body: '{"message": "a request template that names no statusCode"}' };
  throw new Error('a request template cannot hang: the suite does not ask this fixture to');
}

const fixture = (): Promise<IntegrationFixture<MockIntegrationRequest>> =>
  Promise.resolve({ integration: mockIntegration, request, close: () => Promise.resolve() });

runIntegrationContract('MOCK (the request template names the status)', fixture, {
  cannotHang: 'its endpoint is the rendered request template, read at once; rendering itself is bounded (data-plane/templates)',
  statusOnly: "a MOCK endpoint answers the request template's statusCode; fields and body come from the integration response after it",
  cannotBeMissing: 'there is no endpoint to be absent: the request template is part of the deployment',
});

describe('MOCK status from the integration request (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html)', () => {
  it.each([
    ['{"statusCode": 200}', 200],
    ['{"statusCode":500}', 500],
    ['\n{\n  "statusCode": 404,\n  "message": "x"\n}\n', 404],
    // AWS accepts an unquoted key (recorded against AWS: localstack test_integration_mock_with_path_param).
    ['{statusCode: 200}', 200],
    ["{'statusCode': 201, 'a': {'statusCode': 500}}", 201],
    ['{"a": {"statusCode": 500}, statusCode: 204}', 204],
    // No template and no payload: "return the default integration response".
    ['', 200],
    ['   \n', 200],
  ])('%j → %i', (body, status) => {
    expect(mockStatus(body)).toBe(status);
    expect(mockStatus(Buffer.from(body))).toBe(status);
  });

  it.each([
    ['{"action": "sendmessage", "data": "hi"}', 'a passed-through message with no statusCode'],
    ['{"statusCode": "200"}', 'a string'],
    ['{"statusCode": 200.5}', 'not an integer'],
    ['{"statusCode": 99}', 'not an HTTP status'],
    ['{"statusCode": 600}', 'not an HTTP status'],
    ['{"a": {"statusCode": 200}}', 'nested, not top-level'],
    ['statusCode: 200', 'not an object'],
    ['[{"statusCode": 200}]', 'an array'],
    ['{statusCode: }', 'no value'],
  ])('%j is the configuration error AWS logs (%s)', (body) => {
    expect(mockStatus(body)).toBe(MOCK_STATUS_ERROR);
  });

  it('fails a request that names no status as a malformed response, with the error AWS logs, handing nothing over', async () => {
    const sink = new RecordingSink();
    const outcome = await mockIntegration.invoke({ body: '{"action":"sendmessage"}' }, sink);
    expect(outcome).toEqual({ kind: 'failed', failure: 'malformed-response', detail: MOCK_STATUS_ERROR });
    expect(sink.calls).toEqual([]);
  });

  it('answers with an empty body framed by content-length: the response template renders the body later', async () => {
    const sink = new RecordingSink();
    await mockIntegration.invoke({ body: '{"statusCode": 200}' }, sink);
    expect(sink.calls).toEqual([
      ['head', 200, ['content-length', '0']],
      ['end', ''],
    ]);
  });
});
