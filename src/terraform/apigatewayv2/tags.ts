import type { ControlPlane } from '../../control-plane/index.js';
import { removedKeys } from './arguments.js';

/** The tags interceptor of the provider: untag what went away, then tag what changed. */
export function syncTags(cp: ControlPlane, arn: string, current: Record<string, string>, desired: Record<string, string>): void {
  const removed = removedKeys(current, desired);
  if (removed.length > 0) cp.run('UntagResource', { resourceArn: arn, tagKeys: removed });
  const changed = Object.fromEntries(Object.entries(desired).filter(([key, value]) => current[key] !== value));
  if (Object.keys(changed).length > 0) cp.run('TagResource', { resourceArn: arn, tags: changed });
}
