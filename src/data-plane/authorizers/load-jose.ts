import type * as Jose from 'jose';

let loading: Promise<typeof Jose> | undefined;

/**
 * jose, loaded the first time a JWT is checked: its 46 modules were a sixth of the files `portico up`
 * loaded before serving, for APIs that mostly have no JWT authorizer.
 */
export function loadJose(): Promise<typeof Jose> {
  return (loading ??= import('jose'));
}
