import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface HandlerEntry {
  /** Absolute path of the module to import. */
  readonly modulePath: string;
  /** Property path of the handler inside the module: `handler`, or `handlers.main`. */
  readonly exportPath: readonly string[];
}

export type HandlerResolution = { ok: true; value: HandlerEntry } | { ok: false; problem: string };

/** The Node.js runtime tries these extensions in this order for a handler's module (AWS Lambda "Define Lambda function handler in Node.js"). */
const EXTENSIONS = ['.js', '.mjs', '.cjs'] as const;

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * Resolve Lambda's `handler` setting inside the function's code (LAMBDA_TASK_ROOT): the part after
 * the last `/` splits at its first `.` into the module name and the export path, so
 * `src/app.handlers.main` is export `handlers.main` of `src/app.js` (or `.mjs`, `.cjs`).
 */
export function resolveHandler(taskRoot: string, handler: string): HandlerResolution {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot <= slash + 1 || dot === handler.length - 1)
    return { ok: false, problem: `Bad handler "${handler}": expected MODULE.EXPORT, such as index.handler` };
  const moduleName = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1).split('.');
  const base = resolve(taskRoot, moduleName);
  if (!base.startsWith(resolve(taskRoot)))
    return { ok: false, problem: `Bad handler "${handler}": the module must be inside the function's code` };
  for (const extension of EXTENSIONS) {
    const candidate = `${base}${extension}`;
    if (isFile(candidate)) return { ok: true, value: { modulePath: candidate, exportPath } };
  }
  return {
    ok: false,
    problem: `Cannot find module "${moduleName}" for handler "${handler}": looked for ${EXTENSIONS.map((e) => join(taskRoot, moduleName + e)).join(', ')}`,
  };
}

/** `--function NAME=./handler.mjs#export`: the module is named directly; the export defaults to `handler`. */
export function resolveModuleFile(path: string, exportName: string): HandlerResolution {
  if (!isFile(path)) return { ok: false, problem: `Cannot find the handler module ${path}` };
  return { ok: true, value: { modulePath: resolve(path), exportPath: (exportName || 'handler').split('.') } };
}
