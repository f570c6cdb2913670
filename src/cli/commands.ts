import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_HOST,
  DEFAULT_TLS_PORT,
  type PorticoOptions,
  parseApiPortOption,
  parseCredentials,
  parseJwksOption,
  parseTargetOption,
  parseQuotaOption,
  parseVarOption,
  type Portico,
  type PorticoCluster,
  describeReload,
  loadCluster,
  parseWorkers,
  startPortico,
} from '../server/index.js';
import { startDemoBackend } from './demo-backend.js';
import { formatSummary } from './print-summary.js';

const SEED_LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

function port(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} ${String(value)}: expected a port number`);
  return n;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function milliseconds(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} ${String(value)}: expected a number of milliseconds`);
  return n;
}

/** `--tls-cert/--tls-key/--tls-port` and the slow-client timeouts. */
function serverOptions(flags: Record<string, unknown>): Pick<PorticoOptions, 'tls' | 'clientLimits'> {
  const options: Pick<PorticoOptions, 'tls' | 'clientLimits'> = {};
  const cert = flags['tlsCert'];
  const key = flags['tlsKey'];
  if ((typeof cert === 'string') !== (typeof key === 'string')) throw new Error('--tls-cert and --tls-key go together: give both');
  if (typeof cert === 'string' && typeof key === 'string')
    options.tls = { certFile: cert, keyFile: key, port: port(flags['tlsPort'] ?? DEFAULT_TLS_PORT, '--tls-port') };
  const limits: PorticoOptions['clientLimits'] = {};
  if (flags['headersTimeout'] !== undefined) limits.headersTimeoutMs = milliseconds(flags['headersTimeout'], '--headers-timeout');
  if (flags['requestTimeout'] !== undefined) limits.requestTimeoutMs = milliseconds(flags['requestTimeout'], '--request-timeout');
  if (Object.keys(limits).length > 0) options.clientLimits = limits;
  return options;
}

/** Turns commander's parsed flags into PorticoOptions; every bad flag says what was expected. */
export function toOptions(dir: string | undefined, flags: Record<string, unknown>): PorticoOptions {
  const options: PorticoOptions = {
    port: port(flags['port'], '--port'),
    host: String(flags['host'] ?? DEFAULT_HOST),
    apiPorts: strings(flags['apiPort']).map(parseApiPortOption),
    targets: Object.fromEntries(strings(flags['target']).map(parseTargetOption)),
    targetCa: strings(flags['targetCa']),
    vars: Object.fromEntries(strings(flags['var']).map(parseVarOption)),
    varFiles: strings(flags['varFile']),
    accountId: String(flags['accountId'] ?? DEFAULT_ACCOUNT_ID),
    // HashiCorp's parser checks the files in the background, so a file Terraform refuses is reported.
    verifyHcl: true,
  };
  if (dir !== undefined) options.dir = dir;
  // Without --log-level, PORTICO_LOG_LEVEL decides, else info (settings.ts).
  if (flags['logLevel'] !== undefined) options.logLevel = String(flags['logLevel']);
  if (flags['watch'] === true) {
    options.watch = true;
    // The operator sees every reload on stderr: what changed, or the file:line that was refused.
    options.onReload = (result) => process.stderr.write(`portico: ${describeReload(result)}\n`);
  }
  if (typeof flags['state'] === 'string') options.state = flags['state'];
  if (typeof flags['logDir'] === 'string') options.logDir = flags['logDir'];
  if (flags['logToStdout'] === true) options.logToStdout = true;
  if (flags['accountRate'] !== undefined) options.accountRateLimit = Number(flags['accountRate']);
  if (flags['accountBurst'] !== undefined) options.accountBurstLimit = Number(flags['accountBurst']);
  const quotas = strings(flags['quota']).map(parseQuotaOption);
  if (quotas.length > 0) options.quotas = Object.fromEntries(quotas);
  if (typeof flags['region'] === 'string') options.region = flags['region'];
  Object.assign(options, serverOptions(flags));
  const functions = strings(flags['function']);
  if (functions.length > 0) options.functions = functions;
  if (flags['console'] === false) options.console = false;
  if (flags['consoleHistory'] !== undefined) {
    const history = Number(flags['consoleHistory']);
    if (!Number.isInteger(history) || history < 0)
      throw new Error(`--console-history ${String(flags['consoleHistory'])}: expected a whole number of at least 0`);
    options.consoleHistory = history;
  }
  if (flags['consoleShowSecrets'] === true) options.consoleShowSecrets = true;
  const auth = strings(flags['auth']);
  if (auth.length > 0) options.credentials = auth.map((pair) => parseCredentials(pair, '--auth'));
  const jwks = strings(flags['jwks']).map(parseJwksOption);
  // A file is named relative to where the command runs; URLs and "dev" stay as given.
  if (jwks.length > 0)
    options.jwks = Object.fromEntries(
      jwks.map(([issuer, spec]) => [issuer, spec === 'dev' || /^https?:\/\//.test(spec) ? spec : resolve(spec)]),
    );
  return options;
}

/** Ctrl-C (SIGINT) and SIGTERM stop accepting, let in-flight requests finish, then exit. */
function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`\nportico: ${signal}, shutting down\n`);
    void stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}

export async function runUp(dir: string | undefined, flags: Record<string, unknown>): Promise<Portico | PorticoCluster> {
  const workers = parseWorkers(flags['workers']);
  if (workers > 1) return runCluster(toOptions(dir, flags), workers);
  const portico = await startPortico(toOptions(dir, flags));
  // Handlers first: whoever reads the table may press Ctrl-C (or send SIGTERM) the moment it appears.
  stopOnSignal(() => portico.stop());
  process.stdout.write(`${formatSummary(portico)}\n`);
  return portico;
}

/** `--workers N`: the primary applies the configuration and forks N gateway processes sharing the ports. */
async function runCluster(options: PorticoOptions, workers: number): Promise<PorticoCluster> {
  const { startCluster } = await loadCluster();
  const cluster = await startCluster(options, workers);
  stopOnSignal(() => cluster.stop());
  process.stdout.write(
    `${formatSummary(cluster)}\n\n${workers} gateway processes serve these ports (--workers): pids ${cluster.workerPids().join(', ')}\n`,
  );
  return cluster;
}

export async function runDemo(flags: Record<string, unknown>): Promise<void> {
  const backend = await startDemoBackend();
  const seed = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'seed');
  const apiPort = port(flags['apiPort'], '--api-port');
  const portico = await startPortico({
    dir: seed,
    port: port(flags['port'], '--port'),
    apiPorts: [{ api: '', port: apiPort }],
    targets: { [SEED_LISTENER]: [backend.url] },
    state: ':memory:',
  });
  process.stdout.write(`${formatSummary(portico)}\n\n`);
  process.stdout.write(
    `The seed's VPC link target (the load balancer listener) is a demo backend at ${backend.url}.\n` +
      `Try:  curl -i http://127.0.0.1:${apiPort}/orders/42?x=1\n`,
  );
  stopOnSignal(async () => {
    await portico.stop();
    backend.server.close();
  });
}
