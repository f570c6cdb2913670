import type { OperationBinding } from './operation-table.js';

/**
 * Matches a request line to an operation. The raw path is split on "/" before anything is
 * decoded, and each label is percent-decoded exactly once: a label may itself contain an
 * encoded "/" (`{resourceArn}` is one fully encoded ARN; `DeleteRouteSettings` carries
 * `GET%20%2Fpets`), so it is never split again (docs/reference/controlplane.md §1, path-label gotchas).
 */
type Segment = { kind: 'literal'; value: string } | { kind: 'label'; member: string };

interface Compiled {
  binding: OperationBinding;
  segments: Segment[];
}

export type RouteResult =
  | { kind: 'match'; binding: OperationBinding; labels: Record<string, string> }
  /** The path names no operation; `allowed` lists the methods it has for other operations. */
  | { kind: 'none'; allowed: string[] }
  | { kind: 'bad-encoding'; segment: string };

function compile(binding: OperationBinding): Compiled {
  const segments = binding.uri
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const label = /^\{(\w+)\}$/.exec(part);
      return label ? { kind: 'label', member: label[1] ?? '' } : { kind: 'literal', value: part };
    });
  return { binding, segments };
}

type SegmentMatch = { ok: true; labels: Record<string, string> } | { ok: false; badEncoding?: string };

function matchSegments(template: Segment[], parts: string[]): SegmentMatch {
  const labels: Record<string, string> = {};
  for (const [i, segment] of template.entries()) {
    const part = parts[i] ?? '';
    if (segment.kind === 'literal') {
      if (segment.value !== part) return { ok: false };
      continue;
    }
    if (part === '') return { ok: false };
    try {
      labels[segment.member] = decodeURIComponent(part);
    } catch {
      return { ok: false, badEncoding: part };
    }
  }
  return { ok: true, labels };
}

export function createRouter(bindings: readonly OperationBinding[]): (method: string, rawPath: string) => RouteResult {
  const byLength = new Map<number, Compiled[]>();
  for (const binding of bindings) {
    const compiled = compile(binding);
    const list = byLength.get(compiled.segments.length) ?? [];
    list.push(compiled);
    byLength.set(compiled.segments.length, list);
  }
  return (method, rawPath) => {
    // `GET /v2/apis/` answers like `GET /v2/apis` on AWS (getmoto/moto#7974): one trailing "/" is dropped.
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    const parts = path.split('/').slice(1);
    const allowed: string[] = [];
    for (const candidate of byLength.get(parts.length) ?? []) {
      const result = matchSegments(candidate.segments, parts);
      if (!result.ok) {
        if (result.badEncoding !== undefined) return { kind: 'bad-encoding', segment: result.badEncoding };
        continue;
      }
      if (candidate.binding.method !== method) {
        if (!allowed.includes(candidate.binding.method)) allowed.push(candidate.binding.method);
        continue;
      }
      return { kind: 'match', binding: candidate.binding, labels: result.labels };
    }
    return { kind: 'none', allowed };
  };
}
