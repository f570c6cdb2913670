/**
 * Dot segments (`.`, `..`) are resolved in the request path before anything reads it (RFC 3986
 * §5.2.4), their percent-encoded forms (`%2e`, `%2E`) included, so that the route, the authorizer's
 * input, parameter mapping and the path a backend receives are one and the same: a backend that
 * normalises paths itself (most routers, nginx, Tomcat) must never see `/public/../admin` that the
 * gateway routed as `/public/{proxy+}`. An encoded slash (`%2F`) stays part of its segment here.
 * AWS documents none of this; docs/compatibility.md ("Decided where AWS is silent") records the rule.
 */

/** 1 for `.`, 2 for `..` (encoded or not), 0 otherwise. */
function dotSegment(segment: string): number {
  if (segment.length === 0 || segment.length > 6) return 0;
  const plain = segment.length === 1 || segment.length === 2 ? segment : segment.toLowerCase().replaceAll('%2e', '.');
  return plain === '.' ? 1 : plain === '..' ? 2 : 0;
}

/**
 * The path (origin form, starting with "/") with its dot segments resolved; undefined when a `..`
 * would climb above the root (answered 400 Bad Request: there is no resource to name).
 * Paths without "/." and without "%2" cost two index checks.
 */
export function removeDotSegments(path: string): string | undefined {
  if (path.indexOf('/.') < 0 && path.indexOf('%2') < 0) return path;
  const input = path.split('/');
  const output: string[] = [];
  let changed = false;
  for (let i = 1; i < input.length; i++) {
    const segment = input[i] as string;
    const dots = dotSegment(segment);
    if (dots === 0) {
      output.push(segment);
      continue;
    }
    changed = true;
    if (dots === 2) {
      if (output.length === 0) return undefined;
      output.pop();
    }
    // A dot segment at the end leaves the directory it names: `/a/b/..` → `/a/`.
    if (i === input.length - 1) output.push('');
  }
  return changed ? `/${output.join('/')}` : path;
}
