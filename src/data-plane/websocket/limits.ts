/**
 * WebSocket API quotas (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html,
 * "Amazon API Gateway quotas for configuring and running a WebSocket API"; docs/reference/dataplane.md §12).
 */
export const WEBSOCKET_LIMITS = {
  /** Message payload size: 128 KB; a bigger message closes the connection with 1009. */
  messageBytes: 128 * 1024,
  /** WebSocket frame size: 32 KB; a bigger frame closes the connection with 1009. */
  frameBytes: 32 * 1024,
  /** Idle connection timeout: 10 minutes. */
  idleMs: 10 * 60_000,
  /** Connection duration: 2 hours. */
  maxConnectionMs: 2 * 60 * 60_000,
  /** Integration timeout for WebSocket APIs: 50 ms – 29 s, default 29 s. */
  integrationTimeoutMs: 29_000,
} as const;

/** How often idle and over-age connections are looked for (an injectable timer drives it). */
export const SWEEP_INTERVAL_MS = 1_000;
