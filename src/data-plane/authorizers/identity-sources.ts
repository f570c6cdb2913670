/**
 * An identity source (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html, "Identity sources"): `$request.header.<name>`
 * (case-insensitive), `$request.querystring.<name>` (case-sensitive), `$context.<variable>` or
 * `$stageVariables.<name>`.
 */
export type IdentitySource =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'querystring'; readonly name: string }
  | { readonly kind: 'context'; readonly name: string }
  | { readonly kind: 'stageVariable'; readonly name: string };

export function parseIdentitySource(expression: string): IdentitySource | undefined {
  const match = /^\$(request\.header|request\.querystring|context|stageVariables)\.(.+)$/.exec(expression.trim());
  if (match === null) return undefined;
  const name = match[2] as string;
  switch (match[1]) {
    case 'request.header':
      return { kind: 'header', name: name.toLowerCase() };
    case 'request.querystring':
      return { kind: 'querystring', name };
    case 'context':
      return { kind: 'context', name };
    default:
      return { kind: 'stageVariable', name };
  }
}
