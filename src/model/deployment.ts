import type { Authorizer } from './authorizer.js';
import type { CorsConfiguration, ProtocolType } from './api.js';
import type { Integration } from './integration.js';
import type { Route } from './route.js';
import type { WebSocketSnapshot } from './websocket.js';

export const DEPLOYMENT_STATUSES = ['PENDING', 'FAILED', 'DEPLOYED'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export interface Deployment {
  deploymentId: string;
  autoDeployed: boolean;
  createdDate: string;
  deploymentStatus: DeploymentStatus;
  deploymentStatusMessage?: string;
  description?: string;
}

/**
 * What a deployment freezes: the API's routes, integrations and authorizers and the API-level
 * settings that need a deployment to take effect (CORS, disableExecuteApiEndpoint). Stage
 * settings (variables, throttling, access logs) are not part of it: they apply at once.
 */
export interface DeploymentSnapshot {
  apiId: string;
  protocolType: ProtocolType;
  corsConfiguration?: CorsConfiguration;
  disableExecuteApiEndpoint: boolean;
  routes: Route[];
  integrations: Integration[];
  authorizers: Authorizer[];
  /** Present for WebSocket APIs only. */
  webSocket?: WebSocketSnapshot;
}
