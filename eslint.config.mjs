import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './lint/import-cycles.mjs';

/**
 * DESIGN's import directions (docs/architecture.md, "Folders"): each folder may import only the
 * folders listed for it. `server/` and `cli/` are the composition roots and import everything.
 */
const MAY_IMPORT = {
  model: [],
  wire: [],
  sigv4: ['model'],
  store: ['model'],
  'control-plane': ['store', 'sigv4', 'wire', 'model'],
  terraform: ['control-plane', 'model'],
  integrations: ['wire', 'model'],
  observability: ['model'],
  'data-plane': ['integrations', 'observability', 'sigv4', 'wire', 'model'],
  cli: ['server'],
};
const FOLDERS = [
  'model',
  'wire',
  'sigv4',
  'store',
  'control-plane',
  'terraform',
  'integrations',
  'observability',
  'data-plane',
  'server',
  'cli',
];

const zones = Object.entries(MAY_IMPORT).flatMap(([folder, allowed]) =>
  FOLDERS.filter((other) => other !== folder && !allowed.includes(other)).map((other) => ({
    target: `./src/${folder}`,
    from: `./src/${other}`,
    message: `src/${folder}/ may import only ${allowed.length === 0 ? 'nothing of ours' : allowed.map((a) => `src/${a}/`).join(', ')} (docs/architecture.md, "Folders").`,
  })),
);

/**
 * Inside src/data-plane: the ground floor holds the records of an invocation and small leaf modules
 * (docs/architecture.md, "The request pipeline"); the steps, the respond step and the pipeline
 * stand on it. Neither the ground floor nor the step families in the subfolders may reach up to a
 * step: only down to the ground floor and across to each other.
 */
const DATA_PLANE_GROUND = [
  'authorization',
  'busy-poll',
  'clf-time',
  'client-request',
  'cors',
  'custom-domains',
  'deployment',
  'forwarded',
  'gateway-error',
  'invocation',
  'observer',
  'path-parameters',
  'random-pool',
  'request-context',
  'request-id',
  'route-table',
  'trace-id',
  'upstream-path',
  'warn-once',
];
const DATA_PLANE_FAMILIES = ['authorizers', 'lambda', 'mapping', 'telemetry', 'templates', 'throttle'];
const groundOnly = {
  from: './src/data-plane',
  except: [...DATA_PLANE_GROUND.map((file) => `./${file}.ts`), ...DATA_PLANE_FAMILIES.map((folder) => `./${folder}`)],
  message:
    "the data plane's ground floor and step families import only the ground floor and each other, never a step above them (docs/architecture.md).",
};
const dataPlaneZones = [
  ...DATA_PLANE_FAMILIES.map((folder) => ({ ...groundOnly, target: `./src/data-plane/${folder}` })),
  ...DATA_PLANE_GROUND.map((file) => ({ ...groundOnly, target: `./src/data-plane/${file}.ts` })),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/.work/', 'test/fixtures/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        queueMicrotask: 'readonly',
        structuredClone: 'readonly',
      },
    },
    plugins: { 'import-x': importX, portico: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'max-lines': ['error', { max: 300 }],
      'import-x/no-default-export': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'portico/no-import-cycle': ['error', { root: 'src' }],
      'import-x/no-restricted-paths': ['error', { zones: [...zones, ...dataPlaneZones] }],
    },
  },
  {
    // Tools' configuration files are read through their default export.
    files: ['*.config.{ts,mjs}', 'bench/vitest.config.mjs', 'console/vite.config.mjs'],
    rules: { 'import-x/no-default-export': 'off' },
  },
);
