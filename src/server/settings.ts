import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_QUOTAS, type AdjustableQuotas } from '../control-plane/index.js';
import { DEFAULT_ACCOUNT_LIMITS, type ThrottleLimits } from '../data-plane/index.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, systemClock, type Clock } from '../model/index.js';
import { createLogger, type Logger } from '../observability/index.js';
import type { PorticoOptions } from './config.js';
import { DEFAULT_CLIENT_LIMITS, type ClientLimits } from './listen.js';
import type { TlsOptions } from './tls-files.js';

export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION };
/** Requests the console keeps unless `--console-history N`. */
export const DEFAULT_CONSOLE_HISTORY = 1000;
/** The edge port: execute-api endpoints and the AWS control plane (LocalStack's, so SDK and CLI setups carry over). */
export const DEFAULT_PORT = 4566;
/** A local tool listens on loopback unless told otherwise. */
export const DEFAULT_HOST = '127.0.0.1';
/** The HTTPS port of `--tls-cert`/`--tls-key`. */
export const DEFAULT_TLS_PORT = 4443;
export const DEFAULT_LOG_LEVEL = 'info';

/** An environment as read at the entry point (`process.env` there, or `PorticoOptions.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Every setting of one Portico, with its defaults settled: the single process, the primary of
 * `--workers N` and each of its workers (which are sent these) read them from here and nowhere else.
 */
export interface Settings {
  /** Absolute configuration directory; undefined for `portico serve`. */
  readonly dir: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly tls: (TlsOptions & { readonly port: number }) | undefined;
  readonly clientLimits: ClientLimits;
  /** The SQLite state file, or ':memory:'. */
  readonly state: string;
  /** `--region`, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. Terraform's provider region comes before the last three. */
  readonly region: string;
  /** `--region` was given: the Terraform provider's region does not replace it. */
  readonly regionGiven: boolean;
  readonly accountId: string;
  /** `--log-level`, else PORTICO_LOG_LEVEL, else info. */
  readonly logLevel: string;
  /** Access-log files: `--log-dir`, else `<dir>/.portico/logs`; without a directory, none. */
  readonly logDir: string | undefined;
  readonly logToStdout: boolean;
  readonly accountLimits: ThrottleLimits;
  /** AWS's adjustable quotas as given (`--quota`); AWS's defaults for the rest (control-plane/quotas.ts). */
  readonly quotas: AdjustableQuotas;
  /** `--auth` (portico.json "auth" comes with the configuration). */
  readonly credentials: readonly { accessKeyId: string; secretAccessKey: string }[] | undefined;
  /** `--jwks`: JWT issuers → JWKS URL, absolute JWKS file or "dev" (portico.json "jwks" comes with the configuration). */
  readonly jwks: Readonly<Record<string, string>> | undefined;
  /** Passive health of private targets (the target map's own default when undefined). */
  readonly targetQuarantineMs: number | undefined;
  /** Where the Lambda runtime unzips deployment packages. */
  readonly lambdaCacheDir: string;
  /** The environment TF_VAR_* values come from and Lambda functions get AWS credentials and PATH from. */
  readonly env: Environment;
  /** The data plane's clock. */
  readonly clock: Clock;
  /** The console at /_portico/ (docs/console.md): undefined with `--no-console`. */
  readonly console: { readonly history: number; readonly showSecrets: boolean } | undefined;
}

/** What a gateway worker is sent: the settings but the clock (a worker's is the system's). */
export type PortableSettings = Omit<Settings, 'clock'>;

function limit(value: number | undefined, fallback: number, flag: string, integer: boolean): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new Error(`${flag} ${value}: expected a${integer ? ' whole' : ''} number of at least 0`);
  return value;
}

/**
 * Settle every default once, from the options and the environment (the only place that reads it).
 * A bad account limit is refused here, before anything starts.
 */
export function resolveSettings(options: PorticoOptions, env: Environment): Settings {
  const dir = options.dir === undefined ? undefined : resolve(options.dir);
  const givenRegion = options.region;
  return {
    dir,
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? DEFAULT_PORT,
    tls: options.tls === undefined ? undefined : { ...options.tls, port: options.tls.port ?? DEFAULT_TLS_PORT },
    clientLimits: { ...DEFAULT_CLIENT_LIMITS, ...options.clientLimits },
    state: options.state ?? (dir === undefined ? ':memory:' : join(dir, '.portico', 'state.db')),
    region: givenRegion ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? DEFAULT_REGION,
    regionGiven: givenRegion !== undefined,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    logLevel: options.logLevel ?? env['PORTICO_LOG_LEVEL'] ?? DEFAULT_LOG_LEVEL,
    logDir: options.logDir !== undefined ? resolve(options.logDir) : dir === undefined ? undefined : join(dir, '.portico', 'logs'),
    logToStdout: options.logToStdout === true,
    // AWS's account limits (docs/reference/dataplane.md §8) unless --account-rate / --account-burst.
    accountLimits: {
      rateLimit: limit(options.accountRateLimit, DEFAULT_ACCOUNT_LIMITS.rateLimit, '--account-rate', false),
      burstLimit: limit(options.accountBurstLimit, DEFAULT_ACCOUNT_LIMITS.burstLimit, '--account-burst', true),
    },
    quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
    credentials: options.credentials,
    jwks: options.jwks,
    targetQuarantineMs: options.targetQuarantineMs,
    lambdaCacheDir: dir === undefined ? join(tmpdir(), 'portico-lambda') : join(dir, '.portico', 'lambda'),
    env,
    clock: options.clock ?? systemClock,
    console:
      options.console === false
        ? undefined
        : {
            history: limit(options.consoleHistory, DEFAULT_CONSOLE_HISTORY, '--console-history', true),
            showSecrets: options.consoleShowSecrets === true,
          },
  };
}

/**
 * At an entry point (`startPortico`, `startCluster`): the caller's environment, else this process's.
 * The one place Portico reads `process.env`; everything below is handed what it needs.
 */
export function resolveEntrySettings(options: PorticoOptions): Settings {
  return resolveSettings(options, options.env ?? process.env);
}

/** What crosses to a worker process (plain values only). */
export function portableSettings({ clock: _clock, ...settings }: Settings): PortableSettings {
  return settings;
}

/** A worker's settings: the primary's, served on the system clock. */
export function workerProcessSettings(settings: PortableSettings): Settings {
  return { ...settings, clock: systemClock };
}

/** Portico's own log (JSON lines on stderr, or where a library user says), at the settled level. */
export function createPorticoLogger(settings: Pick<Settings, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  return createLogger({ level: settings.logLevel, ...(destination !== undefined ? { destination } : {}) });
}
