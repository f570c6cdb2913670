import { timingSafeEqual } from 'node:crypto';
import { canonicalRequest, type HeaderMap, sha256Hex, stringToSign } from './canonical-request.js';
import { parseAuthorization, parsePresignedQuery, type ParsedSignature, type SignatureParts } from './parse-authorization.js';
import { signature, signingKey } from './signing-key.js';

/**
 * Verifies AWS Signature Version 4 the way AWS services do. Pure: it sees only the method,
 * path, query, headers and body, so the control plane and the data plane's AWS_IAM routes
 * can share it. Without configured credentials it accepts every request, signed or not, and
 * only reads the access key and region from the credential scope (what moto and LocalStack
 * do; docs/reference/controlplane.md §6).
 */

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** The IAM user the keys belong to (STS GetCallerIdentity answers with it); root when absent. */
  userName?: string;
}

export interface SignedRequest {
  method: string;
  /** The path exactly as sent, still percent-encoded, without the query. */
  path: string;
  /** The raw query string, without "?". */
  query: string;
  headers: HeaderMap;
  body: Uint8Array | string;
  /**
   * The body's SHA-256 (hex) when the body itself is not at hand (a proxy streaming it on): the
   * client's `x-amz-content-sha256`, which the signature covers. Used instead of hashing `body`.
   */
  payloadHash?: string;
}

export interface SigV4Identity {
  signed: boolean;
  accessKeyId?: string;
  region?: string;
  service?: string;
  userName?: string;
}

export type SigV4ErrorType =
  'InvalidSignatureException' | 'UnrecognizedClientException' | 'IncompleteSignatureException' | 'MissingAuthenticationTokenException';

export interface SigV4Error {
  type: SigV4ErrorType;
  status: 403;
  message: string;
}

export type SigV4Result = { ok: true; identity: SigV4Identity } | { ok: false; error: SigV4Error };

/** What the caller's service requires of a signature besides being correct. */
export interface SigV4Expectations {
  /** The signing name the scope must carry (`apigateway`, `sts`, `execute-api`). */
  service?: string;
  /** The regions the scope may name (the region this Portico serves); any when absent. */
  regions?: readonly string[];
  /**
   * 'signed': the body is always hashed, whatever `x-amz-content-sha256` says — `UNSIGNED-PAYLOAD`
   * and `STREAMING-*` are S3's, and a service that does not accept them (apigatewayv2, STS) must
   * not let a body escape the signature. Default 'declared': those values are taken as the payload hash.
   */
  payload?: 'signed' | 'declared';
}

/** The parts of a request known once its head has arrived: everything but the body. */
export type SignedRequestHead = Omit<SignedRequest, 'body' | 'payloadHash'>;

export interface SigV4Verifier {
  /** False when no credentials are configured: every request is accepted. */
  readonly enforcing: boolean;
  verify(request: SignedRequest, expected?: SigV4Expectations): SigV4Result;
  /**
   * Everything the head can prove, before a body is read: a signature present and well formed, a
   * known access key, a date within the skew window, the credential scope (date, region, service,
   * terminator), `host` signed. `verify` repeats these checks, then checks the signature itself.
   */
  checkHead(request: SignedRequestHead, expected?: SigV4Expectations): SigV4Result;
}

export interface SigV4VerifierOptions {
  /** Milliseconds since the epoch; injected so tests control time. */
  now?: () => number;
  /** AWS refuses signatures more than 15 minutes away from its clock. */
  maxSkewMs?: number;
}

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const UNSIGNED_PAYLOADS = /^(UNSIGNED-PAYLOAD|STREAMING-.+)$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const fail = (type: SigV4ErrorType, message: string): SigV4Result => ({ ok: false, error: { type, status: 403, message } });

function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : value?.[0];
}

function amzDateMs(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined;
}

function basicIso(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function locate(request: SignedRequestHead): ParsedSignature | undefined {
  const authorization = header(request.headers, 'authorization');
  if (authorization) return parseAuthorization(authorization);
  const query = new URLSearchParams(request.query);
  return query.has('X-Amz-Algorithm') ? parsePresignedQuery(query) : undefined;
}

function requestDate(request: SignedRequestHead, parts: SignatureParts): string | undefined {
  if (parts.presigned) return parts.presigned.amzDate;
  const amzDate = header(request.headers, 'x-amz-date');
  if (amzDate) return amzDate;
  const date = Date.parse(header(request.headers, 'date') ?? '');
  return Number.isNaN(date) ? undefined : basicIso(date);
}

function identityOf(parts: SignatureParts, userName?: string): SigV4Identity {
  return {
    signed: true,
    accessKeyId: parts.accessKeyId,
    region: parts.scope.region,
    service: parts.scope.service,
    ...(userName !== undefined ? { userName } : {}),
  };
}

export function createSigV4Verifier(credentials: readonly SigV4Credentials[] = [], options: SigV4VerifierOptions = {}): SigV4Verifier {
  const keys = new Map(credentials.map((credential) => [credential.accessKeyId, credential]));
  const now = options.now ?? Date.now;
  const maxSkewMs = options.maxSkewMs ?? 15 * 60_000;
  const enforcing = keys.size > 0;

  function checkScope(request: SignedRequestHead, parts: SignatureParts, expected: SigV4Expectations): SigV4Result | undefined {
    const credential = keys.get(parts.accessKeyId);
    if (!credential) return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
    const amzDate = requestDate(request, parts);
    const dateMs = amzDate === undefined ? undefined : amzDateMs(amzDate);
    if (amzDate === undefined || dateMs === undefined)
      return fail('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    const { scope } = parts;
    if (scope.terminator !== 'aws4_request')
      return fail(
        'InvalidSignatureException',
        `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'.`,
      );
    if (scope.date !== amzDate.slice(0, 8))
      return fail(
        'InvalidSignatureException',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      );
    if (expected.service !== undefined && scope.service !== expected.service)
      return fail('InvalidSignatureException', `Credential should be scoped to correct service: '${expected.service}'.`);
    // AWS's words for a scope naming another region (aws/aws-sdk-ruby#508, joona/aws-es-curl#15), then the region served here.
    if (expected.regions !== undefined && !expected.regions.includes(scope.region))
      return fail(
        'InvalidSignatureException',
        `Credential should be scoped to a valid region, not '${scope.region}'. This endpoint serves '${expected.regions[0] ?? ''}'.`,
      );
    const timeProblem = checkTime(parts, amzDate, dateMs, now(), maxSkewMs);
    if (timeProblem) return fail('InvalidSignatureException', timeProblem);
    if (!parts.signedHeaders.includes('host'))
      return fail('IncompleteSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    return undefined;
  }

  function check(request: SignedRequest, parts: SignatureParts, wanted: SigV4Expectations): SigV4Result {
    const problem = checkScope(request, parts, wanted);
    if (problem) return problem;
    const credential = keys.get(parts.accessKeyId) as SigV4Credentials;
    const { scope } = parts;
    const amzDate = requestDate(request, parts) as string;
    const declaredHash = header(request.headers, 'x-amz-content-sha256');
    const unsignedPayload = wanted.payload !== 'signed' && declaredHash !== undefined && UNSIGNED_PAYLOADS.test(declaredHash);
    const bodyHash = unsignedPayload ? declaredHash : (request.payloadHash ?? sha256Hex(request.body));
    if (declaredHash !== undefined && declaredHash !== bodyHash)
      return fail('InvalidSignatureException', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    const canonical = canonicalRequest({
      method: request.method,
      rawPath: request.path,
      rawQuery: request.query,
      headers: request.headers,
      signedHeaders: parts.signedHeaders,
      payloadHash: bodyHash,
      ...(parts.presigned ? { excludeQuery: 'X-Amz-Signature' } : {}),
    });
    const toSign = stringToSign(amzDate, parts.credentialScope, canonical);
    const expected = signature(signingKey(credential.secretAccessKey, scope.date, scope.region, scope.service), toSign);
    const given = Buffer.from(parts.signature.toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
      return fail(
        'InvalidSignatureException',
        `${MISMATCH}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
      );
    return { ok: true, identity: identityOf(parts, credential.userName) };
  }

  return {
    enforcing,
    verify(request, expected = {}) {
      const located = locate(request);
      if (!located) {
        return enforcing
          ? fail('MissingAuthenticationTokenException', 'Missing Authentication Token')
          : { ok: true, identity: { signed: false } };
      }
      if (!located.ok) return enforcing ? fail('IncompleteSignatureException', located.problem) : { ok: true, identity: { signed: false } };
      if (!enforcing) return { ok: true, identity: identityOf(located.value) };
      return check(request, located.value, expected);
    },
    checkHead(request, expected = {}) {
      const located = locate(request);
      if (!enforcing || located === undefined || !located.ok) return this.verify({ ...request, body: '' }, expected);
      return checkScope(request, located.value, expected) ?? { ok: true, identity: identityOf(located.value) };
    },
  };
}

function checkTime(parts: SignatureParts, amzDate: string, dateMs: number, nowMs: number, maxSkewMs: number): string | undefined {
  const minutes = Math.round(maxSkewMs / 60_000);
  if (parts.presigned) {
    const expiresAt = dateMs + parts.presigned.expiresSeconds * 1000;
    if (nowMs > expiresAt)
      return `Signature expired: ${basicIso(expiresAt)} is now earlier than ${basicIso(nowMs)} (${amzDate} + ${parts.presigned.expiresSeconds} s).`;
    if (dateMs - nowMs > maxSkewMs)
      return `Signature not yet current: ${amzDate} is still later than ${basicIso(nowMs + maxSkewMs)} (${basicIso(nowMs)} + ${minutes} min.)`;
    return undefined;
  }
  if (nowMs - dateMs > maxSkewMs)
    return `Signature expired: ${amzDate} is now earlier than ${basicIso(nowMs - maxSkewMs)} (${basicIso(nowMs)} - ${minutes} min.)`;
  if (dateMs - nowMs > maxSkewMs)
    return `Signature not yet current: ${amzDate} is still later than ${basicIso(nowMs + maxSkewMs)} (${basicIso(nowMs)} + ${minutes} min.)`;
  return undefined;
}
