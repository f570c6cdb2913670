import { mapKey } from './collection-methods.js';
import {
  compileExpression,
  compileReferenceValue,
  reference,
  restOnlyContext,
  type CompileContext,
  type Emit,
  type Evaluate,
} from './compile-expression.js';
import { BREAK, CONTINUE, RenderFailure, STOP, type RenderState } from './render-state.js';
import { TemplateSyntaxError, type Node } from './vtl-ast.js';
import { text, truthy } from './vtl-operators.js';
import { LoopStatus, VtlList, VtlMap, type VtlValue } from './vtl-values.js';

/** Names a template may not assign: API Gateway's own objects, and what `#foreach` maintains. */
const RESERVED = new Set(['input', 'util', 'context', 'foreach', 'velocityCount', 'velocityHasNext']);

const context: CompileContext = { compileNodes };

/** Nodes → one function that writes their output; a `#break`/`#stop` ends the block early. */
export function compileNodes(nodes: readonly Node[]): Emit {
  const emits = nodes.map(compileNode);
  if (emits.length === 1) return emits[0] as Emit;
  return (s) => {
    for (const emit of emits) {
      emit(s);
      if (s.control !== CONTINUE) return;
    }
  };
}

function compileNode(node: Node): Emit {
  switch (node.kind) {
    case 'text': {
      const t = node.text;
      return (s) => s.write(t);
    }
    case 'reference': {
      const value = reference(node.ref, context);
      return (s) => s.write(text(value(s)));
    }
    case 'set':
      return compileSet(node);
    case 'if': {
      const branches = node.branches.map((b) => ({ condition: compileExpression(b.condition, context), body: compileNodes(b.body) }));
      const otherwise = node.otherwise === undefined ? undefined : compileNodes(node.otherwise);
      return (s) => {
        for (const b of branches) {
          if (truthy(b.condition(s))) {
            b.body(s);
            return;
          }
        }
        otherwise?.(s);
      };
    }
    case 'foreach':
      return compileForeach(node.variable, compileExpression(node.iterable, context), compileNodes(node.body));
    case 'break':
      return (s) => {
        s.control = BREAK;
      };
    case 'stop':
      return (s) => {
        s.control = STOP;
      };
  }
}

/**
 * `#set($a = …)`, `#set($map.key = …)`, `#set($list[i] = …)`. A right side that is null (a failed
 * division, say) leaves the target as it was (Velocity 1.7's `directive.set.null.allowed=false`).
 */
function compileSet(node: Extract<Node, { kind: 'set' }>): Emit {
  const { target } = node;
  restOnlyContext(target);
  if (RESERVED.has(target.root) || (target.root === 'stageVariables' && target.modifiers.length === 0))
    throw new TemplateSyntaxError(`$${target.root} cannot be assigned`, target.at);
  const value = compileExpression(node.value, context);
  const last = target.modifiers.at(-1);
  if (last === undefined) {
    const name = target.root;
    return (s) => {
      const v = value(s);
      if (v !== null) s.vars.set(name, v);
    };
  }
  const holder = compileReferenceValue({ ...target, modifiers: target.modifiers.slice(0, -1) }, context);
  const key: Evaluate =
    last.kind === 'property' ? () => last.name : last.kind === 'index' ? compileExpression(last.index, context) : () => null;
  return (s) => {
    const v = value(s);
    if (v === null) return;
    const into = holder(s);
    const k = key(s);
    if (into instanceof VtlMap) into.entries.set(mapKey(k), v);
    else if (into instanceof VtlList && typeof k === 'number') {
      const i = k < 0 ? into.items.length + k : k;
      if (i < 0 || i >= into.items.length)
        throw new RenderFailure(`IndexOutOfBoundsException: Index ${k} out of bounds for length ${into.items.length}`);
      into.items[i] = v;
    }
  };
}

function restore(s: RenderState, name: string, value: VtlValue | undefined): void {
  if (value === undefined) s.vars.delete(name);
  else s.vars.set(name, value);
}

/**
 * `#foreach($x in …)` over a list, or a map's values (Velocity 1.7 iterates `Map.values()`);
 * anything else has nothing to iterate. At most `maxLoop` (1,000: API Gateway's quota) iterations,
 * the rest skipped as Velocity's `directive.foreach.maxloops` does; `$foreach.hasNext` still tells
 * whether the list goes on. The loop variable and `$foreach` get their earlier values back after.
 */
function compileForeach(variable: string, iterable: Evaluate, body: Emit): Emit {
  return (s) => {
    const source = iterable(s);
    const items = source instanceof VtlList ? source.items.slice() : source instanceof VtlMap ? [...source.entries.values()] : [];
    if (items.length === 0) return;
    const saved = [s.vars.get(variable), s.vars.get('foreach'), s.vars.get('velocityCount'), s.vars.get('velocityHasNext')] as const;
    const outer = saved[1];
    const status = new LoopStatus(items.length, outer instanceof LoopStatus ? outer : null);
    s.vars.set('foreach', status);
    const n = Math.min(items.length, s.limits.maxLoop);
    for (let i = 0; i < n; i++) {
      s.iterate();
      status.index = i;
      s.vars.set(variable, items[i] ?? null);
      s.vars.set('velocityCount', i + 1);
      s.vars.set('velocityHasNext', status.hasNext);
      body(s);
      if (s.control === BREAK) {
        s.control = CONTINUE;
        break;
      }
      if (s.control === STOP) break;
    }
    restore(s, variable, saved[0]);
    restore(s, 'foreach', saved[1]);
    restore(s, 'velocityCount', saved[2]);
    restore(s, 'velocityHasNext', saved[3]);
  };
}
