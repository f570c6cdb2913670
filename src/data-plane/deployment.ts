import type { TargetGroup, TargetLookup, TargetResolver, Upstream, UpstreamPools } from '../integrations/index.js';
import type { Integration, ParsedRouteKey, Route, ServedVpcLink, Stage } from '../model/index.js';
import type { AuthorizerPlan } from './authorizers/authorizer-plan.js';
import type { CorsPlan } from './cors.js';
import type { DomainTable } from './custom-domains.js';
import type { LambdaPlan } from './lambda/lambda-plan.js';
import type { RequestMappingPlan } from './mapping/request-mapping.js';
import type { ResponseMappingPlan } from './mapping/response-mapping.js';
import type { RouteTable } from './route-table.js';
import type { UpstreamPath } from './upstream-path.js';

/**
 * The compiled deployments the data plane serves: the records `compile-deployment.ts` and
 * `serving-state.ts` build once per configuration and every request only reads.
 */

interface PlanBase {
  readonly integrationId: string;
  /** undefined = the client's method (`integrationMethod` ANY, docs/reference/dataplane.md §3.1). */
  readonly method: string | undefined;
  readonly timeoutMs: number;
}

/** HTTP_PROXY to a public URL. */
export interface PublicHttpPlan extends PlanBase {
  readonly kind: 'http';
  readonly upstream: Upstream;
  /** The URI's path exactly as written ("" for a host-only URI), braces included. */
  readonly uriPath: string;
  /** The URI's query without "?", or "". */
  readonly uriQuery: string;
}

/** HTTP_PROXY over a VPC link to an ALB/NLB listener or Cloud Map service. */
export interface PrivateHttpPlan extends PlanBase {
  readonly kind: 'private';
  readonly integrationUri: string;
  readonly connectionId: string | undefined;
  /**
   * Local stand-ins for the listener / service, balanced round-robin with passive health (the
   * only mutable part of a compiled deployment); undefined when `missing` says why there are none.
   */
  readonly targets: TargetGroup | undefined;
  /** No `--target` maps the URI, or its Cloud Map filters leave no instance: answered 503 with one log line. */
  readonly missing: Exclude<TargetLookup, { kind: 'found' }> | undefined;
  /** How this plan reaches its targets when that differs from AWS (logged once, on first use). */
  readonly note: string | undefined;
}

/** An integration this data plane cannot serve (yet); requests get a 500 and one log line. */
export interface UnservedPlan {
  readonly kind: 'unserved';
  readonly integrationId: string;
  readonly problem: string;
}

export type IntegrationPlan = PublicHttpPlan | PrivateHttpPlan | LambdaPlan | UnservedPlan;

/** A route ready to serve: its integration plan and upstream path decided at compile time. */
export interface CompiledRoute {
  readonly routeKey: string;
  readonly route: Route;
  readonly key: ParsedRouteKey;
  /** undefined when the route has no `integrations/{id}` target. */
  readonly integration: IntegrationPlan | undefined;
  readonly upstreamPath: UpstreamPath;
  /** The route's authorization, compiled (docs/reference/dataplane.md §6); undefined for `NONE` routes. */
  readonly authorizer: AuthorizerPlan | undefined;
  /** `requestParameters` / `responseParameters` of the integration, compiled (undefined: none). */
  readonly requestMapping: RequestMappingPlan | undefined;
  readonly responseMapping: ResponseMappingPlan | undefined;
  /** An HTTP_PROXY integration whose URI uses `${stageVariables.…}`: resolved per stage (stage-variables.ts). */
  readonly stagedIntegration: Integration | undefined;
}

export interface CompiledDeployment {
  readonly apiId: string;
  readonly deploymentId: string;
  readonly disableExecuteApiEndpoint: boolean;
  /** The API's `corsConfiguration`, compiled; undefined when it has none. */
  readonly cors: CorsPlan | undefined;
  readonly routes: RouteTable<CompiledRoute>;
  /** Route keys the snapshot held that could not be parsed (the control plane should have refused them). */
  readonly skippedRouteKeys: readonly string[];
}

/** What compiling an integration needs: the shared upstream pools and where private targets live here. */
export interface CompileDependencies {
  readonly pools: UpstreamPools;
  readonly targets: TargetResolver;
}

export interface StageState {
  readonly stageName: string;
  readonly stage: Stage;
  /** undefined until the stage is first deployed: such a stage answers 404. */
  readonly deployment: CompiledDeployment | undefined;
  /** Routes whose integration URI uses stage variables, compiled for this stage's variables on first use. */
  readonly boundRoutes: Map<CompiledRoute, CompiledRoute>;
}

export interface ApiState {
  readonly apiId: string;
  /** Named stages only: `$default` is never selected by a path segment. */
  readonly namedStages: ReadonlyMap<string, StageState>;
  readonly defaultStage: StageState | undefined;
}

/** A ServingConfig turned into lookups, immutable once built; in-flight requests keep theirs. */
export interface ServingState {
  readonly accountId: string;
  readonly region: string;
  readonly apis: ReadonlyMap<string, ApiState>;
  readonly vpcLinks: Readonly<Record<string, ServedVpcLink>>;
  /** Custom domain names by lower-case name, with their API mappings (docs/reference/dataplane.md §1). */
  readonly domains: DomainTable;
  /** What compiles an integration when a stage's variables complete its URI (stage-variables.ts). */
  readonly compileDeps: CompileDependencies | undefined;
}
