import { isHeader, isHopByHop } from '../hop-by-hop.js';

/** An HTTP response read from a Lambda proxy result. */
export interface LambdaHttpResponse {
  readonly status: number;
  /** Flat [name, value, …] list. */
  readonly headers: string[];
  readonly body: Buffer;
}

export type InterpretedResponse = { ok: true; value: LambdaHttpResponse } | { ok: false; problem: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * With no Content-Type from the function, API Gateway sends `text/plain; charset=utf-8`
 * (observed: https://github.com/fujiwara/ridge/issues/9, https://github.com/aws-powertools/powertools-lambda-python/issues/2464).
 */
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

const fail = (problem: string): InterpretedResponse => ({ ok: false, problem });

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function headerText(value: Json): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** Fields the gateway owns: framing (hop-by-hop, Content-Length) and its own request id. */
function gatewayOwned(name: string): boolean {
  return isHopByHop(name) || isHeader(name, 'content-length') || isHeader(name, 'apigw-requestid');
}

/**
 * The structured form, `{statusCode, headers, multiValueHeaders (1.0), cookies (2.0), body,
 * isBase64Encoded}` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html, "Lambda function response format").
 * Anything else there is a malformed response: 500 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
 */
function structured(result: { [key: string]: Json }, version: '1.0' | '2.0'): InterpretedResponse {
  const status = result['statusCode'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return fail(`statusCode must be an integer HTTP status, got ${JSON.stringify(status)}`);
  const headers: string[] = [];
  const given = result['headers'];
  if (given !== undefined && given !== null) {
    if (!isObject(given)) return fail('headers must be an object of strings');
    for (const [name, value] of Object.entries(given)) {
      const text = headerText(value);
      if (text === undefined) return fail(`header "${name}" must be a string`);
      if (!gatewayOwned(name)) headers.push(name, text);
    }
  }
  // 2.0 has no multiValueHeaders in its documented response (a returned one is ignored: https://github.com/aws-powertools/powertools-lambda-python/issues/2464).
  const multi = version === '1.0' ? result['multiValueHeaders'] : undefined;
  if (multi !== undefined && multi !== null) {
    if (!isObject(multi)) return fail('multiValueHeaders must be an object of string lists');
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values)) return fail(`multiValueHeaders "${name}" must be a list`);
      if (gatewayOwned(name)) continue;
      // A name in both maps is sent with the multi-value list's values (REST-compatible 1.0).
      for (let i = headers.length - 2; i >= 0; i -= 2)
        if ((headers[i] as string).toLowerCase() === name.toLowerCase()) headers.splice(i, 2);
      for (const value of values) {
        const text = headerText(value);
        if (text === undefined) return fail(`multiValueHeaders "${name}" must hold strings`);
        headers.push(name, text);
      }
    }
  }
  const cookies = version === '2.0' ? result['cookies'] : undefined;
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === 'string')) return fail('cookies must be a list of strings');
    // Each entry becomes its own set-cookie header (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
    for (const cookie of cookies) headers.push('set-cookie', cookie as string);
  }
  const body = result['body'];
  if (body !== undefined && body !== null && typeof body !== 'string') return fail('body must be a string');
  const text = typeof body === 'string' ? body : '';
  const bytes = result['isBase64Encoded'] === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  if (!hasContentType(headers)) headers.push('content-type', DEFAULT_CONTENT_TYPE);
  return { ok: true, value: { status, headers, body: bytes } };
}

function hasContentType(headers: readonly string[]): boolean {
  for (let i = 0; i < headers.length; i += 2) if (isHeader(headers[i] as string, 'content-type')) return true;
  return false;
}

/**
 * Read a Lambda proxy integration's result (its JSON text). Format 2.0 infers a response from any
 * valid JSON without `statusCode`: 200, `application/json`, the JSON as the body, except that a
 * returned string is the body itself ("Hello" → `Hello`). Format 1.0 needs the structured form.
 */
export function interpretLambdaResult(payload: string, version: '1.0' | '2.0'): InterpretedResponse {
  let result: Json;
  try {
    result = JSON.parse(payload) as Json;
  } catch {
    return fail('the function returned something that is not JSON');
  }
  if (isObject(result) && 'statusCode' in result) return structured(result, version);
  if (version === '1.0') return fail('a payload 1.0 response needs statusCode');
  const body = typeof result === 'string' ? result : payload;
  return { ok: true, value: { status: 200, headers: ['content-type', 'application/json'], body: Buffer.from(body, 'utf8') } };
}
