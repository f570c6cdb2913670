import { resolve } from 'node:path';
import type { ThrottleLimits } from '../../data-plane/index.js';
import type { FunctionDefinition } from '../../integrations/lambda/index.js';
import type { StandIn } from '../../terraform/index.js';
import type { PorticoOptions } from '../config.js';
import type { ConfigurationLoader } from '../reload.js';
import type { WorkerSettings, WorkerSetup } from './messages.js';
import type { RunDirectory } from './run-directory.js';

/** What every worker is started with: the options that concern serving, resolved once by the primary. */
export function workerSettings(
  options: PorticoOptions,
  given: { dir: string | undefined; host: string; accountLimits: ThrottleLimits; accountId: string; run: RunDirectory; workers: number },
): WorkerSettings {
  return {
    dir: given.dir,
    host: given.host,
    port: options.port ?? 4566,
    tls: options.tls,
    clientLimits: options.clientLimits,
    logLevel: options.logLevel,
    logDir: options.logDir === undefined ? undefined : resolve(options.logDir),
    logToStdout: options.logToStdout === true,
    accountRateLimit: given.accountLimits.rateLimit,
    accountBurstLimit: given.accountLimits.burstLimit,
    credentials: options.credentials,
    targetQuarantineMs: options.targetQuarantineMs,
    accountId: given.accountId,
    stateFile: given.run.stateFile,
    controlSocket: given.run.controlSocket,
    workers: given.workers,
  };
}

/** Terraform addresses → the ARNs Portico stood in for them: the aliases the loader gives its own target map (reload.ts). */
function aliasesOf(standIns: readonly StandIn[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const standIn of standIns)
    if (standIn.attribute === 'arn' && typeof standIn.value === 'string') aliases[standIn.address] = standIn.value;
  return aliases;
}

/** What the configuration last applied means for the workers: region, private targets, Lambda functions, API ports. */
export function workerSetup(
  loader: ConfigurationLoader,
  region: string,
  functions: FunctionDefinition[],
  apiPorts: WorkerSetup['apiPorts'],
): WorkerSetup {
  return {
    region,
    targets: loader.targets,
    aliases: aliasesOf(loader.standIns),
    ca: [...(loader.targetMap.ca ?? [])],
    functions,
    apiPorts,
  };
}
