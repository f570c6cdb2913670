import type { FunctionContext } from '../functions/index.js';
import type { ResourceHandler, ResourceInstance, SourceLocation, StandIn } from '../types.js';

/** Everything one loadTerraform() call accumulates, shared by all module instances. */
export interface LoadState {
  readonly rootDir: string;
  readonly accountId: string;
  readonly handlers: Readonly<Record<string, ResourceHandler>>;
  readonly functions: FunctionContext;
  /** The region, worked out on first use (it may come from a variable). */
  region(): string;
  readonly resources: ResourceInstance[];
  readonly standIns: Map<string, StandIn>;
  readonly warnings: string[];
  /** Evaluations left until everything else is done (the arguments of modules that are not read). */
  readonly deferred: (() => void)[];
  /** What is being evaluated right now, outermost first, for cycle messages. */
  readonly evaluating: { label: string; location: SourceLocation }[];
}

export function recordStandIn(state: LoadState, standIn: StandIn): void {
  const key = `${standIn.address}\u0000${standIn.attribute}`;
  if (!state.standIns.has(key)) state.standIns.set(key, standIn);
}
