import type { CountedBody } from './counted-body.js';
import type { TargetGroup } from './target-group.js';
import type { Upstream } from './upstream-pools.js';

/** One call to an HTTP endpoint (HTTP_PROXY to a URL, or a VPC-link target), fully built by the data plane. */
export interface HttpIntegrationRequest {
  readonly upstream: Upstream;
  readonly method: string;
  /** Path and query string, as sent on the request line. */
  readonly path: string;
  /** Flat [name, value, name, value…] list, hop-by-hop fields already removed. */
  readonly headers: string[];
  /** The client's body, streamed (counted against the quota) or already read; null when the request has none. */
  readonly body: CountedBody | Buffer | null;
  /** Integration timeout, 50–30,000 ms (docs/reference/dataplane.md §3.1): until the endpoint's response head arrives. */
  readonly timeoutMs: number;
  /** Read the whole response (≤ 10 MB) before handing it over: a mapping reads `$response.body`. */
  readonly collectResponse: boolean;
  /**
   * A private integration with several targets: `upstream` was picked from it, passive health is
   * reported to it, and a request that reached no target (connection refused) moves on to another.
   */
  readonly targets?: TargetGroup | undefined;
}
