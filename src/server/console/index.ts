import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BucketLevel } from '../../data-plane/index.js';
import type { ServingConfig } from '../../model/index.js';
import type { ApiTreeSource } from './api-tree.js';
import { ConsoleAuth } from './console-auth.js';
import { consoleHandler } from './console-http.js';
import { ConsoleHub } from './console-hub.js';
import { ConsoleAssets, consoleDirectory } from './console-static.js';

export { ConsoleHub, type ConsoleLogLine } from './console-hub.js';
export { CONSOLE_PATH } from './console-http.js';
export type { ConsoleRecord, ConsoleSummary } from './console-record.js';
export { routeOrder } from './api-tree.js';

export interface ConsoleOptions {
  readonly history: number;
  readonly showSecrets: boolean;
  readonly now: () => number;
  readonly config: () => ServingConfig;
  readonly credentials: () => readonly { accessKeyId: string; secretAccessKey: string }[] | undefined;
  /** The throttling buckets' fill levels now (undefined where the store cannot tell). */
  readonly buckets?: () => readonly BucketLevel[] | undefined;
  /** Where the built page is (default: dist/console). */
  readonly assetsDir?: string;
}

/** The console of one process: its hub (attached to the gateway) and its handler on the edge port. */
export interface PorticoConsole {
  readonly hub: ConsoleHub;
  readonly handle: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** What `/_portico/api/apis` describes, once Portico serves. */
  setSource(source: ApiTreeSource): void;
}

export function createConsole(options: ConsoleOptions): PorticoConsole {
  const hub = new ConsoleHub({ history: options.history, showSecrets: options.showSecrets, now: options.now, config: options.config });
  let source: ApiTreeSource | undefined;
  const handle = consoleHandler({
    hub,
    auth: new ConsoleAuth(options.credentials, options.now),
    assets: new ConsoleAssets(options.assetsDir ?? consoleDirectory()),
    source: () => source,
    now: options.now,
    buckets: options.buckets ?? (() => undefined),
  });
  return {
    hub,
    handle,
    setSource: (s) => {
      source = s;
    },
  };
}
