import type { Use } from '../expr/lazy-attributes.js';
import { withResolver } from '../expr/lazy-attributes.js';
import type { SourceLocation, TfValue } from '../types.js';

/** Makes the stand-in for one attribute path, guessing its value from `guessAs` (e.g. "listener_arn"). */
export type LeafStandIn = (path: string, guessAs: string, location: SourceLocation) => TfValue;

const madeUp = new WeakSet<object>();

/**
 * A stand-in whose shape follows from how the configuration uses it, since a real apply would
 * give whatever shape the configuration expects: read further (`.arn`, `["default"]`) it is an
 * object or map whose entries are stand-ins in turn; splatted (`[*].id`) a list of those; used
 * whole, a value guessed from its name. So `module.alb.listeners["default"].arn` is a listener ARN
 * even though "listeners" alone would guess a list.
 */
export function shapedStandIn(path: string, use: Use, location: SourceLocation, leaf: LeafStandIn): TfValue {
  if (use.from < use.steps.length) {
    const step = use.steps[use.from];
    return containerOf((key, at, next) => shapedStandIn(childPath(path, key, step?.kind === 'attr'), next, at, leaf));
  }
  if (use.splat)
    return mark([0, 1].map((i) => containerOf((key, at, next) => shapedStandIn(`${path}[${i}].${key}`, next, at, leaf))) as TfValue[]);
  const value = leaf(path, guessName(path), location);
  return typeof value === 'object' && value !== null ? mark(value) : value;
}

/** Whether a list or object is a stand-in (so for_each may take a made-up list as a set of keys). */
export function isMadeUp(value: TfValue): boolean {
  return typeof value === 'object' && value !== null && madeUp.has(value);
}

function containerOf(resolve: (key: string, location: SourceLocation, next: Use) => TfValue): TfValue {
  return mark(withResolver({}, resolve));
}

function mark<T extends object>(value: T): T {
  madeUp.add(value);
  return value;
}

function childPath(path: string, key: string, attribute: boolean): string {
  return attribute && /^[A-Za-z_][\w-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * The name to guess a value from: the last attribute, qualified by the collection it came out of
 * when it says little alone (`listeners["default"].arn` → "listener_arn", `routes["GET /"].id` →
 * "route_id").
 */
function guessName(path: string): string {
  const names = [...path.matchAll(/(?:^|\.)([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? '');
  const last = names[names.length - 1] ?? path;
  const parent = names[names.length - 2];
  if (parent === undefined || !/^(arn|id|name|arn_suffix|invoke_arn|dns_name|url|endpoint)$/.test(last)) return last;
  return `${parent.replace(/ies$/, 'y').replace(/s$/, '')}_${last}`;
}
