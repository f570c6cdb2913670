/**
 * How a JWT authorizer hands claims on (`$context.authorizer.claims.*`, `requestContext.authorizer.jwt`):
 * every value a string, lists printed the way Go prints a slice (`[Admins Readers]`), as real events
 * show (https://github.com/DefinitelyTyped/DefinitelyTyped/issues/75458: `"exp":"1787996002"`; docs/reference/dataplane.md §5.1). Objects
 * are printed as Go prints a map (`map[k:v]`, keys sorted): our reading of the same rule.
 */
function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  if (value !== null && typeof value === 'object')
    return `map[${Object.keys(value)
      .sort()
      .map((key) => `${key}:${claimText((value as Record<string, unknown>)[key])}`)
      .join(' ')}]`;
  return '<nil>';
}

export function claimStrings(payload: Readonly<Record<string, unknown>>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) claims[name] = claimText(value);
  return claims;
}

/** The token's scopes: `scope` (space-separated, RFC 8693) or `scp` (a list or a string); null when it has neither. */
export function tokenScopes(payload: Readonly<Record<string, unknown>>): string[] | null {
  for (const name of ['scope', 'scp']) {
    const value = payload[name];
    if (typeof value === 'string') return value.split(' ').filter((scope) => scope !== '');
    if (Array.isArray(value)) return value.filter((scope): scope is string => typeof scope === 'string');
  }
  return null;
}
