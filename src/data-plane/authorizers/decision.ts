import type { Authorization } from '../authorization.js';

/** What an authorizer decided: the caller's identity, or the gateway error to answer with. */
export type AuthorizerDecision =
  | { readonly kind: 'allow'; readonly authorization: Authorization }
  | {
      readonly kind: 'deny';
      readonly status: 'Unauthorized' | 'Forbidden' | 'InternalServerError';
      /** `$context.authorizer.error`. */
      readonly error: string;
      /** Extra response fields, flat [name, value, …] (`www-authenticate`, `x-amzn-ErrorType`). */
      readonly headers?: readonly string[];
    };
