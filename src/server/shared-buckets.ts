import { hostname } from 'node:os';
import { RedisBucketStore } from '../data-plane/index.js';
import type { Logger } from '../observability/index.js';
import type { Settings } from './settings.js';

/** This node's name when none was given: unique among the nodes of one machine too. */
export function nodeName(settings: Pick<Settings, 'node'>): string {
  return settings.node ?? `${hostname()}:${process.pid}`;
}

/**
 * Cluster mode's throttling (`--redis`): buckets in Redis shared by every node, or undefined for
 * this process's own. Losing Redis is logged (and shown in health and metrics); requests go on,
 * limited by local buckets holding this node's share.
 */
export function openSharedBuckets(
  settings: Pick<Settings, 'redis' | 'node' | 'accountLimits'>,
  logger: Logger,
): RedisBucketStore | undefined {
  if (settings.redis === undefined) return undefined;
  let lost = false;
  const { url, prefix } = parseRedisUrl(settings.redis);
  return new RedisBucketStore({
    url,
    prefix,
    node: nodeName(settings),
    accountLimits: settings.accountLimits,
    onShared: (shared, reason) => {
      if (!shared && !lost) {
        lost = true;
        logger.warn(
          { throttling: 'local', reason },
          `Redis unreachable (${reason ?? 'unknown'}): throttling falls back to local buckets holding this node's share of each limit`,
        );
      } else if (shared) {
        if (lost) logger.info({ throttling: 'shared' }, 'Redis reachable again: throttling buckets are shared by every node');
        lost = false;
      }
    },
  });
}

/** `redis://host:6379[/db][?prefix=name]`: Portico's keys start with the prefix (default `portico:`), taken out before ioredis reads the URL. */
export function parseRedisUrl(value: string): { url: string; prefix: string } {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`--redis ${value}: expected a URL like redis://host:6379`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new Error(`--redis ${value}: expected a redis:// or rediss:// URL`);
  const prefix = parsed.searchParams.get('prefix') ?? 'portico:';
  parsed.searchParams.delete('prefix');
  return { url: parsed.toString(), prefix };
}
