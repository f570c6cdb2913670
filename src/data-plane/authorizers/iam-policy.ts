/**
 * Evaluation of the IAM policy a Lambda authorizer returns (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html):
 * `execute-api:Invoke` on the route's ARN. An explicit Deny wins, then an Allow; nothing matching
 * denies (IAM policy evaluation logic). `Condition` blocks are not evaluated (nothing to evaluate
 * them against here).
 */
export type PolicyResult = 'allow' | 'deny' | 'malformed';

function list(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** IAM wildcards: `*` any run of characters, `?` any one character. */
function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

export function evaluatePolicy(policy: unknown, resourceArn: string): PolicyResult {
  if (policy === null || typeof policy !== 'object') return 'malformed';
  const given = (policy as { Statement?: unknown }).Statement;
  const statements = Array.isArray(given) ? given : given !== undefined ? [given] : undefined;
  if (statements === undefined) return 'malformed';
  let allowed = false;
  for (const statement of statements) {
    if (statement === null || typeof statement !== 'object') return 'malformed';
    const { Effect: effect, Action: action, Resource: resource } = statement as Record<string, unknown>;
    if (effect !== 'Allow' && effect !== 'Deny') return 'malformed';
    const actions = list(action);
    const resources = list(resource);
    if (actions === undefined || resources === undefined) return 'malformed';
    const matches =
      actions.some((pattern) => glob(pattern, 'execute-api:Invoke', true)) &&
      resources.some((pattern) => glob(pattern, resourceArn, false));
    if (!matches) continue;
    if (effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'deny';
}
