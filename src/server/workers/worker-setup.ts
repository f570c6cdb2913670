import type { FunctionDefinition } from '../../integrations/lambda/index.js';
import type { StandIn } from '../../terraform/index.js';
import type { ConfigurationLoader } from '../reload.js';
import { portableSettings, type Settings } from '../settings.js';
import type { WorkerSettings, WorkerSetup } from './messages.js';
import type { RunDirectory } from './run-directory.js';

/** What every worker is started with: the primary's settings, and where the processes meet. */
export function workerSettings(settings: Settings, run: RunDirectory, workers: number): WorkerSettings {
  return { settings: portableSettings(settings), stateFile: run.stateFile, controlSocket: run.controlSocket, workers };
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
  functions: readonly FunctionDefinition[],
  apiPorts: WorkerSetup['apiPorts'],
  credentials: WorkerSetup['credentials'],
  jwks: WorkerSetup['jwks'],
): WorkerSetup {
  return {
    credentials,
    jwks,
    region,
    targets: loader.targets,
    aliases: aliasesOf(loader.standIns),
    ca: [...(loader.targetMap.ca ?? [])],
    functions: [...functions],
    apiPorts,
  };
}
