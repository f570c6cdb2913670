import { quotaNames, type AdjustableQuotas } from '../control-plane/index.js';
import type { Clock } from '../model/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layerTargets, type TargetSpec } from '../integrations/index.js';
import type { ReloadResult } from './reload-result.js';
import type { WatchOptions } from './watch.js';
import type { ClientLimits } from './listen.js';
import type { TlsOptions } from './tls-files.js';
import { checkProjectJwks } from './jwks-sources.js';

/** Everything `portico up` / `startPortico` can be told, parsed once and typed. */
export interface PorticoOptions {
  /** Directory with the .tf files (and optionally portico.json). Without one, Portico starts empty. */
  dir?: string;
  /** Edge port: execute-api endpoints by Host and path, and the AWS control plane. Default 4566; 0 picks a free port. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (a local tool); use 0.0.0.0 to serve others. */
  host?: string;
  /** Dedicated ports serving one API each at their root: key is an API name or id ('' when there is one API). */
  apiPorts?: ApiPortOption[];
  /** Private-integration targets: listener ARN, LB name, Cloud Map service ARN or Terraform address → URLs (or Cloud Map instances with attributes). */
  targets?: Record<string, TargetSpec[]>;
  /** PEM files of CAs to trust for https:// targets (`--target-ca`), besides portico.json `"ca"` and the public roots. */
  targetCa?: string[];
  /** Passive health of private targets: how long a target that could not be connected to sits out (default 10 s, on `clock`). */
  targetQuarantineMs?: number;
  /** Re-read the .tf files, tfvars and portico.json when they change and apply the difference (`--watch`). */
  watch?: boolean | WatchOptions;
  /**
   * After each applied configuration, ask HashiCorp's HCL parser (in a background worker) about
   * every file and log what it refuses; Portico's own faster reader may be more lenient.
   * `portico up` turns this on; default off for library users.
   */
  verifyHcl?: boolean | { afterMs: number };
  /** Told after every reload (by the watcher or `reload()`), failed or not. */
  onReload?: (result: ReloadResult) => void;
  /** --var NAME=VALUE. */
  vars?: Record<string, string>;
  /** --var-file paths. */
  varFiles?: string[];
  /** SQLite state file; ':memory:' keeps none. Default `<dir>/.portico/state.db`, or ':memory:' without a dir. */
  state?: string;
  /** Default: the Terraform provider's region, else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1. */
  region?: string;
  /** Account id in ARNs and STS answers. Default 000000000000. */
  accountId?: string;
  /** Verify SigV4 on the control plane with these credentials (default: accept any request). */
  credentials?: { accessKeyId: string; secretAccessKey: string }[];
  /**
   * The environment Portico reads (default process.env): TF_VAR_*, AWS_REGION / AWS_DEFAULT_REGION,
   * PORTICO_LOG_LEVEL, and what Lambda functions are passed (AWS credentials, PATH…).
   */
  env?: Record<string, string | undefined>;
  /** Level of Portico's own log. Default PORTICO_LOG_LEVEL, else info. */
  logLevel?: string;
  /** Where Portico's own JSON log lines go (default stderr). */
  logDestination?: NodeJS.WritableStream;
  /**
   * `--function NAME_OR_ARN=./path/to/handler.mjs#export` or `NAME_OR_ARN=http://host:port`: where
   * a Lambda function runs here (over the Terraform's own definition of it, if any).
   */
  functions?: string[];
  /** JWT issuers → where their keys come from on this machine: a JWKS URL, a JWKS file (absolute) or "dev" (`--jwks`). */
  jwks?: Record<string, string>;
  /** The data plane's clock (JWT expiry, authorizer cache TTLs, `$context` times); default the system clock. */
  clock?: Clock;
  /** Access-log files: `<logDir>/<log-group-name>.log`. Default `<dir>/.portico/logs`; without a dir, no files. */
  logDir?: string;
  /** Also write every access-log line to stdout (`--log-to-stdout`). */
  logToStdout?: boolean;
  /** Account-level throttling, requests per second across every API (docs/reference/dataplane.md §8). Default 10,000. */
  accountRateLimit?: number;
  /** Account-level burst. Default 5,000. */
  accountBurstLimit?: number;
  /**
   * AWS's adjustable HTTP API quotas, raised (or lowered) as an AWS account can (`--quota NAME=N`):
   * routesPerApi 300, stagesPerApi 10, authorizersPerApi 10, vpcLinks 10, domainNames 120 by default.
   */
  quotas?: Partial<AdjustableQuotas>;
  /** An HTTPS port with the user's certificate (`--tls-cert`/`--tls-key`/`--tls-port`), serving what the edge port serves. */
  tls?: TlsOptions;
  /** Slow-client limits of every port: head and whole-request timeouts (408 past them). */
  clientLimits?: Partial<ClientLimits>;
  /** The console at `/_portico/` on the edge port (docs/console.md); default on, `--no-console` turns it off. */
  console?: boolean;
  /** Requests the console keeps (`--console-history N`); default 1,000. */
  consoleHistory?: number;
  /** Show Authorization, cookies and SigV4 signatures in the console instead of masking them (`--console-show-secrets`). */
  consoleShowSecrets?: boolean;
}

export interface ApiPortOption {
  /** API name or id; '' means "the only API". */
  api: string;
  port: number;
}

/** `portico.json` beside the .tf files: a team commits its target mapping (and optionally vars). */
export interface ProjectFile {
  /** Key → a URL, a Cloud Map instance `{"url", "attributes"}`, or a list of either. */
  targets?: Record<string, TargetSpec | TargetSpec[]>;
  /** CA certificate file(s), relative to the directory, trusted for https:// targets. */
  ca?: string | string[];
  vars?: Record<string, string>;
  apiPorts?: Record<string, number>;
  /** Credentials SigV4 signatures are verified against ("ACCESS_KEY:SECRET"), as with --auth. */
  auth?: string[];
  /** JWT issuers → a JWKS URL, a JWKS file relative to the directory, or "dev", as with --jwks. */
  jwks?: Record<string, string>;
}

export function readProjectFile(dir: string): ProjectFile {
  const file = join(dir, 'portico.json');
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file}: expected an object like {"targets": {"<listener ARN or LB name>": ["http://127.0.0.1:3000"]}}`);
  const project = parsed as Record<string, unknown>;
  const targets = project['targets'];
  if (targets !== undefined) {
    if (!targets || typeof targets !== 'object' || Array.isArray(targets))
      throw new Error(`${file}: "targets" must map a listener ARN, LB name or Cloud Map ARN to a URL or a list of URLs`);
    for (const [key, value] of Object.entries(targets))
      for (const spec of Array.isArray(value) ? value : [value]) checkTargetSpec(file, key, spec);
  }
  const ca = project['ca'];
  if (ca !== undefined && typeof ca !== 'string' && !(Array.isArray(ca) && ca.every((c) => typeof c === 'string')))
    throw new Error(`${file}: "ca" must be a PEM file name (or a list of them), relative to ${dir}`);
  const auth = project['auth'];
  if (auth !== undefined && (!Array.isArray(auth) || auth.some((pair) => typeof pair !== 'string' || pair.indexOf(':') <= 0)))
    throw new Error(`${file}: "auth" must be a list of "ACCESS_KEY:SECRET" strings, like --auth`);
  checkProjectJwks(file, project['jwks']);
  return project as ProjectFile;
}

/** `ACCESS_KEY:SECRET` from --auth or portico.json "auth". */
export function parseCredentials(pair: string, givenAs: string): { accessKeyId: string; secretAccessKey: string } {
  const colon = pair.indexOf(':');
  if (colon <= 0 || colon === pair.length - 1) throw new Error(`${givenAs} ${pair}: expected ACCESS_KEY:SECRET`);
  return { accessKeyId: pair.slice(0, colon), secretAccessKey: pair.slice(colon + 1) };
}

const TARGET_EXAMPLE = '"http://127.0.0.1:3000" or {"url": "http://127.0.0.1:3000", "attributes": {"stage": "prod"}}';

function checkTargetSpec(file: string, key: string, spec: unknown): void {
  const url = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>)['url'] : spec;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url))
    throw new Error(
      `${file}: target "${key}" must be an http:// or https:// URL, a Cloud Map instance ${TARGET_EXAMPLE}, or a list of them; got ${JSON.stringify(spec)}`,
    );
  if (typeof spec === 'string') return;
  const { attributes, ...rest } = spec as Record<string, unknown>;
  const unknownKeys = Object.keys(rest).filter((name) => name !== 'url');
  if (unknownKeys.length > 0)
    throw new Error(`${file}: target "${key}": unknown field ${JSON.stringify(unknownKeys[0])}; an instance is ${TARGET_EXAMPLE}`);
  if (attributes === undefined) return;
  if (
    attributes === null ||
    typeof attributes !== 'object' ||
    Array.isArray(attributes) ||
    Object.values(attributes).some((v) => typeof v !== 'string')
  )
    throw new Error(`${file}: target "${key}": "attributes" of ${url} must map names to string values, like Cloud Map instance attributes`);
}

/** `KEY=URL[,URL…]` from --target. */
export function parseTargetOption(value: string): [string, string[]] {
  const eq = value.lastIndexOf('=http');
  if (eq <= 0) throw new Error(`--target ${value}: expected KEY=URL[,URL…], e.g. my-load-balancer=http://127.0.0.1:3000`);
  const urls = value
    .slice(eq + 1)
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  for (const url of urls) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw new Error(`--target ${value}: "${url}" is not an http:// or https:// URL`);
    }
  }
  return [value.slice(0, eq), urls];
}

/** `--api-port N` or `--api-port NAME_OR_ID=N`. */
export function parseApiPortOption(value: string): ApiPortOption {
  const eq = value.lastIndexOf('=');
  const api = eq < 0 ? '' : value.slice(0, eq);
  const port = Number(eq < 0 ? value : value.slice(eq + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--api-port ${value}: expected a port number (N) or NAME_OR_ID=N`);
  return { api, port };
}

/** `--quota NAME=N`: one of AWS's adjustable quotas (control-plane/quotas.ts), a whole number of at least 1. */
export function parseQuotaOption(value: string): [keyof AdjustableQuotas, number] {
  const eq = value.indexOf('=');
  const name = value.slice(0, Math.max(eq, 0));
  const n = Number(value.slice(eq + 1));
  const names = quotaNames();
  if (eq <= 0 || !names.includes(name as keyof AdjustableQuotas) || !Number.isInteger(n) || n < 1)
    throw new Error(`--quota ${value}: expected NAME=N with N a whole number of at least 1 and NAME one of ${names.join(', ')}`);
  return [name as keyof AdjustableQuotas, n];
}

/** `--var NAME=VALUE`. */
export function parseVarOption(value: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new Error(`--var ${value}: expected NAME=VALUE`);
  return [value.slice(0, eq), value.slice(eq + 1)];
}

/** Merge portico.json targets under CLI/option targets: the command line wins, under any name for the same load balancer. */
export function mergeTargets(project: ProjectFile, options: Record<string, TargetSpec[]> = {}): Record<string, TargetSpec[]> {
  const fromFile: Record<string, TargetSpec[]> = {};
  for (const [key, value] of Object.entries(project.targets ?? {})) fromFile[key] = Array.isArray(value) ? value : [value];
  return layerTargets(fromFile, options);
}
