import type { SourceLocation, TfValue } from '../types.js';
import type { Step } from './ast.js';

/**
 * What an expression can see. Local names (for-expression variables, dynamic block iterators,
 * each/count, templatefile variables) are bindings; everything else (var., local., resources,
 * modules, functions) is asked of the host, which is the module instance being evaluated.
 */
export interface EvalHost {
  /** Resolves a root name; may consume leading steps (e.g. `.name` of a resource type). */
  resolve(root: string, steps: readonly Step[], scope: Scope): { value: TfValue; consumed: number };
  /** Calls a (non-lazy) function by name. */
  call(name: string, args: TfValue[], scope: Scope): TfValue;
}

export class Scope {
  private constructor(
    readonly host: EvalHost,
    readonly location: SourceLocation,
    private readonly bindings: ReadonlyMap<string, TfValue>,
  ) {}

  static root(host: EvalHost, location: SourceLocation): Scope {
    return new Scope(host, location, new Map());
  }

  lookup(name: string): TfValue | undefined {
    return this.bindings.get(name);
  }

  has(name: string): boolean {
    return this.bindings.has(name);
  }

  with(bindings: Record<string, TfValue>): Scope {
    const merged = new Map(this.bindings);
    for (const [k, v] of Object.entries(bindings)) merged.set(k, v);
    return new Scope(this.host, this.location, merged);
  }

  at(location: SourceLocation): Scope {
    return new Scope(this.host, location, this.bindings);
  }
}
