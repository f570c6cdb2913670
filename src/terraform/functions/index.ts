import { ExprError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import { closest } from '../runtime/did-you-mean.js';
import { Args, type FunctionContext, type FunctionSpec } from './args.js';
import { collectionFunctions } from './collection-functions.js';
import { encodingFunctions } from './encoding-functions.js';
import { filesystemFunctions } from './filesystem-functions.js';
import { hashFunctions } from './hash-functions.js';
import { networkFunctions } from './network-functions.js';
import { numericFunctions } from './numeric-functions.js';
import { stringFunctions } from './string-functions.js';
import { timeFunctions } from './time-functions.js';
import { typeFunctions } from './type-functions.js';

export type { FunctionContext } from './args.js';

const functions: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({
    ...stringFunctions,
    ...collectionFunctions,
    ...numericFunctions,
    ...encodingFunctions,
    ...hashFunctions,
    ...timeFunctions,
    ...filesystemFunctions,
    ...networkFunctions,
    ...typeFunctions,
  }),
);

/** try() and can() are evaluated lazily by the evaluator itself. */
const lazyFunctions = ['try', 'can'];

export function isKnownFunction(name: string): boolean {
  return functions.has(name) || lazyFunctions.includes(name);
}

export function unknownFunctionMessage(name: string): string {
  const suggestion = closest(name, [...functions.keys(), ...lazyFunctions]);
  const hint = name.includes('::')
    ? ' Provider-defined functions are not supported by Portico.'
    : suggestion
      ? ` Did you mean "${suggestion}"?`
      : '';
  return `Call to unknown function: there is no function named "${name}".${hint}`;
}

export function callFunction(name: string, values: TfValue[], ctx: FunctionContext): TfValue {
  const spec = functions.get(name);
  if (!spec) throw new ExprError(unknownFunctionMessage(name), true);
  const max = spec.variadic ? Infinity : spec.params.length;
  const min = spec.params.length - (spec.optional ?? 0);
  if (values.length < min || values.length > max) {
    const expected = max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
    const names = spec.params.join(', ') + (spec.variadic ? `${spec.params.length > 0 ? ', ' : ''}${spec.variadic}...` : '');
    throw new ExprError(
      `Invalid function call: ${name}(${names}) takes ${expected} argument${expected === '1' ? '' : 's'}, got ${values.length}`,
      true,
    );
  }
  try {
    return spec.impl(new Args(name, spec, values), ctx);
  } catch (error) {
    if (error instanceof ExprError) throw error;
    throw new ExprError(`Invalid function argument: ${name}(): ${error instanceof Error ? error.message : String(error)}`);
  }
}
