import type { ResponseSink } from './response-sink.js';

/**
 * Why an exchange ended without (all of) an endpoint response. The gateway turns each into what
 * the client gets (docs/reference/dataplane.md §3.5, §5.2): `timeout` → 503; `unreachable` → 503;
 * `malformed-response`, `function-error`, `unavailable`, `internal` → 500; `payload-too-large` → 413;
 * `client-aborted` and `broken-after-head` → nothing more can be sent.
 */
export type IntegrationFailure =
  /** No response head within the integration timeout (`timeoutInMillis`, 50–30,000 ms). */
  | 'timeout'
  /** Refused, reset, DNS or TLS failure, or closed before a response head: nothing usable came back. */
  | 'unreachable'
  /** What came back is not a response the gateway can pass on (not HTTP/1.x, a header Node refuses, an unreadable Lambda result). */
  | 'malformed-response'
  /** The client's body passed the 10 MB payload quota. */
  | 'payload-too-large'
  /** The client went away before the response was complete. */
  | 'client-aborted'
  /** The response head was passed on, then the endpoint's response broke off: the client connection was cut. */
  | 'broken-after-head'
  /** The function ran and failed (Lambda answered 200 with an error). */
  | 'function-error'
  /** The function cannot be invoked here (no runtime, not defined, not runnable). */
  | 'unavailable'
  /** The request could not be sent: our fault. */
  | 'internal';

export type IntegrationOutcome =
  /** The endpoint's response went into the sink; `status` is the endpoint's own. */
  | { readonly kind: 'responded'; readonly status: number }
  | {
      readonly kind: 'failed';
      readonly failure: IntegrationFailure;
      readonly error?: Error | undefined;
      /** What `$context.integrationErrorMessage` says, when the integration knows better than its failure kind. */
      readonly detail?: string | undefined;
    };

/**
 * One kind of integration (HTTP_PROXY to a URL or through a VPC link, Lambda local or remote, …):
 * it receives a request built by the data plane and hands back the endpoint's response by writing
 * it into `response` — the head (its status and fields: hop-by-hop fields may be among them, the
 * gateway drops them), then the body, then the end. It resolves once the exchange is over; a
 * `failed` outcome means no head was handed over, so the gateway still answers the client, except
 * for `broken-after-head` and `client-aborted`. It enforces its own timeout and never throws.
 * `integrations.contract.test.ts` holds every implementation to this.
 */
export interface Integration<Request> {
  invoke(request: Request, response: ResponseSink): Promise<IntegrationOutcome>;
}
