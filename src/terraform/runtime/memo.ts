import { ExprError, TerraformError } from '../terraform-error.js';
import type { SourceLocation, TfValue } from '../types.js';
import type { LoadState } from './load-state.js';

/**
 * Evaluates each named object (variable, local, resource, module call, output) once, on first
 * use. Asking for an object that is still being evaluated means the configuration has a cycle,
 * which Terraform rejects too (https://developer.hashicorp.com/terraform/internals/graph).
 */
export class Memo {
  private readonly values = new Map<string, { done: true; value: TfValue } | { done: false }>();

  constructor(
    private readonly state: LoadState,
    private readonly prefix: string,
  ) {}

  once(key: string, location: SourceLocation, compute: () => TfValue): TfValue {
    const entry = this.values.get(key);
    if (entry?.done) return entry.value;
    const label = this.prefix === '' ? key : `${this.prefix}.${key}`;
    if (entry) {
      const start = this.state.evaluating.findIndex((e) => e.label === label);
      const loop = [...this.state.evaluating.slice(start < 0 ? 0 : start).map((e) => e.label), label];
      const at = this.state.evaluating[start]?.location ?? location;
      throw new TerraformError(at, `Cycle: ${loop.join(' → ')}; these objects refer to each other, so none can be evaluated first`);
    }
    this.values.set(key, { done: false });
    this.state.evaluating.push({ label, location });
    try {
      const value = compute();
      this.values.set(key, { done: true, value });
      return value;
    } catch (error) {
      // A bug of ours (or a stack overflow on a pathological config) still reaches the user as a
      // located message rather than a stack trace.
      if (error instanceof TerraformError || error instanceof ExprError) throw error;
      throw new TerraformError(location, `Portico could not evaluate ${label}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.state.evaluating.pop();
    }
  }

  /** Sets a value early (variables are known before their validations run, which may refer to them). */
  settle(key: string, value: TfValue): void {
    this.values.set(key, { done: true, value });
  }
}
