import type { BlockLines } from './source-locator.js';

/**
 * Lines for .tf.json files (https://developer.hashicorp.com/terraform/language/syntax/json): we
 * find each block's key text in order, which is enough to point an error at the right place.
 */
export function locateJsonBlocks(text: string, parsed: Record<string, unknown>): BlockLines {
  const root: BlockLines = { type: '', labels: [], line: 1, attributes: new Map(), blocks: [] };
  const lineAt = (offset: number): number => (offset < 0 ? 1 : text.slice(0, offset).split('\n').length);
  const find = (key: string, from: number): number => text.indexOf(JSON.stringify(key), from);
  const labelCounts: Record<string, number> = {
    resource: 2,
    data: 2,
    variable: 1,
    output: 1,
    module: 1,
    provider: 1,
    locals: 0,
    terraform: 0,
  };
  for (const [type, value] of Object.entries(parsed)) {
    const depth = labelCounts[type];
    const typeAt = find(type, 0);
    if (depth === undefined) continue;
    const visit = (node: unknown, labels: string[], from: number): void => {
      if (labels.length === depth) {
        for (const body of Array.isArray(node) ? node : [node]) {
          const block: BlockLines = { type, labels, line: lineAt(from), attributes: new Map(), blocks: [] };
          if (typeof body === 'object' && body !== null) {
            for (const attr of Object.keys(body)) block.attributes.set(attr, lineAt(find(attr, from)));
          }
          root.blocks.push(block);
        }
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      for (const [label, child] of Object.entries(node)) visit(child, [...labels, label], find(label, from));
    };
    visit(value, [], typeAt);
  }
  return root;
}
