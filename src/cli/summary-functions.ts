import type { Portico } from '../server/index.js';

type Definition = Portico['functions'][number];

/** The function an AWS_PROXY integration invokes: `…:function:NAME[:qualifier]`, bare or inside an invoke ARN. */
export function functionNameOf(uri: string | undefined): string | undefined {
  if (uri === undefined || uri.includes('${')) return undefined;
  return /(?:^|:)function:([A-Za-z0-9_-]+)/.exec(uri)?.[1] ?? (/^[A-Za-z0-9_-]+$/.test(uri) ? uri : undefined);
}

/** One line per invoked function: where it runs, or why it cannot and how to map it — before any request. */
export function describeFunction(name: string, functions: readonly Definition[]): string {
  const fn = functions.find((f) => f.functionName === name);
  if (fn === undefined)
    return `${name}: NOT RUNNABLE — not defined with local code; its routes answer 500. Map it: --function ${name}=./handler.mjs#handler or --function ${name}=http://127.0.0.1:9000`;
  if (fn.kind === 'node') return `${name}: runs here (${fn.runtime}, ${fn.source})`;
  if (fn.kind === 'endpoint') return `${name}: forwarded to ${fn.url} (${fn.source})`;
  return `${name}: NOT RUNNABLE — ${fn.reason}`;
}
