import type { LambdaError } from './execution-environment.js';
import type { FunctionOutcome } from './function-pool.js';

/** Lambda's Invoke path; the Runtime Interface Emulator in AWS's base images answers it for any function name. */
const INVOKE_PATH = '/2015-03-31/functions/function/invocations';

/** `http://127.0.0.1:9000` → its Invoke URL; a URL that already names `/invocations` is used as given. */
function invokeUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/invocations') ? trimmed : `${trimmed}${INVOKE_PATH}`;
}

function asLambdaError(text: string, fallbackType: string): LambdaError {
  try {
    const parsed = JSON.parse(text) as { errorType?: unknown; errorMessage?: unknown };
    if (parsed !== null && typeof parsed === 'object')
      return {
        errorType: typeof parsed.errorType === 'string' ? parsed.errorType : fallbackType,
        errorMessage: typeof parsed.errorMessage === 'string' ? parsed.errorMessage : text,
      };
  } catch {
    // not JSON: the text itself is the message
  }
  return { errorType: fallbackType, errorMessage: text };
}

/**
 * Invoke a function served over HTTP the way Lambda's Invoke API answers: 200 with the payload, and
 * `X-Amz-Function-Error` when the function failed. Any other status, or no answer within the
 * function's timeout, is a failed invocation.
 */
export async function invokeEndpoint(url: string, event: unknown, timeoutMs: number): Promise<FunctionOutcome> {
  try {
    // Loaded on first use: undici is a tenth of start-up, and only `--function NAME=http://…` needs it.
    const { request } = await import('undici');
    const response = await request(invokeUrl(url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) return { kind: 'error', error: asLambdaError(text, `Invoke.${response.statusCode}`) };
    if (response.headers['x-amz-function-error'] !== undefined) return { kind: 'error', error: asLambdaError(text, 'Unhandled') };
    return { kind: 'result', payload: text === '' ? 'null' : text };
  } catch (error) {
    return { kind: 'error', error: { errorType: 'Invoke.Unreachable', errorMessage: `${url}: ${(error as Error).message}` } };
  }
}
