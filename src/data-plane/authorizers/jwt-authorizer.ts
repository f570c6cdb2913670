import type { ProtectedHeaderParameters } from 'jose';
import type { Clock } from '../../model/index.js';
import type { AuthorizerPlan } from './authorizer-plan.js';
import type { AuthorizerDecision } from './decision.js';
import { loadJose } from './load-jose.js';
import type { JwksCache } from './jwks-cache.js';
import { claimStrings, tokenScopes } from './jwt-claims.js';

type JwtPlan = Extract<AuthorizerPlan, { kind: 'jwt' }>;

/** JWT authorizers verify RSA signatures only (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html). */
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/**
 * A refusal as AWS words it: 401 with `www-authenticate: Bearer scope="…" error="invalid_token"
 * error_description="…"` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html, whose one published description is
 * "the token does not have a valid audience"; the others are ours, in the same style).
 */
function invalid(plan: JwtPlan, description: string): AuthorizerDecision {
  return {
    kind: 'deny',
    status: 'Unauthorized',
    error: description,
    headers: ['www-authenticate', `Bearer scope="${plan.scopes.join(' ')}" error="invalid_token" error_description="${description}"`],
  };
}

function audienceMatches(plan: JwtPlan, payload: Record<string, unknown>): boolean {
  // `aud` when present, else `client_id` (Cognito access tokens); if both exist only `aud` counts.
  const aud = payload['aud'];
  const given = aud !== undefined ? (Array.isArray(aud) ? aud : [aud]) : payload['client_id'] !== undefined ? [payload['client_id']] : [];
  return given.some((value) => typeof value === 'string' && plan.audience.includes(value));
}

/**
 * Verify a bearer token as a JWT authorizer does (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): `kid` names a
 * key of the issuer's JWKS, the RSA signature holds, `iss` equals the issuer, `aud` (or
 * `client_id`) is an allowed audience, `exp` is in the future and `nbf`/`iat` are not, with no
 * clock skew. A valid token without one of the route's scopes (`scope` or `scp`) is 403.
 */
export async function verifyJwt(plan: JwtPlan, value: string | undefined, jwks: JwksCache, clock: Clock): Promise<AuthorizerDecision> {
  if (value === undefined || value.trim() === '')
    return { kind: 'deny', status: 'Unauthorized', error: 'the identity source is missing', headers: ['www-authenticate', 'Bearer'] };
  // Both a raw token and `Bearer <token>` are accepted.
  const token = value.replace(/^\s*bearer\s+/i, '').trim();
  const { compactVerify, decodeProtectedHeader } = await loadJose();
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return invalid(plan, 'the token is malformed');
  }
  if (typeof header.alg !== 'string' || !ALGORITHMS.has(header.alg))
    return invalid(plan, `signing method ${String(header.alg)} is invalid`);
  if (typeof header.kid !== 'string') return invalid(plan, 'the token has no kid');
  const key = await jwks.key(plan.issuer, header.kid, header.alg);
  if (!key.ok) return invalid(plan, key.problem);
  let payload: Record<string, unknown>;
  try {
    const verified = await compactVerify(token, key.key, { algorithms: [header.alg] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('claims are not an object');
  } catch {
    return invalid(plan, 'the token signature is invalid');
  }
  const now = clock.now() / 1000;
  if (payload['iss'] !== plan.issuer) return invalid(plan, 'the token does not have a valid issuer');
  if (!audienceMatches(plan, payload)) return invalid(plan, 'the token does not have a valid audience');
  const exp = payload['exp'];
  if (typeof exp !== 'number' || exp <= now) return invalid(plan, 'the token has expired');
  const nbf = payload['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now)) return invalid(plan, 'the token is not valid yet');
  const iat = payload['iat'];
  if (iat !== undefined && (typeof iat !== 'number' || iat > now)) return invalid(plan, 'the token was issued in the future');
  const scopes = tokenScopes(payload);
  if (plan.scopes.length > 0 && !plan.scopes.some((scope) => scopes?.includes(scope)))
    // RFC 6750 §3.1 insufficient_scope, with 403 as AWS answers (yulin, observed; docs/reference/dataplane.md §6.1).
    return {
      kind: 'deny',
      status: 'Forbidden',
      error: 'the token does not have the required scope',
      headers: [
        'www-authenticate',
        `Bearer scope="${plan.scopes.join(' ')}" error="insufficient_scope" error_description="the token does not have the required scope"`,
      ],
    };
  return { kind: 'allow', authorization: { kind: 'jwt', claims: claimStrings(payload), scopes } };
}
