/**
 * The status a MOCK integration answers with, read from its integration request — the rendered
 * request template, or the payload passed through — as API Gateway reads it: "For a method with
 * the mock integration to return a 200 response, configure the integration request body mapping
 * template to return {"statusCode": 200}"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html).
 * - nothing at all (no template, no payload) is 200: "you can have a method of the mock integration
 *   return the default integration response without defining the integration request mapping template";
 * - AWS reads the object leniently: `{statusCode: 200}` (unquoted key, as AWS CDK writes CORS mocks) is
 *   accepted (recorded against AWS: localstack/localstack tests/aws/services/apigateway/
 *   test_apigateway_integrations.py::test_integration_mock_with_path_param), so single quotes and
 *   unquoted keys are read too;
 * - anything else — not an object, no `statusCode`, not an integer HTTP status (100–599) — is the
 *   configuration error AWS logs for WebSocket MOCK integrations.
 */
export const MOCK_STATUS_ERROR =
  'Execution failed due to configuration error: statusCode should be an integer which defined in request template';

const STATUS_AFTER_KEY = /^\s*:\s*(-?\d+)(?![\d.eE])/;

/** `statusCode` among the top-level members of an object written loosely (unquoted keys, single quotes). */
function looseStatus(text: string): unknown {
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      let end = i + 1;
      while (end < text.length && text[end] !== c) end += text[end] === '\\' ? 2 : 1;
      const key = text.slice(i + 1, end);
      i = end;
      if (depth === 1 && expectKey && key === 'statusCode') return Number(STATUS_AFTER_KEY.exec(text.slice(end + 1))?.[1]);
      expectKey = false;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',') expectKey = depth === 1;
    else if (depth === 1 && expectKey && /[A-Za-z_$]/.test(c)) {
      const name = /^[A-Za-z0-9_$]+/.exec(text.slice(i))?.[0] ?? '';
      if (name === 'statusCode') return Number(STATUS_AFTER_KEY.exec(text.slice(i + name.length))?.[1]);
      i += name.length - 1;
      expectKey = false;
    }
  }
  return undefined;
}

/** The status, or the error message when the request names none AWS would accept. */
export function mockStatus(body: string | Buffer): number | string {
  const text = (typeof body === 'string' ? body : body.toString('utf8')).trim();
  if (text === '') return 200;
  if (!text.startsWith('{')) return MOCK_STATUS_ERROR;
  let status: unknown;
  try {
    const parsed = JSON.parse(text) as unknown;
    status = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>).statusCode : undefined;
  } catch {
    status = looseStatus(text);
  }
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : MOCK_STATUS_ERROR;
}
