import type { Clock } from '../../model/index.js';

/** A Lambda authorizer's answer, read and validated: what the cache keeps. */
export type AuthorizerResponse =
  | { readonly kind: 'simple'; readonly isAuthorized: boolean; readonly context: Readonly<Record<string, unknown>> | null }
  | {
      readonly kind: 'policy';
      readonly principalId: string | undefined;
      readonly policy: unknown;
      readonly context: Readonly<Record<string, unknown>> | null;
    };

interface Entry {
  readonly response: AuthorizerResponse;
  readonly expiresAt: number;
}

/**
 * Lambda authorizer results by stage, keyed by the authorizer and its identity-source values, for
 * `authorizerResultTtlInSeconds` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html, "Caching authorizer
 * responses"). A policy is kept rather than a decision, so one cached answer is evaluated again for
 * each route that uses the authorizer, as AWS does by default. ResetAuthorizersCache empties a stage.
 */
export class AuthorizerCache {
  readonly #stages = new Map<string, Map<string, Entry>>();
  readonly #clock: Clock;
  readonly #maxEntries: number;

  constructor(clock: Clock, maxEntriesPerStage = 10_000) {
    this.#clock = clock;
    this.#maxEntries = maxEntriesPerStage;
  }

  get(apiId: string, stage: string, key: string): AuthorizerResponse | undefined {
    const entries = this.#stages.get(`${apiId}/${stage}`);
    const entry = entries?.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.#clock.now()) return entry.response;
    entries?.delete(key);
    return undefined;
  }

  set(apiId: string, stage: string, key: string, response: AuthorizerResponse, ttlSeconds: number): void {
    const id = `${apiId}/${stage}`;
    let entries = this.#stages.get(id);
    if (entries === undefined) {
      entries = new Map();
      this.#stages.set(id, entries);
    }
    // Bounded: the oldest entry (Map keeps insertion order) makes room for the newest.
    if (entries.size >= this.#maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, { response, expiresAt: this.#clock.now() + ttlSeconds * 1000 });
  }

  /** ResetAuthorizersCache (docs/reference/controlplane.md): forget every cached result of the stage. */
  reset(apiId: string, stage: string): void {
    this.#stages.delete(`${apiId}/${stage}`);
  }
}
