import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { TargetSpec } from '../integrations/index.js';
import { mergeTargets, readProjectFile, type PorticoOptions, type ProjectFile } from './config.js';

/** What a configuration reads besides the .tf files: portico.json, the targets, the CA certificates. */
export interface ProjectInputs {
  readonly project: ProjectFile;
  readonly targets: Record<string, TargetSpec[]>;
  /** PEM text of every CA file, in the order given. */
  readonly ca: string[];
  /** Absolute paths of the CA files (watched for changes). */
  readonly caFiles: string[];
}

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

function readCa(file: string, givenAs: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${givenAs}: cannot read the CA certificate ${file}: ${(error as Error).message}`);
  }
  if (!text.includes(PEM_CERTIFICATE)) throw new Error(`${givenAs}: ${file} is not a PEM certificate (no "${PEM_CERTIFICATE}" line)`);
  return text;
}

/**
 * Read portico.json (beside the .tf files) and the CA files anew: `--target-ca` paths are relative
 * to the working directory, portico.json `"ca"` paths to the configuration directory.
 */
export function readProjectInputs(dir: string | undefined, options: PorticoOptions): ProjectInputs {
  const project = dir === undefined ? {} : readProjectFile(dir);
  const fromProject = project.ca === undefined ? [] : Array.isArray(project.ca) ? project.ca : [project.ca];
  const given = [
    ...(options.targetCa ?? []).map((file) => ({ file: resolve(file), givenAs: `--target-ca ${file}` })),
    ...fromProject.map((file) => ({
      file: isAbsolute(file) ? file : join(dir ?? '.', file),
      givenAs: `${join(dir ?? '.', 'portico.json')} "ca"`,
    })),
  ];
  return {
    project,
    targets: mergeTargets(project, options.targets),
    ca: given.map(({ file, givenAs }) => readCa(file, givenAs)),
    caFiles: given.map(({ file }) => file),
  };
}

/** The directory holds Terraform to load (a missing directory is an error, an empty one is not). */
export function hasTerraformFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.tf') || name.endsWith('.tf.json'));
  } catch {
    throw new Error(`${dir}: no such directory`);
  }
}
