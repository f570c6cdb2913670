import type { Authorization } from '../authorization.js';
import type { RequestContext } from '../request-context.js';
import type { RequestFacts } from './request-facts.js';

/** Everything a Lambda event (integration or authorizer, 1.0 or 2.0) is built from. */
export interface EventInput {
  readonly context: RequestContext;
  readonly facts: RequestFacts;
  /** URL-decoded request path with a named stage's segment (`rawPath`, 1.0 `path`). */
  readonly rawPath: string;
  /** The query string as sent, without "?". */
  readonly rawQuery: string;
  readonly routeKey: string;
  /** The route key's path (`/items/{id}`), or `$default` (1.0 `resource`, `resourcePath`). */
  readonly resourcePath: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly authorization: Authorization | undefined;
}

/** Duplicate names joined with "," (2.0 headers and query strings, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). */
export function joined(pairs: readonly (readonly [string, string])[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name] = name in out ? `${out[name]},${value}` : value;
  return out;
}

/** 1.0's pair of maps: the last value of each name, and every value (REST-compatible). */
export function singleAndMulti(pairs: readonly (readonly [string, string])[]): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  if (pairs.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

export function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length === 0 ? undefined : value;
}
