import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * `portico/no-import-cycle`: no file may reach itself again through relative imports. Unlike
 * import-x/no-cycle, type-only imports count: a cycle of types still means two modules that cannot
 * be understood (or moved) one without the other.
 *
 * The whole graph is read once per lint run from the files' import and export-from specifiers
 * (value, type and dynamic), then cut into strongly connected components; an import is reported
 * when its target lies in the importing file's component.
 */
const SPECIFIER = /(?:\bimport\s*\(\s*|\b(?:import|export)\b[^'"`;]*?\bfrom\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** `./x.js` written in TypeScript means `./x.ts`; a folder means its index. */
function resolveSpecifier(from, specifier, known) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), join(base, 'index.ts')];
  return candidates.find((candidate) => known.has(candidate));
}

/** Comments may quote import statements; only code counts. */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

export function importsOf(file, text, known) {
  const targets = new Set();
  for (const match of withoutComments(text).matchAll(SPECIFIER)) {
    const target = resolveSpecifier(file, match[1], known);
    if (target !== undefined && target !== file) targets.add(target);
  }
  return targets;
}

/** Tarjan's strongly connected components: file → component id (only components of 2 or more files). */
export function cyclicComponents(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const component = new Map();
  let next = 0;
  let components = 0;
  const visit = (start) => {
    // Iterative depth-first search: the graph has hundreds of files and deep chains.
    const work = [[start, [...(graph.get(start) ?? [])], 0]];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, edges] = frame;
      if (frame[2] < edges.length) {
        const target = edges[frame[2]++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push([target, [...(graph.get(target) ?? [])], 0]);
        } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const members = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          members.push(member);
        } while (member !== node);
        if (members.length > 1) {
          components++;
          for (const m of members) component.set(m, components);
        }
      }
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return component;
}

/** The shortest way back from `from` to `to` inside one component, for the message. */
function pathBack(graph, component, from, to) {
  const id = component.get(from);
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) break;
    for (const next of graph.get(node) ?? []) {
      if (previous.has(next) || component.get(next) !== id) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  const path = [];
  for (let node = to; node !== undefined; node = previous.get(node)) path.unshift(node);
  return path;
}

const graphs = new Map();

function graphFor(root) {
  let entry = graphs.get(root);
  if (entry === undefined) {
    const files = sourceFiles(root);
    const known = new Set(files);
    const graph = new Map(files.map((file) => [file, importsOf(file, readFileSync(file, 'utf8'), known)]));
    entry = { graph, known, component: cyclicComponents(graph) };
    graphs.set(root, entry);
  }
  return entry;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between modules, type-only imports included' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { cycle: 'Import cycle: {{path}}' },
  },
  create(context) {
    const root = resolve(context.cwd, context.options[0]?.root ?? 'src');
    const file = context.filename;
    const { graph, known, component } = graphFor(root);
    const own = component.get(file);
    if (own === undefined) return {};
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolveSpecifier(file, specifier, known);
      if (target === undefined || component.get(target) !== own) return;
      const path = [file, ...pathBack(graph, component, target, file)].map((p) => relative(root, p));
      context.report({ node: node.source, messageId: 'cycle', data: { path: path.join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
