import type {
  ConnectionAddress,
  ConnectionAnswer,
  ConnectionCommand,
  JwksSource,
  LeaseToLedger,
  LeaseToWorker,
} from '../../data-plane/index.js';
import type { FunctionDefinition } from '../../integrations/lambda/index.js';
import type { TargetSpec } from '../../integrations/index.js';
import type { MetricsSnapshot } from '../../observability/index.js';
import type { PortableSettings } from '../settings.js';

/** What a gateway worker is told once, when it starts: everything it needs to listen and serve. */
export interface WorkerSettings {
  /** The primary's settings, settled once there (its environment included: functions see the same one as in one process). */
  readonly settings: PortableSettings;
  /** The SQLite state file the primary writes and every worker reads. */
  readonly stateFile: string;
  /** Where the primary answers control-plane requests (a Unix socket or a named pipe). */
  readonly controlSocket: string;
  /** How many workers serve together (the size of throttling leases). */
  readonly workers: number;
}

/** What follows the configuration (at start-up and after every reload the primary applied). */
export interface WorkerSetup {
  readonly region: string;
  readonly targets: Record<string, TargetSpec[]>;
  readonly aliases: Record<string, string>;
  readonly ca: string[];
  readonly functions: FunctionDefinition[];
  /** Dedicated API ports, opened once, in this order by every worker. */
  readonly apiPorts: { apiId: string; port: number }[];
  /** What AWS_IAM routes verify signatures against: `--auth`, else portico.json "auth" (as in one process). */
  readonly credentials: { accessKeyId: string; secretAccessKey: string }[] | undefined;
  /** JWT issuers' key sources (`--jwks`, portico.json "jwks"), settled by the primary at start-up. */
  readonly jwks: Record<string, JwksSource>;
}

/** Primary → worker. */
export type ToWorker =
  | { readonly t: 'start'; readonly settings: WorkerSettings }
  | { readonly t: 'setup'; readonly setup: WorkerSetup; readonly version: number }
  /** The state changed (a control-plane write or a reload): serve what the store holds now, then say `applied`. */
  | { readonly t: 'config'; readonly version: number }
  | { readonly t: 'reset-authorizers'; readonly apiId: string; readonly stageName: string }
  | { readonly t: 'lease'; readonly message: LeaseToWorker }
  /** Send your metrics snapshot. */
  | { readonly t: 'snapshot'; readonly id: number }
  /** The whole gateway's metrics, for the `/_portico/metrics` request this worker asked about. */
  | { readonly t: 'metrics'; readonly id: number; readonly snapshot: MetricsSnapshot }
  /** Every worker serves the configuration of your `sync`. */
  | { readonly t: 'synced'; readonly id: number }
  | { readonly t: 'flush'; readonly id: number }
  /** A `@connections` command for a connection of yours, from worker `from` (answer with `ws-answer`). */
  | {
      readonly t: 'ws-command';
      readonly id: number;
      readonly from: number;
      readonly address: ConnectionAddress;
      readonly command: ConnectionCommand;
    }
  /** The answer to your `ws-command`. */
  | { readonly t: 'ws-answer'; readonly id: number; readonly answer: ConnectionAnswer }
  | { readonly t: 'stop' };

/** Worker → primary. */
export type FromWorker =
  /** Listening for messages now (one sent before would be lost): send `start`. */
  | { readonly t: 'hello' }
  | { readonly t: 'listening'; readonly edgePort: number; readonly tlsPort: number | undefined }
  | { readonly t: 'ready'; readonly apiPorts: { apiId: string; port: number }[]; readonly version: number }
  | { readonly t: 'failed'; readonly error: string }
  | { readonly t: 'applied'; readonly version: number }
  | { readonly t: 'lease'; readonly message: LeaseToLedger }
  | { readonly t: 'snapshot'; readonly id: number; readonly snapshot: MetricsSnapshot }
  /** A client asked this worker for `/_portico/metrics`: send the whole gateway's. */
  | { readonly t: 'metrics'; readonly id: number }
  /** A control-plane answer is about to go out: reply once every worker serves what it changed. */
  | { readonly t: 'sync'; readonly id: number }
  | { readonly t: 'flushed'; readonly id: number }
  /** A `@connections` command for a connection another worker holds (`owner`, the number its id carries). */
  | {
      readonly t: 'ws-command';
      readonly id: number;
      readonly owner: number;
      readonly address: ConnectionAddress;
      readonly command: ConnectionCommand;
    }
  /** This worker's answer to a `ws-command` from worker `to`. */
  | { readonly t: 'ws-answer'; readonly id: number; readonly to: number; readonly answer: ConnectionAnswer };

/** Messages come from our own processes; this only tells them from anything else on the channel. */
export function isMessage<T extends { t: string }>(value: unknown): value is T {
  return typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string';
}
