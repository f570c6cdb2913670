import type { Logger } from '../observability/index.js';
import { PostgresStore, type Store } from '../store/index.js';
import type { Settings } from './settings.js';

/** Cluster mode: the PostgreSQL store named by `--store` (connected, migrated, loaded), or undefined for the embedded one. */
export async function openSharedStore(settings: Pick<Settings, 'store' | 'node'>, logger: Logger): Promise<Store | undefined> {
  if (settings.store === undefined) return undefined;
  const store = await PostgresStore.open({
    url: settings.store,
    ...(settings.node !== undefined ? { node: settings.node } : {}),
    log: (level, message) => logger[level]({ store: 'postgres' }, message),
  });
  logger.info({ store: 'postgres' }, 'cluster mode: the state is in PostgreSQL');
  return store;
}
